// One process at a time on an embedded database directory (docs/configuration.md): a second `firewatch
// start` (or `firewatch jira check`) on the FIREWATCH_DATA_DIR of a running service is refused with one line
// naming the directory and the holder, while the first keeps answering; once the first is stopped, or
// killed outright (leaving its lock behind), the directory can be opened again.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import {
  e2eEnvironment,
  E2E_TOKEN,
  runFirewatch,
  spawnService,
  type ServiceProcess,
} from "../support/service-process.ts";

const pglite = DATABASE_KINDS.find((kind) => kind.name === "pglite")!;

describe("one process per embedded database directory", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const answers = async (svc: ServiceProcess) => {
    const res = await fetch(`${svc.url}/api/services`, {
      method: "POST",
      headers: { authorization: `Bearer ${E2E_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `svc-${Date.now()}` }),
    });
    return res.status;
  };

  it("refuses a second process while the first runs, and opens again after a stop or a kill", async () => {
    const env = await e2eEnvironment(pglite, cleanups);
    const dataDir = env.FIREWATCH_DATA_DIR!;
    const first = await spawnService(env);
    cleanups.push(() => first.kill("SIGKILL"));
    const holder = new RegExp(`pid ${first.child.pid}, started \\d{4}-\\d\\d-\\d\\dT`);

    const second = await runFirewatch(["start"], env);
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split("\n")).toEqual([
      expect.stringContaining(`the embedded database in ${path.join(dataDir, "pglite")} is in use`),
    ]);
    expect(second.stderr).toMatch(holder);
    expect(second.stdout).not.toContain("Firewatch is listening");

    const check = await runFirewatch(["jira", "check"], {
      ...env,
      JIRA_BASE_URL: "http://127.0.0.1:9",
      JIRA_EMAIL: "ops@example.com",
      JIRA_API_TOKEN: "unused-token",
    });
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`the embedded database in ${path.join(dataDir, "pglite")} is in use`);
    expect(check.stderr).toMatch(holder);

    expect(await answers(first)).toBe(201);

    // Stopped: the lock goes with it, and the next start opens the directory.
    expect(await first.kill("SIGTERM")).toBe(0);
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith(".lock"))).toEqual([]);
    const restarted = await spawnService(env);
    cleanups.push(() => restarted.kill("SIGKILL"));
    expect(await answers(restarted)).toBe(201);

    // Killed: its lock stays behind, naming a pid that is gone; the next start takes it over.
    expect(await restarted.kill("SIGKILL")).toBeNull();
    expect(fs.readdirSync(dataDir).filter((f) => f.endsWith(".lock"))).toEqual(["pglite.lock"]);
    const afterKill = await spawnService(env);
    cleanups.push(() => afterKill.kill("SIGKILL"));
    expect(await answers(afterKill)).toBe(201);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "pglite.lock"), "utf8"))).toMatchObject({
      pid: afterKill.child.pid,
    });
    expect(await afterKill.kill("SIGTERM")).toBe(0);
  }, 180_000);
});
