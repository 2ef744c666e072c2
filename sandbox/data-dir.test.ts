// The sandbox's data directory: made fresh on every run, a previous run's cleared, anyone else's never touched.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  DataDirectoryInUsePersistenceError,
  lockDataDirectory,
} from "../sync-service/src/adapters/persistence/data-dir-lock.ts";
import { freshSandboxDir, SANDBOX_MARKER, SandboxDataDirError } from "./data-dir.ts";

describe("freshSandboxDir", () => {
  const made: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-sandbox-dir-"));
    made.push(dir);
    return dir;
  };
  afterEach(() => made.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("makes a missing directory and marks it as a sandbox's", async () => {
    const dir = path.join(tempDir(), "nested", "sandbox");
    expect(await freshSandboxDir(dir)).toEqual({ cleared: false });
    expect(fs.readdirSync(dir)).toEqual([SANDBOX_MARKER]);
  });

  it("clears what a previous run wrote, and nothing else", async () => {
    const dir = tempDir();
    await freshSandboxDir(dir);
    fs.mkdirSync(path.join(dir, "pglite", "base"), { recursive: true });
    for (const file of ["admin-token", "encryption-key", "notes.txt"]) fs.writeFileSync(path.join(dir, file), "x");
    expect(await freshSandboxDir(dir)).toEqual({ cleared: true });
    expect(fs.readdirSync(dir).sort()).toEqual([SANDBOX_MARKER, "notes.txt"]);
  });

  it("refuses a directory that holds anything and is not a sandbox's, and leaves it as it was", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "admin-token"), "fw_real");
    await expect(freshSandboxDir(dir)).rejects.toThrow(SandboxDataDirError);
    await expect(freshSandboxDir(dir)).rejects.toThrow(/FIREWATCH_DATA_DIR/);
    expect(fs.readdirSync(dir)).toEqual(["admin-token"]);
  });

  it("leaves a sandbox alone while a Firewatch runs on it", async () => {
    const dir = tempDir();
    await freshSandboxDir(dir);
    fs.writeFileSync(path.join(dir, "admin-token"), "fw_running");
    const lock = await lockDataDirectory(path.join(dir, "pglite"));
    try {
      await expect(freshSandboxDir(dir)).rejects.toThrow(DataDirectoryInUsePersistenceError);
      expect(fs.readFileSync(path.join(dir, "admin-token"), "utf8")).toBe("fw_running");
    } finally {
      lock.release();
    }
  });
});
