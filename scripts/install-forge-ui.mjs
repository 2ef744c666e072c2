#!/usr/bin/env node
// Installs the Forge app's UI Kit package (forge-app/ui/kit), run by `npm install` (postinstall). It is a
// package of its own because UI Kit (@forge/react 12) runs on React 18 while the web console runs on
// React 19: each bundle must see exactly one React, so the kit has its own node_modules (Forge's bundler,
// like Node, resolves imports from the file's folder upwards). Only the npm registry is reached.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const kit = fileURLToPath(new URL("../forge-app/ui/kit/", import.meta.url));
const lock = `${kit}package-lock.json`;
const installed = `${kit}node_modules/.package-lock.json`;
// npm writes node_modules/.package-lock.json on every install: newer than the lock means up to date.
if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
  console.log("firewatch: Forge UI Kit package is up to date");
  process.exit(0);
}
// The parent npm's settings for this run (its prefix, `--global`, the script that is running) must not
// leak into the kit's install; the user's .npmrc (registry, cache) still applies.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^npm_(config_(prefix|global|local_prefix)|lifecycle_|package_)/i.test(k),
  ),
);
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ["npm", []];
const started = Date.now();
const result = spawnSync(npm[0], [...npm[1], "ci", "--no-audit", "--no-fund", "--loglevel=error"], {
  cwd: kit,
  stdio: "inherit",
  env,
});
if (result.status !== 0) process.exit(result.status ?? 1);
console.log(`firewatch: Forge UI Kit package installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
