// Vitest globalSetup for the browser tests: the service serves the console from its built dist/, so build
// it (scripts/build-console.mjs) when it is missing or older than any of its sources.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CONSOLE = path.join(ROOT, "forge-app/ui/console");
const BUILT = path.join(CONSOLE, "dist/index.html");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export default function buildConsole(): void {
  const built = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  if (built > newestSource(CONSOLE)) return;
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build-console.mjs")], { cwd: ROOT, stdio: "inherit" });
}
