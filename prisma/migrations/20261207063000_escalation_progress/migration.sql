-- Where an incident's escalation stands: the level last paged and the one queued next, so the incident page
-- can show "level 2 pages in 4 minutes" and "Escalate now" knows which level comes next.

-- AlterTable
ALTER TABLE "incident_escalations" ADD COLUMN     "round" INTEGER,
ADD COLUMN     "level" INTEGER,
ADD COLUMN     "next_round" INTEGER,
ADD COLUMN     "next_level" INTEGER,
ADD COLUMN     "next_at" TIMESTAMPTZ(3);
