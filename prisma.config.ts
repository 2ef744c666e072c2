import { defineConfig } from "prisma/config";

// Only `prisma generate` uses this file; migrations are applied by the service itself
// (sync-service/src/adapters/persistence/migrator.ts) and authored with scripts/migrations.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
