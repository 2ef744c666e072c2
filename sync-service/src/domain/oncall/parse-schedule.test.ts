// Validation of the schedule JSON form of docs/schedules.md: every rejection names the
// JSON path and what to write instead.
import { describe, expect, it } from "vitest";
import { InvalidInputDomainError } from "../errors.ts";
import { parseSchedule } from "./parse-schedule.ts";
import { InvalidScheduleDomainError, SCHEDULE_LIMITS } from "./schedule.ts";

type Json = Record<string, any>;

/** The example of docs/schedules.md. */
const spec = (): Json => ({
  timeZone: "America/Chicago",
  layers: [
    {
      users: ["alice", "bob", "carol"],
      rotation: { type: "weekly", shiftLength: 1, start: "2026-03-02T09:00" },
      restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
    },
  ],
  overrides: [{ user: "dave", replaces: "alice", start: "2026-03-08T00:00:00Z", end: "2026-03-09T00:00:00Z" }],
});

const invalid = (json: unknown) => {
  try {
    parseSchedule(json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputDomainError);
    expect(error).toMatchObject({ code: "SCHEDULE.INVALID" });
    return (error as Error).message;
  }
  throw new Error("parseSchedule accepted it");
};

describe("parseSchedule accepts", () => {
  it("the example in docs/schedules.md as it is", () => {
    expect(parseSchedule(spec())).toEqual(spec());
  });

  it("the GET /api/schedules/{id} body with extra fields, keeping only the schedule", () => {
    expect(parseSchedule({ id: "s-1", name: "Primary", ...spec() })).toEqual(spec());
  });

  it("no overrides field, and null restrictions/replaces as absent", () => {
    const json = spec();
    delete json.overrides;
    json.layers[0].restrictions = null;
    expect(parseSchedule(json)).toEqual({
      timeZone: "America/Chicago",
      layers: [{ users: ["alice", "bob", "carol"], rotation: json.layers[0].rotation }],
      overrides: [],
    });
  });

  it("override instants with an offset, stored in UTC", () => {
    const json = spec();
    json.overrides[0] = {
      user: "dave",
      replaces: null,
      start: "2026-03-08T01:00:00+01:00",
      end: "2026-03-08T20:00:00-06:00",
    };
    expect(parseSchedule(json).overrides).toEqual([
      { user: "dave", start: "2026-03-08T00:00:00Z", end: "2026-03-09T02:00:00Z" },
    ]);
  });

  it("add: true is kept, add: false is the default and dropped", () => {
    const json = spec();
    const { user, start, end } = json.overrides[0];
    json.overrides = [
      { user, start, end, add: true },
      { user, start, end, add: false },
    ];
    expect(parseSchedule(json).overrides).toEqual([
      { user, start, end, add: true },
      { user, start, end },
    ]);
  });

  it("a rotation start with seconds", () => {
    const json = spec();
    json.layers[0].rotation.start = "2026-03-02T09:00:30";
    expect(parseSchedule(json).layers[0]!.rotation.start).toBe("2026-03-02T09:00:30");
  });
});

describe("parseSchedule rejects", () => {
  it.each<[string, (json: Json) => unknown, string]>([
    [
      "an unknown IANA zone",
      (j) => (j.timeZone = "Mars/Olympus"),
      'timeZone: "Mars/Olympus" is not an IANA time zone name such as "America/Chicago"',
    ],
    ["a fixed offset as zone", (j) => (j.timeZone = "+01:00"), 'timeZone: "+01:00" is not an IANA time zone name'],
    ["a missing zone", (j) => delete j.timeZone, "timeZone: undefined is not an IANA time zone name"],
    ["layers that are not an array", (j) => (j.layers = {}), "layers: expected an array"],
    ["empty users", (j) => (j.layers[0].users = []), "layers[0].users: give at least one user id"],
    [
      "a blank user id",
      (j) => (j.layers[0].users = ["alice", " "]),
      'layers[0].users[1]: " " is not a user id; give a non-empty string',
    ],
    [
      "an unknown rotation type",
      (j) => (j.layers[0].rotation.type = "monthly"),
      'layers[0].rotation.type: "monthly" must be one of hourly, daily, weekly',
    ],
    [
      "shiftLength 0",
      (j) => (j.layers[0].rotation.shiftLength = 0),
      "layers[0].rotation.shiftLength: 0 must be a whole number from 1 to 52 for a weekly rotation (a year)",
    ],
    [
      "shiftLength 1.5",
      (j) => (j.layers[0].rotation.shiftLength = 1.5),
      "layers[0].rotation.shiftLength: 1.5 must be a whole number from 1",
    ],
    [
      "a rotation start with Z",
      (j) => (j.layers[0].rotation.start = "2026-03-02T09:00Z"),
      'layers[0].rotation.start: "2026-03-02T09:00Z" must be a local date-time in timeZone without offset or Z, like "2026-03-02T09:00"',
    ],
    [
      "a rotation start with an offset",
      (j) => (j.layers[0].rotation.start = "2026-03-02T09:00-06:00"),
      'layers[0].rotation.start: "2026-03-02T09:00-06:00" must be a local date-time',
    ],
    [
      "a rotation start that is only a date",
      (j) => (j.layers[0].rotation.start = "2026-03-02"),
      'layers[0].rotation.start: "2026-03-02" must be a local date-time',
    ],
    [
      "a rotation start on 30 February",
      (j) => (j.layers[0].rotation.start = "2026-02-30T09:00"),
      'layers[0].rotation.start: "2026-02-30T09:00" must be a local date-time',
    ],
    [
      "a restriction from 9:00",
      (j) => (j.layers[0].restrictions[0].from = "9:00"),
      'layers[0].restrictions[0].from: "9:00" must be a local time HH:MM from 00:00 to 23:59, like "09:00"',
    ],
    [
      "a restriction to 24:00",
      (j) => (j.layers[0].restrictions[0].to = "24:00"),
      'layers[0].restrictions[0].to: "24:00" must be a local time HH:MM',
    ],
    [
      "an unknown day",
      (j) => (j.layers[0].restrictions[0].days = ["mon", "monday"]),
      'layers[0].restrictions[0].days[1]: "monday" is not a day; use one of mon, tue, wed, thu, fri, sat, sun',
    ],
    [
      "no days",
      (j) => (j.layers[0].restrictions[0].days = []),
      "layers[0].restrictions[0].days: give at least one day",
    ],
    [
      "an override ending at its start",
      (j) => (j.overrides[0].end = j.overrides[0].start),
      'overrides[0].end: "2026-03-08T00:00:00Z" must be after start "2026-03-08T00:00:00Z"',
    ],
    [
      "an override ending before its start",
      (j) => (j.overrides[0].end = "2026-03-07T00:00:00Z"),
      'overrides[0].end: "2026-03-07T00:00:00Z" must be after start',
    ],
    [
      "an override instant without offset",
      (j) => (j.overrides[0].start = "2026-03-08T00:00:00"),
      'overrides[0].start: "2026-03-08T00:00:00" must be an ISO-8601 instant with offset or Z, like "2026-03-08T00:00:00Z"',
    ],
    ["an override without user", (j) => delete j.overrides[0].user, "overrides[0].user: undefined is not a user id"],
    ["an empty replaces", (j) => (j.overrides[0].replaces = ""), 'overrides[0].replaces: "" is not a user id'],
    ["add that is not a boolean", (j) => (j.overrides[0].add = "yes"), 'overrides[0].add: "yes" must be true or false'],
    [
      "add together with replaces",
      (j) => (j.overrides[0].add = true),
      "overrides[0].add: an override either replaces someone or is added beside them; drop one",
    ],
  ])("%s", (_name, mutate, message) => {
    const json = spec();
    mutate(json);
    expect(invalid(json)).toContain(message);
  });

  it.each([[[]], [null], ["{}"]])("a schedule that is not an object: %j", (json) => {
    expect(invalid(json)).toBe(
      "Invalid schedule: schedule: expected a JSON object with timeZone, layers and overrides",
    );
  });

  it("names every problem in one message, and each with its path", () => {
    const json = spec();
    json.timeZone = "Nowhere";
    json.layers[0].rotation.shiftLength = 0;
    json.overrides[0].start = "soon";
    const message = invalid(json);
    expect(message).toMatch(
      /^Invalid schedule: timeZone: .+; layers\[0\]\.rotation\.shiftLength: .+; overrides\[0\]\.start: /,
    );
    try {
      parseSchedule(json);
    } catch (error) {
      expect((error as InvalidScheduleDomainError).problems.map((p) => p.path)).toEqual([
        "timeZone",
        "layers[0].rotation.shiftLength",
        "overrides[0].start",
      ]);
    }
  });
});

// SCHEDULE_LIMITS: each bound accepted at its edge and refused one past it, naming the path.
describe("parseSchedule bounds", () => {
  const L = SCHEDULE_LIMITS;
  const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  const layer = (j: Json) => j.layers[0];
  const override = (i: number) => ({
    user: "dave",
    start: `2026-03-08T00:00:00Z`,
    end: `2026-03-09T${String(i % 24).padStart(2, "0")}:00:00Z`,
  });
  it.each<[string, (json: Json) => unknown, (json: Json) => unknown, string]>([
    [
      "hourly shiftLength",
      (j) => (layer(j).rotation = { type: "hourly", shiftLength: L.shiftLength.hourly, start: "2026-03-02T09:00" }),
      (j) => (layer(j).rotation.shiftLength += 1),
      "layers[0].rotation.shiftLength: 8761 must be a whole number from 1 to 8760 for an hourly rotation (a year)",
    ],
    [
      "daily shiftLength",
      (j) => (layer(j).rotation = { type: "daily", shiftLength: L.shiftLength.daily, start: "2026-03-02T09:00" }),
      (j) => (layer(j).rotation.shiftLength += 1),
      "layers[0].rotation.shiftLength: 366 must be a whole number from 1 to 365 for a daily rotation",
    ],
    [
      "weekly shiftLength",
      (j) => (layer(j).rotation.shiftLength = L.shiftLength.weekly),
      (j) => (layer(j).rotation.shiftLength = 1e15),
      "layers[0].rotation.shiftLength: 1000000000000000 must be a whole number from 1 to 52 for a weekly rotation",
    ],
    [
      "shiftLength of an unknown type",
      () => {},
      (j) => (layer(j).rotation = { type: "monthly", shiftLength: 1e15, start: "2026-03-02T09:00" }),
      "layers[0].rotation.shiftLength: 1000000000000000 must be a whole number from 1 to 8760",
    ],
    [
      "a non-finite shiftLength",
      () => {},
      (j) => (layer(j).rotation.shiftLength = "Infinity"),
      'layers[0].rotation.shiftLength: "Infinity" must be a whole number',
    ],
    [
      "the number of layers",
      (j) => (j.layers = times(L.layers, () => layer(j))),
      (j) => j.layers.push(layer(j)),
      "layers: has 21 entries; give at most 20",
    ],
    [
      "users per layer",
      (j) => (layer(j).users = times(L.usersPerLayer, (i) => `u${i}`)),
      (j) => layer(j).users.push("one-more"),
      "layers[0].users: has 101 entries; give at most 100",
    ],
    [
      "restrictions per layer",
      (j) => (layer(j).restrictions = times(L.restrictionsPerLayer, () => layer(j).restrictions[0])),
      (j) => layer(j).restrictions.push(layer(j).restrictions[0]),
      "layers[0].restrictions: has 51 entries; give at most 50",
    ],
    [
      "days per restriction",
      (j) => (layer(j).restrictions[0].days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
      (j) => layer(j).restrictions[0].days.push("mon"),
      "layers[0].restrictions[0].days: has 8 entries; give at most 7",
    ],
    [
      "overrides per schedule",
      (j) => (j.overrides = times(L.overrides, override)),
      (j) => j.overrides.push(override(0)),
      "overrides: has 1001 entries; give at most 1000",
    ],
    [
      "the first year of a rotation start",
      (j) => (layer(j).rotation.start = "1970-01-01T00:00"),
      (j) => (layer(j).rotation.start = "1969-12-31T23:59"),
      'layers[0].rotation.start: "1969-12-31T23:59" must fall in the years 1970 to 2200',
    ],
    [
      "the last year of a rotation start",
      (j) => (layer(j).rotation.start = "2200-12-31T23:59"),
      (j) => (layer(j).rotation.start = "2201-01-01T00:00"),
      'layers[0].rotation.start: "2201-01-01T00:00" must fall in the years 1970 to 2200',
    ],
    [
      "the first year of an override",
      (j) => (j.overrides[0].start = "1970-01-01T00:00:00Z"),
      (j) => (j.overrides[0].start = "1969-12-31T23:59:59Z"),
      'overrides[0].start: "1969-12-31T23:59:59Z" must fall in the years 1970 to 2200',
    ],
    [
      "the last year of an override",
      (j) => (j.overrides[0].end = "2200-12-31T23:59:59Z"),
      (j) => (j.overrides[0].end = "+275760-09-13T00:00:00Z"),
      'overrides[0].end: "+275760-09-13T00:00:00Z" must fall in the years 1970 to 2200',
    ],
    [
      "the length of a user id",
      (j) => (layer(j).users[0] = "a".repeat(L.idLength)),
      (j) => (layer(j).users[0] += "a"),
      'layers[0].users[0]: "aaaa',
    ],
    [
      "the length of a zone name",
      () => {},
      (j) => (j.timeZone = "Europe/".repeat(20_000)),
      'timeZone: "Europe/Europe/',
    ],
  ])("%s", (_name, atBound, pastBound, message) => {
    const json = spec();
    atBound(json);
    expect(() => parseSchedule(json)).not.toThrow();
    pastBound(json);
    const refused = invalid(json);
    expect(refused).toContain(message);
    expect(refused.length).toBeLessThan(400);
  });
});
