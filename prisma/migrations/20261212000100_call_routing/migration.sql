-- AlterTable
ALTER TABLE "services" ADD COLUMN     "call_routing" JSONB;

-- CreateTable
CREATE TABLE "voice_calls" (
    "call_sid" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "caller" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL,
    "answered_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "voice_calls_pkey" PRIMARY KEY ("call_sid")
);

-- CreateIndex
CREATE INDEX "voice_calls_incident_id_idx" ON "voice_calls"("incident_id");
