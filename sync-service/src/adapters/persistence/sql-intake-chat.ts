// Chat events on the raw driver (see sql-intake.ts for why intake bypasses Prisma): the delivery recorded, the
// message locked and everything its merge needs read in one statement, the merged message written with the commit.
import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../../domain/chat-message.ts";
import { chatSourceId } from "../../domain/chat-mirror.ts";
import type { MirrorMode } from "../../domain/conversation.ts";
import type { ChatIntake } from "../../ports/chat-intake.ts";
import { toMessage } from "./conversation-repository.ts";
import type * as db from "./generated/client.ts";
import { fromSqlRow, toConversationDefaults } from "./mappers.ts";
import type { SqlTransaction } from "./sql-transaction.ts";

// The same lock as the Prisma repository's lockMessage, so the job path and this one apply events one at a time.
const LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

// `one` keeps a row when the channel is no incident's. The insert's row is not visible to this statement's reads,
// so `recorded` says only whether the delivery is new. People ($7) are a JSON array: batched statements inline
// their parameters as literals, and arrays are not inlined.
const RECORD_AND_READ = `WITH recorded AS (
    INSERT INTO inbound_deliveries (id, source, delivery_key, payload) VALUES ($1, 'slack', $2, $3::jsonb)
    ON CONFLICT DO NOTHING RETURNING id)
  SELECT EXISTS (SELECT 1 FROM recorded) AS recorded, c.incident_id, c.mirror_mode, c.mirror_reaction, s.chat_settings,
    (SELECT to_jsonb(m.*) FROM chat_messages m WHERE m.channel_id = $4 AND m.ts = $5) AS message,
    (SELECT t.id FROM timeline_entries t
      WHERE t.incident_id = c.incident_id AND t.source = 'slack' AND t.source_id = $6) AS entry_id,
    (SELECT jsonb_object_agg(u.id, u.name) FROM chat_users u WHERE u.id IN (
      SELECT jsonb_array_elements_text($7::jsonb)
      UNION SELECT m.user_id FROM chat_messages m WHERE m.channel_id = $4 AND m.ts = $5
      UNION SELECT v ->> 'userId' FROM chat_messages m, jsonb_array_elements(m.versions) v
        WHERE m.channel_id = $4 AND m.ts = $5)) AS names,
    (i.status = 'resolved' AND EXISTS (
      SELECT 1 FROM postmortems p WHERE p.incident_id = i.id AND p.page_id IS NOT NULL)) AS refreshable
  FROM (VALUES (1)) AS one (x)
  LEFT JOIN incident_channels c ON c.channel_id = $4
  LEFT JOIN incidents i ON i.id = c.incident_id
  LEFT JOIN services s ON s.id = i.service_id`;

const SAVE_MESSAGE = `INSERT INTO chat_messages
    (channel_id, ts, incident_id, user_id, text, thread_ts, versions, pinned, pin_ts, reactions, deleted_ts)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11)
  ON CONFLICT (channel_id, ts) DO UPDATE SET incident_id = EXCLUDED.incident_id, user_id = EXCLUDED.user_id,
    text = EXCLUDED.text, thread_ts = EXCLUDED.thread_ts, versions = EXCLUDED.versions, pinned = EXCLUDED.pinned,
    pin_ts = EXCLUDED.pin_ts, reactions = EXCLUDED.reactions, deleted_ts = EXCLUDED.deleted_ts`;

type Row = Record<string, any>;

export function sqlIntakeChat(tx: SqlTransaction): ChatIntake {
  return {
    async recordAndRead(delivery, { channelId, ts }, people) {
      tx.defer("chat_lock", LOCK, [`chat:${channelId}:${ts}`]);
      const [row] = await tx.query<Row>("fw_chat_record_and_read", RECORD_AND_READ, [
        randomUUID(),
        delivery.eventId,
        JSON.stringify(delivery.payload ?? null),
        channelId,
        ts,
        chatSourceId(channelId, ts),
        JSON.stringify(people),
      ]);
      if (!row!.recorded) return "duplicate";
      if (!row!.incident_id) return "not_incident_channel";
      const service = toConversationDefaults(row!.chat_settings);
      return {
        incidentId: row!.incident_id,
        policy: row!.mirror_mode
          ? { mode: row!.mirror_mode as MirrorMode, reaction: row!.mirror_reaction }
          : { mode: service.mode, reaction: service.reaction },
        message: row!.message ? toMessage(fromSqlRow<db.ChatMessage>(row!.message)) : null,
        entryId: row!.entry_id,
        names: new Map(Object.entries((row!.names ?? {}) as Record<string, string>)),
        refreshable: row!.refreshable === true,
      };
    },
    async saveMessage(m: ChatMessage) {
      tx.defer("chat_save_message", SAVE_MESSAGE, [
        m.channelId,
        m.ts,
        m.incidentId,
        m.userId,
        m.text,
        m.threadTs,
        JSON.stringify(m.versions),
        m.pinned,
        m.pinTs,
        JSON.stringify(m.reactions),
        m.deletedTs,
      ]);
    },
  };
}
