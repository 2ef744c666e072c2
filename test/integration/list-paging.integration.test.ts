// Every list of the API pages: `?limit=` (at most 500) and the opaque `nextCursor` of the previous page.
// Walking a list page by page yields each item exactly once, in the same order as one big page, and an
// item added meanwhile neither repeats nor hides the others.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const PAGE = 2;

describe.each(DATABASE_KINDS)("list paging on $name", (kind) => {
  let svc: TestService;
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, ...(json === undefined ? {} : { json }) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const post = async (path: string, json: unknown) => {
    const { status, body } = await call("POST", path, json);
    if (status !== 201) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  /** Follows `nextCursor` from the first page to the last; `between` runs after the first page. */
  const walk = async (path: string, field: string, between?: () => Promise<void>) => {
    const seen: any[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const { status, body }: { status: number; body: any } = await call(
        "GET",
        `${path}${sep}limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(status).toBe(200);
      expect(body).toHaveProperty("nextCursor");
      sizes.push(body[field].length);
      seen.push(...body[field]);
      if (sizes.length === 1) await between?.();
      cursor = body.nextCursor;
    } while (cursor !== null && sizes.length < 100);
    return { seen, sizes };
  };
  const whole = async (path: string, field: string) => {
    const sep = path.includes("?") ? "&" : "?";
    const { status, body } = await call("GET", `${path}${sep}limit=500`);
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    return body[field] as any[];
  };
  const ids = (items: any[]) => items.map((i) => i.id);

  let serviceId: string;
  beforeAll(async () => {
    svc = await startTestService(kind);
    // Names repeat on purpose: ties are ordered by id.
    let someone = "";
    for (const name of ["Sam", "ada", "Sam", "Zoë", "Sam", "bob", "Émile"])
      someone = (await post("/api/users", { name, email: `person-${Math.random().toString(36).slice(2)}@example.com` }))
        .id;
    for (const name of ["payments", "API gateway", "search", "billing", "Auth"])
      serviceId = (await post("/api/services", { name })).id;
    for (const name of ["primary", "primary", "Secondary", "db", "web"]) {
      await post("/api/schedules", {
        name,
        timeZone: "UTC",
        layers: [{ users: [someone], rotation: { type: "daily", shiftLength: 1, start: "2026-01-05T09:00" } }],
        overrides: [],
      });
    }
    for (let i = 0; i < 5; i++)
      await post("/api/escalation-rules", { name: `rule ${i}`, jql: `project = CI AND labels = l${i}`, serviceId });
    for (let i = 0; i < 5; i++) await post("/api/incidents", { title: `incident ${i}` });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it.each([
    ["/api/users", "users", 7],
    ["/api/services", "services", 5],
    ["/api/schedules", "schedules", 5],
    ["/api/escalation-rules", "rules", 5],
    ["/api/jobs", "jobs", 1],
  ])("GET %s pages through every item once, in the order of one page", async (path, field, atLeast) => {
    const all = await whole(path, field);
    expect(all.length).toBeGreaterThanOrEqual(atLeast);
    const { seen, sizes } = await walk(path, field);
    expect(sizes.slice(0, -1).every((n) => n === PAGE)).toBe(true);
    expect(sizes.at(-1)).toBeGreaterThan(0);
    expect(ids(seen)).toEqual(ids(all));
    expect(new Set(ids(seen)).size).toBe(seen.length);
  });

  it("orders people by name, ties by id, with nothing repeated or hidden when someone is added mid-walk", async () => {
    const before = await whole("/api/users", "users");
    const sams = before.filter((u) => u.name === "Sam").map((u) => u.id);
    expect(sams).toEqual([...sams].sort());
    let added = "";
    const { seen } = await walk("/api/users", "users", async () => {
      added = (await post("/api/users", { name: "Aaron", email: "aaron@example.com" })).id;
    });
    expect(new Set(ids(seen)).size).toBe(seen.length);
    expect(ids(seen).filter((id) => id !== added)).toEqual(ids(before));
  });

  it.each(["/api/users", "/api/services", "/api/schedules", "/api/escalation-rules", "/api/jobs"])(
    "GET %s refuses a limit out of range or a cursor it did not give, naming the parameter",
    async (path) => {
      for (const limit of ["501", "0", "ten"]) {
        const { status, body } = await call("GET", `${path}?limit=${limit}`);
        expect(status).toBe(400);
        expect(body.error.message).toMatch(/`limit`: must be a whole number from 1 to 500/);
      }
      const { status, body } = await call("GET", `${path}?cursor=not-a-cursor`);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: "REQUEST.INVALID", fields: [{ path: "cursor" }] });
    },
  );
});
