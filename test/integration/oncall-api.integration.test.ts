// Schedules over the API in SPEC.md's "Schedules as data" form, their shifts, and iCalendar feeds
// (RFC 5545, parsed back with ical.js) per schedule and per person across schedules.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onCallAt } from "../../sync-service/src/domain/oncall/oncall.ts";
import { parseSchedule } from "../../sync-service/src/domain/oncall/schedule.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("on-call API on $name", (kind) => {
  let svc: TestService;
  let ada: any;
  let bob: any;
  beforeAll(async () => {
    svc = await startTestService(kind);
    const user = async (name: string) => (await (await svc.api("/api/users", { method: "POST", json: { name, email: `${name}@example.com` } })).json()) as any;
    ada = await user("ada");
    bob = await user("bob");
  });
  afterAll(() => svc?.stop());

  const body = (users: string[], start: string, tz = "America/Chicago") => ({
    timeZone: tz,
    layers: [{ users, rotation: { type: "daily", shiftLength: 1, start } }],
    overrides: [],
  });

  it("stores a schedule in the SPEC form and answers who is on call the same way as oncall who", async () => {
    const created = await svc.api("/api/schedules", { method: "POST", json: { name: "primary", ...body([ada.id, bob.id], "2026-03-07T09:00") } });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as any;
    const fetched = (await (await svc.api(`/api/schedules/${schedule.id}`)).json()) as any;
    expect(fetched).toMatchObject({ id: schedule.id, name: "primary", timeZone: "America/Chicago", layers: [{ users: [ada.id, bob.id] }] });

    // Across the spring-forward night (2026-03-08): the 09:00 local hand-off moves by one UTC hour.
    const res = await svc.api(`/api/schedules/${schedule.id}/oncall?from=2026-03-07T00:00:00Z&to=2026-03-10T00:00:00Z`);
    const { shifts } = (await res.json()) as any;
    expect(shifts.map((s: any) => [s.user === ada.id ? "ada" : "bob", s.start])).toEqual([
      ["ada", "2026-03-07T15:00:00.000Z"],
      ["bob", "2026-03-08T14:00:00.000Z"],
      ["ada", "2026-03-09T14:00:00.000Z"],
    ]);
    for (const s of shifts) expect(onCallAt(parseSchedule(fetched), new Date(s.start))).toEqual([s.user]);
  });

  it("refuses an invalid schedule naming the path and what to write", async () => {
    const res = await svc.api("/api/schedules", { method: "POST", json: { name: "bad", ...body([ada.id], "2026-03-07T09:00Z") } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.code).toBe("SCHEDULE.INVALID");
    expect(error.message).toContain("layers[0].rotation.start");
  });

  it("serves one person's shifts across schedules as an iCalendar feed", async () => {
    await svc.api("/api/schedules", { method: "POST", json: { name: "secondary", ...body([bob.id, ada.id], "2026-03-07T09:00", "Europe/Berlin") } });
    const res = await svc.api(`/api/users/${ada.id}/oncall.ics?from=2026-03-07T00:00:00Z&to=2026-03-10T00:00:00Z`);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(await res.text())).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    const summaries = events.map((e) => `${e.summary} ${e.startDate.toJSDate().toISOString()}`).sort();
    expect(summaries).toEqual([
      "On call: primary 2026-03-07T15:00:00.000Z",
      "On call: primary 2026-03-09T14:00:00.000Z",
      "On call: secondary 2026-03-08T08:00:00.000Z",
    ]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
  });
});
