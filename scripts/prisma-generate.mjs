#!/usr/bin/env node
// Runs `prisma generate` without internet access. Prisma 7's CLI looks for its native schema engine
// before generating and tries to download it from outside the npm registry; the client itself is built
// by wasm, so any executable satisfies that lookup. See docs/architecture.md, "Database and migrations".
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
