import { randomUUID } from "node:crypto";
import { postmortemChanged } from "../postmortem/postmortems.ts";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Principal } from "../../domain/principal.ts";
import type { TimelineEntry } from "../../domain/timeline.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { conversationChanged } from "../chat/chat-deps.ts";
import { findIncident } from "../shared/find-incident.ts";

export const MAX_NOTE_LENGTH = 32_000;
export const NOTE_TO_TICKETS_TASK = "ticket.comment";

/** Adds a person's note to the incident timeline. @throws NotFoundUseCaseError, InvalidInputDomainError */
export async function addNote(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  body: string,
  via: "api" | "chat" = "api",
): Promise<TimelineEntry> {
  const text = body.trim();
  if (!text) throw new InvalidInputDomainError("NOTE.BODY_REQUIRED", "A note needs a non-blank `body`.");
  if (text.length > MAX_NOTE_LENGTH) {
    throw new InvalidInputDomainError("NOTE.BODY_TOO_LONG", `A note has at most ${MAX_NOTE_LENGTH} characters.`);
  }
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const id = randomUUID();
    const entry: TimelineEntry = {
      id,
      incidentId: incident.id,
      type: "note",
      source: "firewatch",
      sourceId: `note:${id}`,
      occurredAt: deps.clock.now(),
      author: by.name,
      body: text,
      data: { userId: by.userId, via },
    };
    await tx.timeline.append(entry);
    await tx.jobs.enqueue({
      task: NOTE_TO_TICKETS_TASK,
      key: `ticket_comment:${entry.id}`,
      payload: { incidentId: incident.id, entryId: entry.id },
    });
    await conversationChanged(tx, incident.id);
    await postmortemChanged(tx, incident.id, entry.occurredAt);
    return entry;
  });
}
