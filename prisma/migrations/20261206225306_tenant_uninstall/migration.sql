-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "uninstalled_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "personal_data_at" TIMESTAMPTZ(3);
