-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "uninstalled_at" TIMESTAMPTZ(3);
