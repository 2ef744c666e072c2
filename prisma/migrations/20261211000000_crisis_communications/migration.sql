-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "conference_bridge" JSONB;

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "conference_bridge" JSONB,
ADD COLUMN     "response_play_id" UUID,
ADD COLUMN     "subscribers" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "status_posts" ADD COLUMN     "title" TEXT;

-- CreateTable
CREATE TABLE "incident_subscribers" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_subscribers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_updates" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "author_id" UUID,
    "author_name" TEXT NOT NULL,
    "play_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "status_updates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_update_deliveries" (
    "id" UUID NOT NULL,
    "status_update_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "user_id" UUID,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "provider_id" TEXT,
    "error" TEXT,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "status_update_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "response_plays" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "response_plays_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_play_runs" (
    "incident_id" UUID NOT NULL,
    "play_id" UUID NOT NULL,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "first_run_at" TIMESTAMPTZ(3) NOT NULL,
    "last_run_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_play_runs_pkey" PRIMARY KEY ("incident_id","play_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "incident_subscribers_incident_id_kind_ref_key" ON "incident_subscribers"("incident_id", "kind", "ref");

-- CreateIndex
CREATE INDEX "status_updates_incident_id_created_at_idx" ON "status_updates"("incident_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "status_updates_incident_id_play_key_key" ON "status_updates"("incident_id", "play_key");

-- CreateIndex
CREATE UNIQUE INDEX "status_update_deliveries_status_update_id_channel_recipient_key" ON "status_update_deliveries"("status_update_id", "channel", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "response_plays_tenant_id_name_key" ON "response_plays"("tenant_id", "name");
