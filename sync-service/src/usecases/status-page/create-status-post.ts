import { randomUUID } from "node:crypto";
import type { Principal } from "../../domain/principal.ts";
import {
  newStatusPost,
  type ComponentChange,
  type StatusPost,
  type StatusPostStatus,
} from "../../domain/status-post.ts";
import { conversationChanged } from "../chat/chat-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { STATUS_PUBLISH_TASK, statusPostEntry } from "./status-page-deps.ts";

export interface StatusPostInput {
  readonly status: StatusPostStatus;
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
    const post = newStatusPost(
      {
        id: randomUUID(),
        incidentId: incident.id,
        status: input.status,
        body: input.body,
        components: input.components ?? [],
        deliverNotifications: input.deliverNotifications ?? true,
        createdBy: by.name,
      },
      deps.clock.now(),
    );
    await tx.statusPosts.insert(post);
    const entry = statusPostEntry(post, by.name, null);
    await tx.timeline.append({ ...entry, data: { ...entry.data, via } });
    await tx.jobs.enqueue({
      task: STATUS_PUBLISH_TASK,
      key: `status_publish:${incident.id}`,
      payload: { incidentId: incident.id },
    });
    await conversationChanged(tx, incident.id);
    return post;
  });
}
