-- AlterTable
ALTER TABLE "action_items" ADD COLUMN     "reminded_on" TEXT;
