// The timeline upsert the intake defers: an entry is unique by (incident, source, sourceId), so a re-sent
// event updates its entry instead of adding a second one. As in the Prisma repository, `edits` is written
// only when the entry carries them (a chat message's earlier versions).
import type { TimelineEntry } from "../../domain/timeline.ts";
import type { SqlTransaction } from "./sql-transaction.ts";

const UPSERT = `INSERT INTO timeline_entries (id, incident_id, type, source, source_id, occurred_at, author, body, data)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)
  ON CONFLICT (incident_id, source, source_id) DO UPDATE
    SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, author = EXCLUDED.author, body = EXCLUDED.body, data = EXCLUDED.data`;

const UPSERT_WITH_EDITS = `INSERT INTO timeline_entries (id, incident_id, type, source, source_id, occurred_at, author, body, data, edits)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,$10::jsonb)
  ON CONFLICT (incident_id, source, source_id) DO UPDATE
    SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, author = EXCLUDED.author, body = EXCLUDED.body,
      data = EXCLUDED.data, edits = EXCLUDED.edits`;

/** Queues the entry's upsert; it runs with the transaction's next statement or its commit. */
export function deferTimelineAppend(tx: SqlTransaction, e: TimelineEntry): void {
  const params = [
    e.id,
    e.incidentId,
    e.type,
    e.source,
    e.sourceId,
    e.occurredAt,
    e.author,
    e.body,
    JSON.stringify(e.data),
  ];
  if (e.edits === undefined) tx.defer("timeline_append", UPSERT, params);
  else tx.defer("timeline_append_edits", UPSERT_WITH_EDITS, [...params, JSON.stringify(e.edits)]);
}
