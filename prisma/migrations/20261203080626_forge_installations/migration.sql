-- AlterTable: health recorded before tenants had their own belongs to the standalone (default) tenant.
ALTER TABLE "integration_status" DROP CONSTRAINT "integration_status_pkey",
ADD COLUMN     "tenant_id" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001',
ADD CONSTRAINT "integration_status_pkey" PRIMARY KEY ("tenant_id", "name");
ALTER TABLE "integration_status" ALTER COLUMN "tenant_id" DROP DEFAULT;

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "cloud_id" TEXT,
ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "atlassian_account_id" TEXT;

-- CreateTable
CREATE TABLE "forge_credentials" (
    "tenant_id" UUID NOT NULL,
    "product" TEXT NOT NULL,
    "installation_id" TEXT NOT NULL,
    "api_base_url" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "forge_credentials_pkey" PRIMARY KEY ("tenant_id","product")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_cloud_id_key" ON "tenants"("cloud_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenant_id_atlassian_account_id_key" ON "users"("tenant_id", "atlassian_account_id");

-- AddForeignKey
ALTER TABLE "forge_credentials" ADD CONSTRAINT "forge_credentials_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
