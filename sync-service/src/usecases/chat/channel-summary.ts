import { bridgeFor } from "../crisis/bridge.ts";
import { incidentKey } from "../../domain/incident.ts";
import type { IncidentChannel } from "../../domain/conversation.ts";
import type { IncidentSummary } from "../../ports/chat-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { ChatDeps } from "./chat-deps.ts";

/** Posts and pins the incident's summary in its channel once, then rewrites it whenever what it shows changes. */
export async function refreshSummary(
  deps: ChatDeps,
  channel: IncidentChannel,
  channelId: string,
  siteUrl: string | null,
): Promise<void> {
  const { summary, revision } = await deps.uow.run((tx) => summaryOf(deps, tx, channel.incidentId, siteUrl));
  if (channel.summaryTs) {
    if (channel.summaryRevision === revision) return;
    await deps.chat.updateSummary(channelId, channel.summaryTs, summary);
    await deps.uow.run((tx) => tx.conversations.updateChannel(channel.incidentId, { summaryRevision: revision }));
    return;
  }
  const marker = { kind: "summary" as const, incidentId: channel.incidentId };
  const ts = (await deps.chat.findMarked(channelId, marker)) ?? (await deps.chat.postSummary(channelId, summary));
  await deps.chat.pin(channelId, ts);
  await deps.uow.run((tx) =>
    tx.conversations.updateChannel(channel.incidentId, { summaryTs: ts, summaryRevision: revision }),
  );
}

/**
 * The summary and a fingerprint of everything it shows: the incident revision alone misses links
 * and status-page posts, which change the summary without changing the incident.
 */
async function summaryOf(
  deps: ChatDeps,
  tx: Transaction,
  incidentId: string,
  siteUrl: string | null,
): Promise<{ summary: IncidentSummary; revision: number }> {
  const incident = (await tx.incidents.get(incidentId))!;
  const owner = incident.ownerId ? await tx.oncall.getUser(incident.ownerId) : null;
  const links = (await tx.links.listOf(incidentId)).filter((l) => l.state === "linked" && l.issueKey);
  const statusLink = await tx.statusPosts.link(incidentId);
  const postmortem = await tx.postmortems.get(incidentId);
  const summary: IncidentSummary = {
    incidentId,
    key: incidentKey(incident),
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    ownerName: owner?.name ?? null,
    incidentUrl: `${deps.publicUrl}/incidents/${incidentKey(incident)}`,
    tickets: links.map((l) => ({
      key: l.issueKey!,
      url: siteUrl ? `${siteUrl}/browse/${l.issueKey}` : null,
      status: l.statusName,
    })),
    statusPageUrl: statusLink?.shortlink ?? null,
    bridge: await bridgeFor(tx, incident),
    postmortemUrl: postmortem?.pageUrl ?? null,
    drill: incident.drill,
  };
  return { summary, revision: fingerprint(JSON.stringify(summary)) };
}

/** A 31-bit FNV-1a hash: enough to tell "the summary changed" without storing it. */
function fingerprint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 1 || 1;
}
