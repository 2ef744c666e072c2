-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "drill" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "services" ADD COLUMN     "drill_schedule" JSONB;
