// The world of the seeded story's test: the real service on a database, the stand-ins each on a loopback port of
// their own (the demo mounts them on the service's port; the wiring is the same: stand-ins.ts), and the story
// seeded into it once for the enclosing describe block. Checks afterwards that no stand-in saw a request its
// vendor would refuse.
import { afterAll, beforeAll, expect } from "vitest";
import { DEFAULT_WORKER_OPTIONS } from "../sync-service/src/jobs/worker.ts";
import type { TestDatabaseKind } from "../test/support/databases.ts";
import { ADMIN_TOKEN, startTestService, type TestService } from "../test/support/running-service.ts";
import { ShiftableClock } from "./clock.ts";
import { connectStandIns, standInEnv, startStandInsOnLoopback, type StandIns } from "./stand-ins.ts";
import { seedStory, type StoryResult } from "./story.ts";
import type { SandboxWorld } from "./world.ts";

export function useSeededStory(kind: TestDatabaseKind) {
  let svc: TestService;
  let standIns: StandIns;
  let stopStandIns: () => Promise<void>;
  let story: StoryResult;

  /** GETs an API path as the admin, expecting 200. */
  const get = async (path: string) => {
    const res = await svc.api(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as any;
  };

  beforeAll(async () => {
    const started = await startStandInsOnLoopback();
    standIns = started.standIns;
    stopStandIns = started.stop;
    const clock = new ShiftableClock();
    // The worker as `npm run demo` runs it (not the tests' quick polling), so the story settles as it will there.
    svc = await startTestService(kind, {
      clock,
      env: standInEnv(standIns, started.urls),
      worker: DEFAULT_WORKER_OPTIONS,
    });
    connectStandIns(standIns, svc.url);
    const world: SandboxWorld = { url: svc.url, adminToken: ADMIN_TOKEN, clock, ...standIns };
    story = await seedStory(world);
    console.info(`sandbox story seeded on ${kind.name} in ${story.durationMs} ms`);
  }, 120_000);
  afterAll(async () => {
    await svc?.stop();
    const unexpected = [
      ...standIns.jira.unexpected(),
      ...standIns.confluence.unexpected(),
      ...standIns.slack.unexpected(),
      ...standIns.statuspage.unexpected(),
      ...standIns.twilio.unexpected(),
    ];
    await stopStandIns?.();
    expect(unexpected).toEqual([]);
  });

  return {
    get,
    get standIns() {
      return standIns;
    },
    get story() {
      return story;
    },
  };
}
