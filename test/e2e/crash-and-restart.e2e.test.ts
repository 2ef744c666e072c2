// A crash at any point never loses an event that was acknowledged with 202 (README, "Durability").
// The service runs as a real process; it is SIGKILLed in the middle of a burst of 1,000 Events v2 triggers.
import { afterAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { e2eEnvironment, E2E_TOKEN, spawnService, type ServiceProcess } from "../support/service-process.ts";

const TOKEN = E2E_TOKEN;
const EVENTS = 1_000;
const CONCURRENCY = 16;

describe.each(DATABASE_KINDS)("crash and restart on $name", (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const api = (svc: ServiceProcess, p: string, init: RequestInit = {}) =>
    fetch(`${svc.url}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...init.headers },
    });

  async function allTitles(svc: ServiceProcess): Promise<Set<string>> {
    const titles = new Set<string>();
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = (await (
        await api(svc, `/api/incidents?limit=200${cursor ? `&cursor=${cursor}` : ""}`)
      ).json()) as any;
      for (const incident of page.incidents) titles.add(incident.title);
      cursor = page.nextCursor;
    }
    return titles;
  }

  it("keeps every event answered 202 when killed mid-burst, and serves them after restart", async () => {
    const env = await e2eEnvironment(kind, cleanups);
    let svc = await spawnService(env);
    cleanups.push(async () => void (await svc.kill("SIGKILL")));
    const service = (await (
      await api(svc, "/api/services", { method: "POST", body: JSON.stringify({ name: "burst" }) })
    ).json()) as any;

    const accepted: number[] = [];
    let next = 0;
    let killed: Promise<number | null> | null = null;
    const sender = async () => {
      while (next < EVENTS) {
        const i = next++;
        if (accepted.length >= EVENTS / 3 && !killed) killed = svc.kill("SIGKILL");
        const body = {
          routing_key: service.integrationKey,
          event_action: "trigger",
          dedup_key: `burst-${i}`,
          payload: { summary: `burst event ${i}`, source: "e2e", severity: "error" },
        };
        const res = await fetch(`${svc.url}/v2/enqueue`, {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json" },
        }).catch(() => null);
        if (res?.status === 202) accepted.push(i);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    expect(killed).not.toBeNull();
    expect(await killed).toBeNull(); // killed by a signal, not exited
    expect(accepted.length).toBeGreaterThanOrEqual(EVENTS / 3);
    expect(accepted.length).toBeLessThan(EVENTS);

    svc = await spawnService(env);
    const titles = await allTitles(svc);
    const lost = accepted.filter((i) => !titles.has(`burst event ${i}`));
    expect(lost).toEqual([]);
    // Events that got no answer may or may not have committed; nothing else appears.
    expect([...titles].every((t) => /^burst event \d+$/.test(t) && Number(t.split(" ")[2]) < EVENTS)).toBe(true);

    const health = await fetch(`${svc.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await svc.kill("SIGTERM")).toBe(0); // graceful: drains and exits cleanly
  });
});
