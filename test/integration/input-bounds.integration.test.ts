// Every number, string and list a request carries is bounded: one past each bound is a 400 that names the
// field (`fields[].path`, for forms) and writes nothing; the bound itself is accepted. A value with no bound
// once broke a whole feature for a tenant (a schedule with shiftLength 1e15, a policy with 10,000 levels).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

type Json = Record<string, any>;

describe.each(DATABASE_KINDS)("request bounds on $name", (kind) => {
  let svc: TestService;
  let ada: Json;
  let incident: string;
  let note: Json;
  let scheduleId: string;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    return { status: res.status, body: (await res.json().catch(() => null)) as Json };
  };
  const rows = async () => {
    const p = svc.database.prisma;
    return Promise.all([
      p.schedule.findMany({ orderBy: { id: "asc" } }),
      p.escalationPolicy.count(),
      p.timelineEntry.findMany({ orderBy: { id: "asc" } }),
      p.user.count(),
      p.escalationRule.count(),
    ]);
  };
  const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

  beforeAll(async () => {
    svc = await startTestService(kind);
    ada = (await call("POST", "/api/users", { name: "ada", email: "ada@example.com" })).body;
    incident = (await call("POST", "/api/incidents", { title: "Bounds", severity: "SEV3" })).body.key;
    note = (await call("POST", `/api/incidents/${incident}/notes`, { body: "first" })).body;
    scheduleId = (await call("POST", "/api/schedules", schedule())).body.id;
  });
  afterAll(() => svc?.stop());

  function schedule(change: (s: Json) => void = () => {}): Json {
    const s: Json = {
      name: "primary",
      timeZone: "Europe/Berlin",
      layers: [
        {
          users: [ada.id],
          rotation: { type: "weekly", shiftLength: 1, start: "2026-03-02T09:00" },
          restrictions: [{ days: ["mon"], from: "09:00", to: "17:00" }],
        },
      ],
      overrides: [],
    };
    change(s);
    return s;
  }
  const override = (i: number) => ({
    user: ada.id,
    start: "2026-03-08T00:00:00Z",
    end: `2026-03-09T${String(i % 24).padStart(2, "0")}:00:00Z`,
  });
  const policy = (change: (p: Json) => void = () => {}) => {
    const p: Json = { name: "policy", levels: [{ delayMinutes: 5, targets: [{ type: "user", id: ada.id }] }] };
    change(p);
    return p;
  };
  const level = () => ({ delayMinutes: 5, targets: [{ type: "user", id: ada.id }] });

  // what, method, path, body at the bound (accepted; null when the bound is a format), body past it, field path, message
  type Case = [string, string, () => string, (() => unknown) | null, () => unknown, string, RegExp];
  const cases: Case[] = [
    [
      "a weekly shiftLength",
      "PUT",
      () => `/api/schedules/${scheduleId}`,
      () => schedule((s) => (s.layers[0].rotation.shiftLength = 52)),
      () => schedule((s) => (s.layers[0].rotation.shiftLength = 1e15)),
      "layers[0].rotation.shiftLength",
      /1000000000000000 must be a whole number from 1 to 52 for a weekly rotation/,
    ],
    [
      "an hourly shiftLength",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.layers[0].rotation = { type: "hourly", shiftLength: 8_760, start: "2026-03-02T09:00" })),
      () => schedule((s) => (s.layers[0].rotation = { type: "hourly", shiftLength: 8_761, start: "2026-03-02T09:00" })),
      "layers[0].rotation.shiftLength",
      /from 1 to 8760/,
    ],
    [
      "a daily shiftLength",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.layers[0].rotation = { type: "daily", shiftLength: 365, start: "2026-03-02T09:00" })),
      () => schedule((s) => (s.layers[0].rotation = { type: "daily", shiftLength: 366, start: "2026-03-02T09:00" })),
      "layers[0].rotation.shiftLength",
      /from 1 to 365/,
    ],
    [
      "the layers of a schedule",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.layers = times(20, () => s.layers[0]))),
      () => schedule((s) => (s.layers = times(21, () => s.layers[0]))),
      "layers",
      /has 21 entries; give at most 20/,
    ],
    [
      "the users of a layer",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.layers[0].users = times(100, () => ada.id))),
      () => schedule((s) => (s.layers[0].users = times(101, () => ada.id))),
      "layers[0].users",
      /give at most 100/,
    ],
    [
      "the restrictions of a layer",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.layers[0].restrictions = times(50, () => s.layers[0].restrictions[0]))),
      () => schedule((s) => (s.layers[0].restrictions = times(51, () => s.layers[0].restrictions[0]))),
      "layers[0].restrictions",
      /give at most 50/,
    ],
    [
      "the overrides of a schedule",
      "PUT",
      () => `/api/schedules/${scheduleId}`,
      () => schedule((s) => (s.overrides = times(1_000, override))),
      () => schedule((s) => (s.overrides = times(1_001, override))),
      "overrides",
      /has 1001 entries; give at most 1000/,
    ],
    [
      "the year of a rotation start",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.layers[0].rotation.start = "2200-01-01T00:00")),
      () => schedule((s) => (s.layers[0].rotation.start = "+275760-01-01T00:00")),
      "layers[0].rotation.start",
      /./,
    ],
    [
      "the year of an override",
      "POST",
      () => "/api/schedules",
      () => schedule((s) => (s.overrides = [{ ...override(0), end: "2200-12-31T23:00:00Z" }])),
      () => schedule((s) => (s.overrides = [{ ...override(0), end: "2201-01-01T00:00:00Z" }])),
      "overrides[0].end",
      /must fall in the years 1970 to 2200/,
    ],
    [
      "a user id in a layer",
      "POST",
      () => "/api/schedules",
      null,
      () => schedule((s) => (s.layers[0].users = ["u".repeat(256)])),
      "layers[0].users[0]",
      /at most 255 characters/,
    ],
    [
      "a time zone name",
      "POST",
      () => "/api/schedules",
      null,
      () => schedule((s) => (s.timeZone = "Europe/".repeat(10_000))),
      "timeZone",
      /^"Europe\/Europe.{60,80} is not an IANA time zone name/,
    ],
    [
      "the user of an override",
      "POST",
      () => `/api/schedules/${scheduleId}/overrides`,
      null,
      () => ({ user: "u".repeat(256), start: "2026-03-08T00:00:00Z", end: "2026-03-09T00:00:00Z" }),
      "user",
      /a user id has at most 255 characters/,
    ],
    [
      "the levels of a policy",
      "POST",
      () => "/api/escalation-policies",
      () => policy((p) => (p.levels = times(20, level))),
      () => policy((p) => (p.levels = times(10_000, level))),
      "levels",
      /a policy has at most 20 levels/,
    ],
    [
      "the targets of a level",
      "POST",
      () => "/api/escalation-policies",
      () => policy((p) => (p.levels[0].targets = times(20, () => ({ type: "user", id: ada.id })))),
      () => policy((p) => (p.levels[0].targets = times(21, () => ({ type: "user", id: ada.id })))),
      "levels[0].targets",
      /a level has at most 20 targets/,
    ],
    [
      "the delay of a level",
      "POST",
      () => "/api/escalation-policies",
      () => policy((p) => (p.levels[0].delayMinutes = 1_440)),
      () => policy((p) => (p.levels[0].delayMinutes = 1e15)),
      "levels[0].delayMinutes",
      /<=1440/,
    ],
    [
      "repeat",
      "POST",
      () => "/api/escalation-policies",
      () => policy((p) => (p.repeat = 5)),
      () => policy((p) => (p.repeat = 6)),
      "repeat",
      /<=5/,
    ],
    [
      "a note",
      "POST",
      () => `/api/incidents/${incident}/notes`,
      () => ({ body: "n".repeat(32_000) }),
      () => ({ body: "n".repeat(32_001) }),
      "body",
      /a note has at most 32000 characters/,
    ],
    [
      "a note edit",
      "PATCH",
      () => `/api/incidents/${incident}/timeline/${note.id}`,
      () => ({ body: "e".repeat(32_000) }),
      () => ({ body: "e".repeat(32_001) }),
      "body",
      /a note has at most 32000 characters/,
    ],
    [
      "an e-mail address",
      "POST",
      () => "/api/users",
      () => ({ name: "long", email: `${"a".repeat(64)}@${"b".repeat(185)}.com` }),
      () => ({ name: "longer", email: `${"a".repeat(64)}@${"b".repeat(186)}.com` }),
      "email",
      /<=254 characters/,
    ],
    [
      "the issue key of a rule test",
      "POST",
      () => "/api/escalation-rules/test",
      null,
      () => ({ jql: "project = CI", issueKey: `CI-${"1".repeat(300)}` }),
      "issueKey",
      /<=255 characters/,
    ],
  ];

  it.each(cases)(
    "%s: one past the bound is a 400 naming the field, and nothing is written",
    async (_what, method, path, _atBound, past, field, message) => {
      const before = await rows();
      const res = await call(method, path(), past());
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
      expect(res.body.error.fields).toEqual(
        expect.arrayContaining([{ path: field, message: expect.stringMatching(message) }]),
      );
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
      expect(await rows()).toEqual(before);
    },
  );

  it.each(cases.filter((c) => c[3] !== null))(
    "%s: the bound itself is accepted",
    async (_what, method, path, atBound) => {
      const res = await call(method, path(), atBound!());
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBeLessThan(300);
    },
  );

  it("lists on the query string are bounded too", async () => {
    const res = await call("GET", "/api/incidents?status=triggered,triggered,triggered,triggered");
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: "status", message: expect.stringMatching(/at most once/) }]);
    const timeline = await call("GET", `/api/incidents/${incident}/timeline?type=${times(51, () => "note").join(",")}`);
    expect(timeline.status).toBe(400);
    expect(timeline.body.error.fields).toEqual([{ path: "type", message: "name at most 50 values" }]);
  });
});
