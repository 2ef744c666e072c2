// The timeline upsert the intake defers: an entry is unique by (incident, source, sourceId), so a re-sent
// event updates its entry instead of adding a second one.
import type { TimelineEntry } from "../../domain/timeline.ts";

export const TIMELINE_INSERT = `INSERT INTO timeline_entries (id, incident_id, type, source, source_id, occurred_at, author, body, data)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)
  ON CONFLICT (incident_id, source, source_id) DO UPDATE
    SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, author = EXCLUDED.author, body = EXCLUDED.body, data = EXCLUDED.data`;

export const timelineParams = (e: TimelineEntry) => [
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
