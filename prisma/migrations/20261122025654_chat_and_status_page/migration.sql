-- DropIndex
DROP INDEX "timeline_entries_incident_id_occurred_at_idx";

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "chat_settings" JSONB NOT NULL DEFAULT '{"channelSeverities": ["SEV1", "SEV2"], "mirrorMode": "all", "mirrorReaction": null}';

-- AlterTable
ALTER TABLE "timeline_entries" ADD COLUMN     "announced_at" TIMESTAMPTZ(3),
ADD COLUMN     "edits" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "key_moment" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateTable
CREATE TABLE "incident_channels" (
    "incident_id" UUID NOT NULL,
    "channel_id" TEXT,
    "channel_name" TEXT NOT NULL,
    "mirror_mode" TEXT,
    "mirror_reaction" TEXT,
    "summary_ts" TEXT,
    "summary_revision" INTEGER NOT NULL DEFAULT 0,
    "invited" JSONB NOT NULL DEFAULT '[]',
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ready_at" TIMESTAMPTZ(3),

    CONSTRAINT "incident_channels_pkey" PRIMARY KEY ("incident_id")
);

-- CreateTable
CREATE TABLE "chat_messages" (
    "channel_id" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "incident_id" UUID NOT NULL,
    "user_id" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "thread_ts" TEXT,
    "versions" JSONB NOT NULL DEFAULT '[]',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "pin_ts" TEXT,
    "reactions" JSONB NOT NULL DEFAULT '{}',
    "deleted_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_messages_pkey" PRIMARY KEY ("channel_id","ts")
);

-- CreateTable
CREATE TABLE "chat_users" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_posts" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "components" JSONB NOT NULL DEFAULT '[]',
    "deliver_notifications" BOOLEAN NOT NULL DEFAULT true,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "remote_update_id" TEXT,
    "error" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "status_posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_page_incidents" (
    "incident_id" UUID NOT NULL,
    "remote_id" TEXT NOT NULL,
    "shortlink" TEXT,
    "component_states" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_page_incidents_pkey" PRIMARY KEY ("incident_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incident_channels_channel_id_key" ON "incident_channels"("channel_id");

-- CreateIndex
CREATE INDEX "chat_messages_incident_id_idx" ON "chat_messages"("incident_id");

-- CreateIndex
CREATE INDEX "status_posts_incident_id_created_at_idx" ON "status_posts"("incident_id", "created_at");

-- CreateIndex
CREATE INDEX "status_posts_remote_update_id_idx" ON "status_posts"("remote_update_id");

-- CreateIndex
CREATE UNIQUE INDEX "status_page_incidents_remote_id_key" ON "status_page_incidents"("remote_id");

-- CreateIndex
CREATE INDEX "timeline_entries_incident_id_occurred_at_seq_idx" ON "timeline_entries"("incident_id", "occurred_at", "seq");
