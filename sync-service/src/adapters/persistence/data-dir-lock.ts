// One process at a time on an embedded (PGlite) database directory. PGlite has no lock of its own: two
// processes on one directory both start and both acknowledge events, and one side's writes are lost at the
// next restart. The lock is a pid file in the manner of PostgreSQL's postmaster.pid
// (https://www.postgresql.org/docs/current/server-start.html): created exclusively beside the directory,
// naming its holder; one left behind by a killed process is taken over once its pid is no longer alive.
//
// Hand-written rather than proper-lockfile (which is not a dependency): that library judges a lock stale by
// an mtime it refreshes on a timer, and PGlite runs its queries on the event loop, so a long query would let
// a second process take a live lock; and it cannot say who holds the lock, which the message must.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { AppError } from "../../domain/errors.ts";

/** Who holds a directory: written into the lock file as JSON. */
export interface LockHolder {
  readonly pid: number;
  readonly startedAt: string;
  readonly host: string;
  readonly nonce: string;
}

export interface DataDirectoryLock {
  readonly file: string;
  release(): void;
}

export class DataDirectoryInUsePersistenceError extends AppError {
  readonly kind = "unavailable";
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `another Firewatch (pid ${holder.pid}${holder.host === os.hostname() ? "" : ` on ${holder.host}`}, started ${holder.startedAt})`
      : "another Firewatch";
    super(
      "DATABASE.DIRECTORY_IN_USE",
      `the embedded database in ${dataDir} is in use by ${who}: stop it first, or set FIREWATCH_DATA_DIR to another directory (lock file ${lockFileOf(dataDir)})`,
    );
  }
}

/** Lock files this process holds: a pid equal to ours in any other file is a previous life's (containers reuse pids). */
const held = new Set<string>();

export function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, "")}.lock`;
}

function create(file: string, holder: LockHolder): boolean {
  try {
    fs.writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: "wx", mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The holder named in the file; null when it is unreadable or half-written, "gone" when it vanished. */
function readHolder(file: string): LockHolder | null | "gone" {
  try {
    const holder = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockHolder>;
    return typeof holder.pid === "number" && typeof holder.nonce === "string" ? (holder as LockHolder) : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : null;
  }
}

function alive(file: string, holder: LockHolder): boolean {
  // Another machine's processes cannot be asked (a shared network disk): its lock stands.
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes a stale lock, unless someone else replaced it meanwhile (then theirs is put back). */
function takeOver(file: string, stale: LockHolder | null): void {
  const aside = `${file}.${process.pid}.${randomUUID()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved !== "gone" && moved?.nonce !== stale?.nonce) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // A third process took the directory in between; its lock stands.
    }
  }
  fs.rmSync(aside, { force: true });
}

/** A lock file being written is empty for an instant: look again before calling it stale. */
async function settledHolder(file: string): Promise<LockHolder | null | "gone"> {
  for (let look = 0; ; look++) {
    const holder = readHolder(file);
    if (holder !== null || look === 5) return holder;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Takes the directory for this process. @throws DataDirectoryInUsePersistenceError naming the holder */
export async function lockDataDirectory(dataDir: string, now = new Date()): Promise<DataDirectoryLock> {
  const file = lockFileOf(dataDir);
  const mine: LockHolder = { pid: process.pid, startedAt: now.toISOString(), host: os.hostname(), nonce: randomUUID() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(file, mine)) return hold(file, mine);
    const holder = await settledHolder(file);
    if (holder === "gone") continue;
    if (holder && alive(file, holder)) throw new DataDirectoryInUsePersistenceError(dataDir, holder);
    takeOver(file, holder);
  }
  const holder = readHolder(file);
  throw new DataDirectoryInUsePersistenceError(dataDir, holder === "gone" ? null : holder);
}

function hold(file: string, mine: LockHolder): DataDirectoryLock {
  const release = () => {
    if (!held.delete(file)) return;
    process.off("exit", release);
    const holder = readHolder(file);
    if (holder !== "gone" && holder?.nonce === mine.nonce) fs.rmSync(file, { force: true });
  };
  held.add(file);
  // An exit without close (an uncaught error) still frees the directory; only SIGKILL leaves a stale lock.
  process.on("exit", release);
  return { file, release };
}
