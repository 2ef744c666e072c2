// The sandbox starts fresh on every run, as hosted sandboxes do: its stand-ins keep what they hold in memory, so a
// database kept from a previous run would point at Jira issues, Slack channels and Confluence pages that no longer
// exist. A directory is only ever cleared when it is marked as a sandbox's; any other directory that is not empty is
// refused, so FIREWATCH_DATA_DIR pointed at a real installation's data loses nothing.
import fs from "node:fs";
import path from "node:path";
import { lockDataDirectory } from "../sync-service/src/adapters/persistence/data-dir-lock.ts";

/** Written into a data directory the sandbox made; its presence allows the next run to clear it. */
export const SANDBOX_MARKER = "firewatch-sandbox";

/** What a sandbox run writes (service/config.ts and first-start-secrets.ts name these): all that is cleared. */
const SANDBOX_FILES = ["pglite", "admin-token", "encryption-key"];

export class SandboxDataDirError extends Error {}

/**
 * Makes `dataDir` an empty sandbox directory: creates it, or clears a previous run's. The embedded database's lock
 * is taken while clearing, so a demo still running on the directory is never pulled from under it.
 * @throws SandboxDataDirError for a directory that holds anything and is not a sandbox's
 * @throws DataDirectoryInUsePersistenceError when a Firewatch is running on it
 */
export async function freshSandboxDir(dataDir: string): Promise<{ cleared: boolean }> {
  fs.mkdirSync(dataDir, { recursive: true });
  const marker = path.join(dataDir, SANDBOX_MARKER);
  const entries = fs.readdirSync(dataDir);
  if (entries.length === 0) {
    fs.writeFileSync(marker, "This directory holds a Firewatch sandbox (npm run demo); each run clears it.\n");
    return { cleared: false };
  }
  if (!entries.includes(SANDBOX_MARKER))
    throw new SandboxDataDirError(
      `${dataDir} is not empty and is not a sandbox's: npm run demo starts fresh each run and would erase it. Set FIREWATCH_DATA_DIR to a new or empty directory.`,
    );
  const lock = await lockDataDirectory(path.join(dataDir, "pglite"));
  try {
    for (const name of SANDBOX_FILES) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  } finally {
    lock.release();
  }
  return { cleared: true };
}
