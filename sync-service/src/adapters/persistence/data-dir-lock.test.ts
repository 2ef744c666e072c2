import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirectoryInUsePersistenceError, lockDataDirectory, lockFileOf } from "./data-dir-lock.ts";

describe("the embedded database directory lock", () => {
  let root: string;
  let dataDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "fw-lock-"));
    dataDir = path.join(root, "pglite");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (holder: object) => fs.writeFileSync(lockFileOf(dataDir), JSON.stringify(holder));
  const holderNamed = () => JSON.parse(fs.readFileSync(lockFileOf(dataDir), "utf8"));
  /** The pid of a process that has exited. */
  const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

  it("is held by one taker at a time, naming the holder, and free again once released", async () => {
    const lock = await lockDataDirectory(dataDir, new Date("2026-03-02T10:00:00Z"));
    expect(holderNamed()).toMatchObject({
      pid: process.pid,
      startedAt: "2026-03-02T10:00:00.000Z",
      host: os.hostname(),
    });
    const refused = await lockDataDirectory(dataDir).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataDirectoryInUsePersistenceError);
    expect((refused as Error).message).toBe(
      `the embedded database in ${dataDir} is in use by another Firewatch (pid ${process.pid}, started 2026-03-02T10:00:00.000Z): stop it first, or set FIREWATCH_DATA_DIR to another directory (lock file ${dataDir}.lock)`,
    );
    lock.release();
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
    (await lockDataDirectory(dataDir)).release();
  });

  it("takes over a lock whose process is gone (killed), or that names this pid from a previous life", async () => {
    for (const pid of [deadPid(), process.pid]) {
      write({ pid, startedAt: "2026-03-01T00:00:00.000Z", host: os.hostname(), nonce: "old" });
      const lock = await lockDataDirectory(dataDir);
      expect(holderNamed()).toMatchObject({ pid: process.pid });
      expect(holderNamed().nonce).not.toBe("old");
      lock.release();
    }
  });

  it("takes over a lock file left empty or unreadable by a crash while it was written", async () => {
    fs.writeFileSync(lockFileOf(dataDir), "");
    const lock = await lockDataDirectory(dataDir);
    expect(holderNamed()).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it("leaves a live process's lock alone, and another machine's (its processes cannot be asked)", async () => {
    write({ pid: process.ppid, startedAt: "2026-03-01T00:00:00.000Z", host: os.hostname(), nonce: "parent" });
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(`pid ${process.ppid}, started 2026-03-01T00:00:00.000Z`);
    write({ pid: deadPid(), startedAt: "2026-03-01T00:00:00.000Z", host: "other-host", nonce: "remote" });
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(/on other-host, started/);
    expect(holderNamed().nonce).toBe("remote");
  });

  it("does not remove a lock that another process took after this one released it", async () => {
    const lock = await lockDataDirectory(dataDir);
    write({ pid: process.ppid, startedAt: "2026-03-01T00:00:00.000Z", host: os.hostname(), nonce: "next" });
    lock.release();
    expect(holderNamed().nonce).toBe("next");
  });
});
