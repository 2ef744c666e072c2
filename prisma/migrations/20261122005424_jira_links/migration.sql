-- CreateEnum
CREATE TYPE "LinkState" AS ENUM ('pending', 'linked', 'dropped');

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "jira_issue_type" TEXT NOT NULL DEFAULT 'Task',
ADD COLUMN     "jira_origin_acknowledges" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "jira_origin_resolves" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "jira_priorities" JSONB NOT NULL DEFAULT '{"SEV1": "Highest", "SEV2": "High", "SEV3": "Medium", "SEV4": "Low"}',
ADD COLUMN     "jira_project_key" TEXT;

-- CreateTable
CREATE TABLE "linked_issues" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "is_origin" BOOLEAN NOT NULL DEFAULT false,
    "state" "LinkState" NOT NULL DEFAULT 'pending',
    "issue_id" TEXT,
    "issue_key" TEXT,
    "project_key" TEXT,
    "issue_type" TEXT,
    "status_name" TEXT,
    "status_category" TEXT,
    "synced_revision" INTEGER NOT NULL DEFAULT 0,
    "drop_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "linked_issues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "integration_status" (
    "name" TEXT NOT NULL,
    "healthy" BOOLEAN NOT NULL,
    "last_error" TEXT,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integration_status_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "linked_issues_issue_id_idx" ON "linked_issues"("issue_id");

-- CreateIndex
CREATE UNIQUE INDEX "linked_issues_incident_id_issue_id_key" ON "linked_issues"("incident_id", "issue_id");

-- AddForeignKey
ALTER TABLE "linked_issues" ADD CONSTRAINT "linked_issues_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
