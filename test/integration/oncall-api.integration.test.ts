// Schedules over the API in the form of docs/schedules.md, their shifts, and iCalendar feeds
// (RFC 5545, parsed back with ical.js) per schedule and per person across schedules.
import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onCallAt } from "../../sync-service/src/domain/oncall/oncall.ts";
import { parseSchedule } from "../../sync-service/src/domain/oncall/parse-schedule.ts";
import { STANDALONE_TENANT_ID } from "../../sync-service/src/domain/tenant-settings.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("on-call API on $name", (kind) => {
  let svc: TestService;
  let ada: any;
  let bob: any;
  beforeAll(async () => {
    svc = await startTestService(kind);
    const user = async (name: string) =>
      (await (
        await svc.api("/api/users", { method: "POST", json: { name, email: `${name}@example.com` } })
      ).json()) as any;
    ada = await user("ada");
    bob = await user("bob");
  });
  afterAll(() => svc?.stop());

  const body = (users: string[], start: string, tz = "America/Chicago") => ({
    timeZone: tz,
    layers: [{ users, rotation: { type: "daily", shiftLength: 1, start } }],
    overrides: [],
  });

  it("stores a schedule in the documented form (docs/schedules.md) and answers who is on call the same way as oncall who", async () => {
    const created = await svc.api("/api/schedules", {
      method: "POST",
      json: { name: "primary", ...body([ada.id, bob.id], "2026-03-07T09:00") },
    });
    expect(created.status).toBe(201);
    const schedule = (await created.json()) as any;
    const fetched = (await (await svc.api(`/api/schedules/${schedule.id}`)).json()) as any;
    expect(fetched).toMatchObject({
      id: schedule.id,
      name: "primary",
      timeZone: "America/Chicago",
      layers: [{ users: [ada.id, bob.id] }],
    });

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
    const res = await svc.api("/api/schedules", {
      method: "POST",
      json: { name: "bad", ...body([ada.id], "2026-03-07T09:00Z") },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.code).toBe("SCHEDULE.INVALID");
    expect(error.message).toContain("layers[0].rotation.start");
  });

  it("serves one person's shifts across schedules as an iCalendar feed", async () => {
    await svc.api("/api/schedules", {
      method: "POST",
      json: { name: "secondary", ...body([bob.id, ada.id], "2026-03-07T09:00", "Europe/Berlin") },
    });
    const res = await svc.api(`/api/users/${ada.id}/oncall.ics?from=2026-03-07T00:00:00Z&to=2026-03-10T00:00:00Z`);
    expect(res.headers.get("content-type")).toMatch(/^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(await res.text()))
      .getAllSubcomponents("vevent")
      .map((e) => new ICAL.Event(e));
    const summaries = events.map((e) => `${e.summary} ${e.startDate.toJSDate().toISOString()}`).sort();
    expect(summaries).toEqual([
      "On call: primary 2026-03-07T15:00:00.000Z",
      "On call: primary 2026-03-09T14:00:00.000Z",
      "On call: secondary 2026-03-08T08:00:00.000Z",
    ]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(3);
  });

  it("shows a stored schedule that no longer validates as broken; the list, feeds and pages go on without it", async () => {
    const cy = (await (
      await svc.api("/api/users", { method: "POST", json: { name: "cy", email: "cy@example.com" } })
    ).json()) as any;
    const good = (await (
      await svc.api("/api/schedules", {
        method: "POST",
        json: { name: "cy's rota", ...body([cy.id], "2026-03-07T09:00", "UTC") },
      })
    ).json()) as any;
    // Saved before shiftLength had a bound (1e15 weeks overflows every date): straight into the database.
    const definition = {
      timeZone: "UTC",
      layers: [{ users: [cy.id], rotation: { type: "weekly", shiftLength: 1e15, start: "2026-03-01T00:00" } }],
      overrides: [],
    };
    const bad = await svc.database.prisma.schedule.create({
      data: { id: randomUUID(), tenantId: STANDALONE_TENANT_ID, name: "overflowing", definition },
    });

    const list = await svc.api("/api/schedules");
    expect(list.status).toBe(200);
    const { schedules } = (await list.json()) as any;
    expect(schedules.find((x: any) => x.id === bad.id)).toEqual({
      id: bad.id,
      name: "overflowing",
      timeZone: "UTC",
      onCallNow: [],
      next: null,
      broken:
        "layers[0].rotation.shiftLength: 1000000000000000 must be a whole number from 1 to 52 for a weekly rotation (a year)",
    });
    expect(schedules.find((x: any) => x.id === good.id)).toMatchObject({ broken: null });

    const feed = await svc.api(`/api/users/${cy.id}/oncall.ics?from=2026-03-07T00:00:00Z&to=2026-03-09T00:00:00Z`);
    expect(feed.status).toBe(200);
    expect(
      new ICAL.Component(ICAL.parse(await feed.text()))
        .getAllSubcomponents("vevent")
        .map((e) => new ICAL.Event(e).summary),
    ).toEqual(["On call: cy's rota"]);
    for (const path of [
      `/api/schedules/${bad.id}/ical?from=2026-03-07T00:00:00Z&to=2026-03-09T00:00:00Z`,
      `/api/schedules/${bad.id}/oncall?from=2026-03-07T00:00:00Z&to=2026-03-09T00:00:00Z`,
    ]) {
      const res = await svc.api(path);
      expect(res.status).toBe(409);
      expect(((await res.json()) as any).error).toMatchObject({
        code: "SCHEDULE.BROKEN",
        message: expect.stringContaining(`correct it with PUT /api/schedules/${bad.id}`),
      });
    }

    // An escalation level targeting it pages the others, and says which schedule pages nobody.
    const policy = (await (
      await svc.api("/api/escalation-policies", {
        method: "POST",
        json: {
          name: "with a broken rota",
          levels: [
            {
              delayMinutes: 5,
              targets: [
                { type: "schedule", id: bad.id },
                { type: "user", id: cy.id },
              ],
            },
          ],
        },
      })
    ).json()) as any;
    const service = (await (
      await svc.api("/api/services", { method: "POST", json: { name: "rota-svc", escalationPolicyId: policy.id } })
    ).json()) as any;
    const incident = (await (
      await svc.api("/api/incidents", {
        method: "POST",
        json: { title: "Queue backlog", severity: "SEV2", serviceId: service.id },
      })
    ).json()) as any;
    const level = await eventually("the escalation level on the timeline", async () =>
      ((await (await svc.api(`/api/incidents/${incident.key}/timeline`)).json()) as any).entries.find(
        (e: any) => e.type === "escalation.level",
      ),
    );
    expect(level.body).toBe(
      'Escalation level 1: paging cy; schedule "overflowing" no longer validates and pages nobody until corrected',
    );

    // Corrected through the API, it is a schedule like any other.
    const fixed = await svc.api(`/api/schedules/${bad.id}`, {
      method: "PUT",
      json: {
        name: "overflowing",
        ...definition,
        layers: [{ ...definition.layers[0], rotation: { type: "weekly", shiftLength: 1, start: "2026-03-01T00:00" } }],
      },
    });
    expect(fixed.status).toBe(200);
    const after = ((await (await svc.api("/api/schedules")).json()) as any).schedules.find((x: any) => x.id === bad.id);
    expect(after).toMatchObject({ broken: null, onCallNow: [{ userId: cy.id }] });
  });
});
