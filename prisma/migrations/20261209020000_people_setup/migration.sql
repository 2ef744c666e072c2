-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "last_used_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';
