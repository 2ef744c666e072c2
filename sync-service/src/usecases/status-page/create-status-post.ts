import { randomUUID } from "node:crypto";
import type { Principal } from "../../domain/principal.ts";
import {
  newStatusPost,
  type ComponentChange,
  type StatusPost,
  type StatusPostStatus,
} from "../../domain/status-post.ts";
import { statusPageEntries } from "../../domain/status-post-entries.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
import { incidentKey } from "../../domain/incident.ts";

export interface StatusPostInput {
  readonly status: StatusPostStatus;
  /** The public incident's name; absent keeps the one it has (the internal title at first). */
  readonly title?: string;
  readonly body: string;
  readonly components?: readonly ComponentChange[];
  readonly deliverNotifications?: boolean;
}

/**
 * Queues an update for the public status page (created with the first post). The post is on the
 * timeline at once as pending; the publish job sends posts one at a time, in order.
 * @throws NotFoundUseCaseError, InvalidInputDomainError, ForbiddenUseCaseError
 */
export async function createStatusPost(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  input: StatusPostInput,
  via: "api" | "chat" = "api",
): Promise<StatusPost> {
  requireResponder(by, "Only a responder can post to the status page.");
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    if (incident.drill) {
      throw new ConflictUseCaseError(
        "STATUS_POST.DRILL",
        `${incidentKey(incident)} is a drill: a practice incident never posts to the public status page.`,
      );
    }
    const post = newStatusPost(
      {
        id: randomUUID(),
        incidentId: incident.id,
        status: input.status,
        title: input.title ?? null,
        body: input.body,
        components: input.components ?? [],
        // Telling the page's subscribers (e-mail, SMS) is a choice made per post, never a default.
        deliverNotifications: input.deliverNotifications ?? false,
        createdBy: by.name,
      },
      deps.clock.now(),
    );
    await tx.statusPosts.insert(post);
    const entry = statusPageEntries.posted(post, by.name, null);
    await recordIncidentChange(
      tx,
      { kind: "status-post", incidentId: incident.id, at: post.createdAt },
      { ...entry, data: { ...entry.data, via } },
    );
    return post;
  });
}
