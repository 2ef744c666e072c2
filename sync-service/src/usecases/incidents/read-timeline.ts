import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Principal } from "../../domain/principal.ts";
import type { StoredTimelineEntry, TimelineSource } from "../../domain/timeline.ts";
import { isStorableInstant } from "../../domain/storable-instant.ts";
import type { TimelineCursor } from "../../ports/repositories.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
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
