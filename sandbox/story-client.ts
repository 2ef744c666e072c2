// How the seeded story talks to the service: its JSON API as a given person (the admin's token, or a token the
// admin issued to a person, so the timeline names who did what), and waiting for what happens asynchronously
// (jobs, webhooks) with a deadline and an error naming the step that did not happen.
import type { SandboxWorld } from "./world.ts";

/** How long one step of the story may take to settle before the story gives up on it. */
const STEP_DEADLINE_MS = 20_000;
// Not faster: on PGlite every poll queues behind the work it waits for.
const POLL_MS = 50;

/** A step of the story that did not happen in time (or that the service refused). */
export class StoryStepError extends Error {
  override name = "StoryStepError";
}

/** Polls `probe` until it answers something other than undefined/false; throws naming `step` after the deadline. */
export async function waitFor<T>(
  step: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  deadlineMs = STEP_DEADLINE_MS,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until)
      throw new StoryStepError(`seeding the sandbox story: ${step} did not happen within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export interface ApiClient {
  /** Sends JSON, answers the parsed JSON body. @throws StoryStepError on any answer that is not 2xx */
  call(method: string, path: string, json?: unknown): Promise<any>;
  get(path: string): Promise<any>;
  post(path: string, json?: unknown): Promise<any>;
}

/** The service's API as the holder of `token`. */
export function apiClient(url: string, token: string): ApiClient {
  const call: ApiClient["call"] = async (method, path, json) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await res.text();
    if (!res.ok)
      throw new StoryStepError(`seeding the sandbox story: ${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { call, get: (path) => call("GET", path), post: (path, json) => call("POST", path, json) };
}

/** The admin's API of the world. */
export function adminApi(world: SandboxWorld): ApiClient {
  return apiClient(world.url, world.adminToken);
}

/**
 * Waits until the outbox is quiet at the service's present time: nothing running and nothing due. Before the
 * story moves its clock on, so no job is under way across the jump (its lease would look expired).
 */
export async function outboxQuiet(world: SandboxWorld, step: string): Promise<void> {
  const admin = adminApi(world);
  await waitFor(`${step} (the outbox to go quiet)`, async () => {
    const running = (await admin.get("/api/jobs?state=running&limit=1")).jobs;
    if (running.length > 0) return false;
    const now = world.clock.now().getTime();
    const pending = (await admin.get("/api/jobs?state=pending&limit=500")).jobs as { runAt: string }[];
    return pending.every((j) => Date.parse(j.runAt) > now);
  });
}

/** An incident's timeline entries, oldest first. */
export async function timelineOf(api: ApiClient, key: string): Promise<any[]> {
  return (await api.get(`/api/incidents/${key}/timeline?limit=500`)).entries;
}

/** Waits until at least `atLeast` pages went out for the incident and none is still being sent; lists them. */
export async function pagesSent(api: ApiClient, key: string, atLeast: number, step: string): Promise<any[]> {
  return waitFor(step, async () => {
    const { pages } = await api.get(`/api/incidents/${key}/response`);
    const out = pages.filter((p: any) => p.state === "sent" || p.state === "delivered");
    return out.length >= atLeast && out.length === pages.length ? pages : false;
  });
}
