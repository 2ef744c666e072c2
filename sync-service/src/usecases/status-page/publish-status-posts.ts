import { componentStatesAfter, type StatusPost } from "../../domain/status-post.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { RemoteStatusIncident, StatusPagePort } from "../../ports/status-page-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { conversationChanged } from "../chat/chat-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import { statusPageEntries } from "../../domain/status-post-entries.ts";
import { STATUS_PAGE_INTEGRATION, type StatusPageDeps } from "./status-page-deps.ts";

/**
 * Publishes the incident's unsettled posts in order. A post is marked `sending` before its request; if a
 * run finds one still `sending`, an earlier run may have published it before crashing, so the remote
 * incident is read first and a matching update is adopted instead of posting again.
 */
export async function publishStatusPosts(deps: StatusPageDeps, incidentId: string): Promise<void> {
  for (;;) {
    const next = await deps.uow.run(async (tx) => {
      const post = await tx.statusPosts.nextUnsettled(incidentId);
      if (post?.state === "pending") await tx.statusPosts.update({ ...post, state: "sending" });
      const incident = await tx.incidents.get(incidentId);
      return (
        post &&
        incident && {
          post,
          link: await tx.statusPosts.link(incidentId),
          title: incident.title,
          tenantId: incident.tenantId,
        }
      );
    });
    if (!next) return;
    try {
      const remote = await withIntegrationHealth(deps, next.tenantId, STATUS_PAGE_INTEGRATION, () =>
        send(deps.statusPage, next.post, next.link?.remoteId ?? null, next.title),
      );
      await deps.uow.run((tx) => recordPublished(deps, tx, next.post, remote));
    } catch (error) {
      if (!isIntegrationError(error, "rejected")) throw error;
      await deps.uow.run((tx) => recordFailed(tx, next.post, error.message));
    }
    await deps.uow.run((tx) => conversationChanged(tx, incidentId));
  }
}

async function send(
  port: StatusPagePort,
  post: StatusPost,
  remoteId: string | null,
  title: string,
): Promise<{ remote: RemoteStatusIncident; updateId: string }> {
  const request = {
    ...(post.title ? { name: post.title } : {}),
    status: post.status,
    body: post.body,
    components: post.components,
    deliverNotifications: post.deliverNotifications,
  };
  if (post.state === "sending") {
    const remote = remoteId ? await port.get(remoteId) : await port.findByIncident(post.incidentId);
    const sent = remote?.updates.find(
      (u) =>
        u.body === post.body && u.status === post.status && u.createdAt.getTime() >= post.createdAt.getTime() - 60_000,
    );
    if (remote && sent) return { remote, updateId: sent.id };
    if (remote && !remoteId) return withNewest(await port.update(remote.id, request));
  }
  return withNewest(
    remoteId ? await port.update(remoteId, request) : await port.create(post.title ?? title, post.incidentId, request),
  );
}

function withNewest(remote: RemoteStatusIncident): { remote: RemoteStatusIncident; updateId: string } {
  const newest = remote.updates[0];
  if (!newest) throw new RetryLaterJobError(`Status page incident ${remote.id} answered without updates`, 30_000);
  return { remote, updateId: newest.id };
}

async function recordPublished(
  deps: UseCaseDeps,
  tx: Transaction,
  post: StatusPost,
  sent: { remote: RemoteStatusIncident; updateId: string },
): Promise<void> {
  const published: StatusPost = {
    ...post,
    state: "published",
    remoteUpdateId: sent.updateId,
    publishedAt: deps.clock.now(),
    error: null,
  };
  await tx.statusPosts.update(published);
  const link = await tx.statusPosts.link(post.incidentId);
  await tx.statusPosts.saveLink({
    incidentId: post.incidentId,
    remoteId: sent.remote.id,
    shortlink: sent.remote.shortlink ?? link?.shortlink ?? null,
    componentStates: componentStatesAfter(link?.componentStates ?? {}, post),
  });
  await rewriteEntry(tx, published, { incidentId: sent.remote.id, shortlink: sent.remote.shortlink });
}

async function recordFailed(tx: Transaction, post: StatusPost, error: string): Promise<void> {
  const failed: StatusPost = { ...post, state: "failed", error };
  await tx.statusPosts.update(failed);
  const link = await tx.statusPosts.link(post.incidentId);
  await rewriteEntry(tx, failed, link && { incidentId: link.remoteId, shortlink: link.shortlink });
}

async function rewriteEntry(
  tx: Transaction,
  post: StatusPost,
  remote: { incidentId: string; shortlink: string | null } | null,
): Promise<void> {
  const current = await tx.timeline.findBySource(post.incidentId, "firewatch", `status_post:${post.id}`);
  const entry = statusPageEntries.posted(post, current?.author ?? post.createdBy, remote);
  await tx.timeline.append({
    ...entry,
    id: current?.id ?? entry.id,
    data: { ...entry.data, via: current?.data.via ?? "api" },
  });
}
