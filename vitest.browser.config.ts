import { defineConfig } from "vitest/config";

// The web console in a real browser (Chromium through playwright-core): `npm run test:browser`. Kept out
// of `npm test` (vitest.config.ts), which must pass on a machine without Chromium.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.test.ts"],
    globalSetup: ["test/browser/support/build-console.ts"],
    pool: "forks",
    // One browser and one service at a time: flows wait on polls and webhooks, not on a busy CPU.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
