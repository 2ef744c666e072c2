-- Jira signs a webhook's body, not its X-Atlassian-Webhook-Identifier header: a captured body resent
-- under a new identifier must be a duplicate. Deliveries now also carry the event's identity as the
-- body tells it (sync-service/src/adapters/jira/jira-webhook-identity.ts), unique per source.

-- AlterTable
ALTER TABLE "inbound_deliveries" ADD COLUMN     "event_key" TEXT;

-- Backfill: the Jira deliveries recorded so far get the same key jiraEventKey() gives, so a replay of one
-- of them is refused too. Where one event was recorded twice before (a replay, or two webhooks), only
-- the first keeps the key. Bodies without a numeric timestamp keep none (their raw bytes are gone).
WITH keyed AS (
  SELECT d.id, d.received_at,
    'event:' || encode(sha256(convert_to(concat_ws(E'\n',
      d.payload->>'webhookEvent',
      CASE WHEN jsonb_typeof(d.payload->'issue_event_type_name') = 'string' THEN d.payload->>'issue_event_type_name' ELSE '' END,
      d.payload->>'timestamp',
      coalesce((
        SELECT string_agg(e.key || '=' || (e.value->>'id'), ',' ORDER BY e.key COLLATE "C")
        FROM jsonb_each(d.payload) AS e
        WHERE jsonb_typeof(e.value) = 'object' AND jsonb_typeof(e.value->'id') IN ('string', 'number')
      ), '')
    ), 'UTF8')), 'hex') AS event_key
  FROM "inbound_deliveries" AS d
  WHERE d.source = 'jira' AND jsonb_typeof(d.payload) = 'object'
    AND jsonb_typeof(d.payload->'webhookEvent') = 'string' AND jsonb_typeof(d.payload->'timestamp') = 'number'
), first AS (
  SELECT DISTINCT ON (event_key) id, event_key FROM keyed ORDER BY event_key, received_at, id
)
UPDATE "inbound_deliveries" AS d SET "event_key" = first.event_key FROM first WHERE d.id = first.id;

-- CreateIndex
CREATE UNIQUE INDEX "inbound_deliveries_source_event_key_key" ON "inbound_deliveries"("source", "event_key");
