import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "sync-service/src/**/*.test.ts",
      "test/**/*.test.ts",
      "stand-ins/**/*.test.ts",
      "sandbox/**/*.test.ts",
      "forge-app/**/*.test.{ts,tsx}",
      "scripts/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    // Browser tests need Chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: ["**/node_modules/**", "test/browser/**"],
    // Each database test file starts its own PGlite (and, with TEST_DATABASE_URL, its own PostgreSQL database).
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
  },
});
