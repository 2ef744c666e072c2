import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { oncallWho } from "./oncall-who.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-oncall-who-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
const file = (content: string): string => {
  const name = path.join(dir, `schedule-${++files}.json`);
  fs.writeFileSync(name, content);
  return name;
};

/** The body of GET /api/schedules/{id}: the example in docs/schedules.md, with the resource's own fields around it. */
const body = {
  id: "sch-1",
  name: "Platform primary",
  timeZone: "America/Chicago",
  layers: [
    {
      users: ["alice", "bob", "carol"],
      rotation: { type: "weekly", shiftLength: 1, start: "2026-03-02T09:00" },
      restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
    },
  ],
  overrides: [{ user: "dave", add: true, start: "2026-03-03T16:00:00Z", end: "2026-03-03T17:00:00Z" }],
};
const good = file(JSON.stringify(body));

async function run(scheduleFile: string, at: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await oncallWho(
    { scheduleFile, at },
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

describe("firewatch oncall who", () => {
  it.each([
    ["Mon 10:00 CST: the first user", "2026-03-02T16:00:00Z", ["alice"]],
    ["with an offset instead of Z", "2026-03-02T10:00:00-06:00", ["alice"]],
    ["an added override prints a second line", "2026-03-03T16:30:00Z", ["alice", "dave"]],
    ["second week, after the spring-forward (Mon 09:00 CDT)", "2026-03-09T14:00:00Z", ["bob"]],
    ["outside the restriction: nobody, nothing printed", "2026-03-07T16:00:00Z", []],
  ])("%s", async (_name, at, users) => {
    expect(await run(good, at)).toEqual({ code: 0, out: users, err: [] });
  });

  it.each([
    [
      "a missing file",
      () => path.join(dir, "missing.json"),
      "2026-03-02T16:00:00Z",
      /^firewatch: cannot read .*missing\.json: ENOENT/,
    ],
    ["invalid JSON", () => file("{ timeZone: "), "2026-03-02T16:00:00Z", /^firewatch: .*\.json is not valid JSON: /],
    [
      "an invalid schedule",
      () => file(JSON.stringify({ ...body, timeZone: "Mars/Olympus" })),
      "2026-03-02T16:00:00Z",
      /^firewatch: .*\.json: Invalid schedule: timeZone: "Mars\/Olympus" is not an IANA/,
    ],
    [
      "--at without offset",
      () => good,
      "2026-03-02T16:00:00",
      /^firewatch: --at "2026-03-02T16:00:00" is not an ISO-8601 instant with offset or Z/,
    ],
    ["--at that is not a time", () => good, "tomorrow", /^firewatch: --at "tomorrow" is not an ISO-8601 instant/],
  ])("exits 2 with one line on stderr for %s", async (_name, scheduleFile, at, message) => {
    const result = await run(scheduleFile(), at);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(message);
    expect(result.err[0]).not.toContain("\n");
  });
});
