import { InvalidInputDomainError } from "../../domain/errors.ts";
import { hasRole, type Principal } from "../../domain/principal.ts";
import { isEditableByPeople, type StoredTimelineEntry, type TimelineSource } from "../../domain/timeline.ts";
import { isStorableInstant } from "../../domain/storable-instant.ts";
import type { TimelineCursor } from "../../ports/repositories.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { MAX_NOTE_LENGTH } from "./add-note.ts";
import { ConflictUseCaseError, ForbiddenUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";

export const MAX_TIMELINE_PAGE = 500;

export interface TimelineQuery {
  readonly sources?: readonly TimelineSource[];
  readonly types?: readonly string[];
  readonly keyMomentsOnly?: boolean;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface TimelinePage {
  readonly entries: StoredTimelineEntry[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** An opaque cursor: the (occurredAt, seq) of the last entry of a page. */
function encodeCursor(entry: StoredTimelineEntry): string {
  return Buffer.from(`${entry.occurredAt.getTime()}:${entry.seq}`).toString("base64url");
}

/** The largest `seq` PostgreSQL's bigint holds. */
const MAX_SEQ = 2n ** 63n - 1n;

function decodeCursor(cursor: string): TimelineCursor {
  const match = /^(\d{1,16}):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  const occurredAt = new Date(Number(match?.[1]));
  const seq = match ? BigInt(match[2]!) : 0n;
  // Digits alone are not enough: a forged cursor may name an instant or a sequence number the database cannot hold.
  if (!match || !isStorableInstant(occurredAt) || seq > MAX_SEQ) {
    throw new InvalidInputDomainError(
      "TIMELINE.BAD_CURSOR",
      "`cursor` is not one this API gave out; pass `nextCursor` from the previous page unchanged.",
    );
  }
  return { occurredAt, seq };
}

/** A page of the incident's timeline, oldest first. @throws NotFoundUseCaseError, InvalidInputDomainError */
export async function readTimeline(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  query: TimelineQuery,
): Promise<TimelinePage> {
  const limit = query.limit ?? 200;
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const rows = await tx.timeline.page(incident.id, { ...query, ...(after ? { after } : {}), limit: limit + 1 });
    const entries = rows.slice(0, limit);
    return { entries, nextCursor: rows.length > limit ? encodeCursor(entries.at(-1)!) : null };
  });
}

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
  if (!hasRole(by, "responder"))
    throw new ForbiddenUseCaseError("AUTH.RESPONDER_REQUIRED", "Only a responder can change timeline entries.");
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
