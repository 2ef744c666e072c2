import { randomUUID } from "node:crypto";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Principal } from "../../domain/principal.ts";
import type { TimelineEntry } from "../../domain/timeline.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";
import { recordIncidentChange } from "./fan-out.ts";

export const MAX_NOTE_LENGTH = 32_000;

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
    const note = timelineEntries.note(incident.id, randomUUID(), by, text, via, deps.clock.now());
    const [entry] = await recordIncidentChange(
      tx,
      { kind: "note", incidentId: incident.id, entryId: note.id, at: note.occurredAt },
      note,
    );
    return entry!;
  });
}
