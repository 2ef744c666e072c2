-- When a Jira create was last sent for a link or an action item: a create whose answer never came is
-- reconciled by search before any retry.

-- AlterTable
ALTER TABLE "linked_issues" ADD COLUMN     "create_sent_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "action_items" ADD COLUMN     "create_sent_at" TIMESTAMPTZ(3);
