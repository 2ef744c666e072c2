import { InvalidInputDomainError } from "../../domain/errors.ts";
import { hasRole, type Principal } from "../../domain/principal.ts";
import { isEditableByPeople, type StoredTimelineEntry } from "../../domain/timeline.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, ForbiddenUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { MAX_NOTE_LENGTH } from "./add-note.ts";

export interface EntryChanges {
  readonly keyMoment?: boolean;
  readonly body?: string;
}

/**
 * Marks or unmarks a key moment (any entry; responders), or rewrites a note (its author or an admin),
 * keeping the earlier body in the entry's edit history.
 * @throws NotFoundUseCaseError, ForbiddenUseCaseError, ConflictUseCaseError for entries people may not rewrite
 */
export async function changeTimelineEntry(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  entryId: string,
  changes: EntryChanges,
): Promise<StoredTimelineEntry> {
  requireResponder(by, "Only a responder can change timeline entries.");
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const entry = await tx.timeline.get(entryId);
    if (!entry || entry.incidentId !== incident.id) throw new NotFoundUseCaseError("entry", entryId);
    if (changes.body !== undefined) {
      if (!isEditableByPeople(entry)) {
        throw new ConflictUseCaseError(
          "TIMELINE.NOT_EDITABLE",
          `A ${entry.type} entry records what ${entry.source} reported; only notes can be rewritten. Add a note instead.`,
        );
      }
      if (entry.data.userId !== by.userId && !hasRole(by, "admin"))
        throw new ForbiddenUseCaseError("TIMELINE.NOT_AUTHOR", "Only the note's author or an admin can rewrite it.");
      const body = changes.body.trim();
      if (!body) throw new InvalidInputDomainError("NOTE.BODY_REQUIRED", "A note needs a non-blank `body`.");
      if (body.length > MAX_NOTE_LENGTH)
        throw new InvalidInputDomainError("NOTE.BODY_TOO_LONG", `A note has at most ${MAX_NOTE_LENGTH} characters.`);
      if (body !== entry.body)
        await tx.timeline.edit(entry.id, body, [
          ...entry.edits,
          { body: entry.body, editedAt: deps.clock.now().toISOString(), editedBy: by.name },
        ]);
    }
    if (changes.keyMoment !== undefined && changes.keyMoment !== entry.keyMoment)
      await tx.timeline.setKeyMoment(entry.id, changes.keyMoment);
    return (await tx.timeline.get(entry.id))!;
  });
}
