-- A service's Jira resolution for transition screens that require one (null: the first Done-like value offered).

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "jira_resolution" TEXT;
