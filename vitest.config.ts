import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["sync-service/src/**/*.test.ts", "test/**/*.test.ts", "forge-app/**/*.test.ts", "scripts/**/*.test.ts"],
    // Each database test file starts its own PGlite (and, with TEST_DATABASE_URL, its own PostgreSQL database).
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
  },
});
