// What the console's On-call page needs from the API: who is on call now and next per schedule, and
// overrides added to and removed from a schedule's definition (docs/schedules.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onCallAt } from "../../sync-service/src/domain/oncall/oncall.ts";
import { parseSchedule } from "../../sync-service/src/domain/oncall/parse-schedule.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(DATABASE_KINDS)("on-call console API on $name", (kind) => {
  let svc: TestService;
  let ada: any;
  let bob: any;
  let carol: any;
  let viewerToken: string;
  let responderToken: string;
  let schedule: any;

  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
  const get = async (path: string) => json(await svc.api(path));
  const post = async (path: string, body: unknown, token?: string) =>
    json(await svc.api(path, { method: "POST", json: body, token }));
  const del = async (path: string, token?: string) => json(await svc.api(path, { method: "DELETE", token }));
  const overrides = (body: unknown) =>
    `/api/schedules/${schedule.id}/overrides${body === undefined ? "" : `/${String(body)}`}`;

  beforeAll(async () => {
    svc = await startTestService(kind);
    const user = async (name: string, role?: string) =>
      (await post("/api/users", { name, email: `${name}@example.com`, role })).body;
    const tokenOf = async (u: any) =>
      (await post(`/api/users/${u.id}/tokens`, { name: "console" })).body.token as string;
    ada = await user("Ada");
    bob = await user("Bob");
    carol = await user("Carol");
    responderToken = await tokenOf(bob);
    viewerToken = await tokenOf(await user("Vera", "viewer"));
    // Daily hand-offs at midnight UTC since 2020: Ada and Bob alternate, so both "now" and "next" are known.
    const created = await post("/api/schedules", {
      name: "Platform primary",
      timeZone: "UTC",
      layers: [{ users: [ada.id, bob.id], rotation: { type: "daily", shiftLength: 1, start: "2020-01-01T00:00" } }],
    });
    expect(created.status).toBe(201);
    schedule = created.body;
  });
  afterAll(() => svc?.stop());

  /** Who the domain says is on call at `at` for the stored schedule, to compare with the API. */
  const expectedAt = async (at: number) =>
    onCallAt(parseSchedule((await get(`/api/schedules/${schedule.id}`)).body), new Date(at));
  const nextMidnight = (at: number) => new Date(Math.floor(at / DAY) * DAY + DAY).toISOString();

  it("lists every schedule with who is on call now and who is next, by name", async () => {
    const before = Date.now();
    const { status, body } = await get("/api/schedules");
    const after = Date.now();
    expect(status).toBe(200);
    const [summary] = body.schedules;
    expect(summary).toMatchObject({ id: schedule.id, name: "Platform primary", timeZone: "UTC" });
    // A hand-off may fall between the two clock readings; the answer must match one of them.
    const candidates = await Promise.all(
      [before, after].map(async (t) => ({ now: (await expectedAt(t))[0], next: nextMidnight(t) })),
    );
    const people = new Map([ada, bob].map((u) => [u.id, u.name]));
    const match = candidates.find((c) => c.now === summary.onCallNow[0]?.userId);
    expect(match).toBeDefined();
    expect(summary.onCallNow).toEqual([{ userId: match!.now, name: people.get(match!.now) }]);
    const other = match!.now === ada.id ? bob : ada;
    expect(summary.next).toEqual({ userId: other.id, name: other.name, start: match!.next });
  });

  it("adds an override that the shifts, the now/next summary and the schedule all show", async () => {
    // The cover stays inside today's shift: past the midnight hand-off the person it replaces is no longer on
    // call, so it would cover nothing there. In the day's last minute, wait for the next day's shift.
    if (Date.parse(nextMidnight(Date.now())) - Date.now() < 60_000)
      await new Promise((r) => setTimeout(r, Date.parse(nextMidnight(Date.now())) - Date.now() + 10));
    const now = Date.now();
    const [onCall] = await expectedAt(now);
    const start = new Date(Math.max(now - HOUR, Math.floor(now / DAY) * DAY)).toISOString();
    const end = new Date(Math.min(now + HOUR, Date.parse(nextMidnight(now)))).toISOString();
    const added = await post(overrides(undefined), { user: carol.id, replaces: onCall, start, end }, responderToken);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: schedule.id,
      name: "Platform primary",
      overrides: [{ user: carol.id, replaces: onCall }],
    });

    const shifts = (
      await get(`/api/schedules/${schedule.id}/oncall?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`)
    ).body.shifts;
    expect(shifts).toContainEqual({ user: carol.id, start, end, override: true });
    expect(shifts.some((s: any) => s.user === onCall)).toBe(false);

    const summary = (await get("/api/schedules")).body.schedules[0];
    expect(summary.onCallNow).toEqual([{ userId: carol.id, name: "Carol" }]);
    // After Carol's cover the rotation resumes (or hands off at midnight, if that comes first).
    expect(new Date(summary.next.start).getTime()).toBeLessThanOrEqual(Date.parse(end));
  });

  it("stores override instants in UTC and deletes an override by its position", async () => {
    const added = await post(overrides(undefined), {
      user: carol.id,
      start: "2030-06-01T10:00:00+02:00",
      end: "2030-06-01T14:00:00+02:00",
    });
    expect(added.status).toBe(201);
    expect(added.body.overrides).toHaveLength(2);
    expect(added.body.overrides[1]).toEqual({
      user: carol.id,
      start: "2030-06-01T08:00:00Z",
      end: "2030-06-01T12:00:00Z",
    });
    const window = `/api/schedules/${schedule.id}/oncall?from=2030-06-01T00:00:00Z&to=2030-06-02T00:00:00Z`;
    expect((await get(window)).body.shifts).toContainEqual({
      user: carol.id,
      start: "2030-06-01T08:00:00.000Z",
      end: "2030-06-01T12:00:00.000Z",
      override: true,
    });

    const removed = await del(overrides(0), responderToken);
    expect(removed.status).toBe(200);
    expect(removed.body.overrides).toEqual([
      { user: carol.id, start: "2030-06-01T08:00:00Z", end: "2030-06-01T12:00:00Z" },
    ]);
    expect((await del(overrides(0))).status).toBe(200);
    expect((await get(window)).body.shifts.some((s: any) => s.override)).toBe(false);

    const missing = await del(overrides(0));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("OVERRIDE.NOT_FOUND");
    expect((await del(overrides("first"))).body.error.message).toContain("override index");
  });

  it("an override without replaces takes the place of whoever is on call; with add it joins them", async () => {
    const shiftsOn = async (from: string, to: string) =>
      (await get(`/api/schedules/${schedule.id}/oncall?from=${from}&to=${to}`)).body.shifts;
    const [cover, beside] = [
      { start: "2030-06-01T08:00:00Z", end: "2030-06-01T12:00:00Z" },
      { start: "2030-06-02T08:00:00Z", end: "2030-06-02T12:00:00Z" },
    ];
    expect((await post(overrides(undefined), { user: carol.id, ...cover })).status).toBe(201);
    expect((await post(overrides(undefined), { user: carol.id, add: true, ...beside })).status).toBe(201);

    const covered = await shiftsOn(cover.start, cover.end);
    expect(covered.map((s: any) => [s.user, s.override ?? false])).toEqual([[carol.id, true]]);
    const joined = await shiftsOn(beside.start, beside.end);
    // Ada and Bob alternate daily since 2020-01-01: whoever has that day keeps it, with Carol beside them.
    const days = (Date.parse(beside.start) - Date.parse("2020-01-01T00:00:00Z")) / DAY;
    const rostered = Math.floor(days) % 2 === 0 ? ada.id : bob.id;
    expect(joined.map((s: any) => s.user)).toEqual([rostered, carol.id]);
    expect((await get(`/api/schedules/${schedule.id}`)).body.overrides).toEqual([
      { user: carol.id, ...cover },
      { user: carol.id, add: true, ...beside },
    ]);

    const both = await post(overrides(undefined), { user: carol.id, add: true, replaces: ada.id, ...cover });
    expect(both.status).toBe(400);
    expect(both.body.error.fields.map((f: any) => f.path)).toEqual(["add"]);
    for (const _ of [cover, beside]) expect((await del(overrides(0))).status).toBe(200);
  });

  it("refuses bad overrides naming the field, and writes nothing", async () => {
    const at = (iso: string) => ({ user: carol.id, start: "2030-01-02T00:00:00Z", end: iso });
    const backwards = await post(overrides(undefined), at("2030-01-01T00:00:00Z"));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({
      code: "REQUEST.INVALID",
      fields: [{ path: "end", message: "must be after the start" }],
    });
    expect((await post(overrides(undefined), at("2031-03-01T00:00:00Z"))).body.error.fields).toEqual([
      { path: "end", message: "must be at most 400 days after the start" },
    ]);
    expect(
      (await post(overrides(undefined), at("2030-01-03T00:00:00"))).body.error.fields.map((f: any) => f.path),
    ).toEqual(["end"]);
    expect(
      (
        await post(overrides(undefined), { start: "2030-01-01T00:00:00Z", end: "2030-01-02T00:00:00Z" })
      ).body.error.fields.map((f: any) => f.path),
    ).toEqual(["user"]);

    const stranger = await post(overrides(undefined), { ...at("2030-01-03T00:00:00Z"), replaces: carol.id });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error).toMatchObject({ code: "OVERRIDE.UNKNOWN_USER", fields: [{ path: "replaces" }] });
    const nobody = await post(overrides(undefined), {
      ...at("2030-01-03T00:00:00Z"),
      user: "00000000-0000-4000-8000-000000000000",
    });
    expect(nobody.body.error.fields.map((f: any) => f.path)).toEqual(["user"]);

    const unknown = await post(
      "/api/schedules/00000000-0000-4000-8000-000000000000/overrides",
      at("2030-01-03T00:00:00Z"),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("SCHEDULE.NOT_FOUND");
    expect((await del("/api/schedules/00000000-0000-4000-8000-000000000000/overrides/0")).status).toBe(404);

    const viewer = await post(overrides(undefined), at("2030-01-03T00:00:00Z"), viewerToken);
    expect(viewer.status).toBe(403);
    expect((await del(overrides(0), viewerToken)).status).toBe(403);

    expect((await get(`/api/schedules/${schedule.id}`)).body.overrides).toEqual([]);
  });
});
