// The on-call health and drill reports over real HTTP on the month of test/support/oncall-month.ts: people in
// London and New York, a schedule with an override, incidents opened by alerts and paged by e-mail (the SMTP
// stand-in), one acknowledged by each person with their own token, then dated into a month with both DST
// changes; the reports' JSON is checked against numbers worked out by hand. A drill pages too, and is left
// out of the on-call and incident reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { ONCALL_MONTH, seedOnCallMonth } from "../support/oncall-month.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const MONTH = new URLSearchParams(ONCALL_MONTH).toString();

describe.each(DATABASE_KINDS)("on-call health and drill reports on $name", (kind) => {
  const smtp = new SmtpCapture();
  let svc: TestService;

  const call = async (method: string, path: string) => {
    const res = await svc.api(path, { method });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };

  beforeAll(async () => {
    svc = await startTestService(kind, { env: { SMTP_URL: await smtp.start() } });
    await seedOnCallMonth(svc);
  });
  afterAll(async () => {
    await svc?.stop();
    await smtp.stop();
  });

  it("reports each person's pages in their own zone, hours on call, TTA, the schedule's fairness and warnings", async () => {
    const report = await call("GET", `/api/reports/oncall?${MONTH}`);
    const rows = report.people.map((p: any) => [
      p.name,
      p.pages,
      p.offHoursPages,
      p.nightPages,
      p.hoursOnCall,
      p.sleepInterruptions.nights,
      p.acknowledged,
      p.ttaMedianSeconds,
    ]);
    // Alice: hours 8 + 159 (oncall-health.test.ts); Bob 169 + 168 + 168. Bob's two nights (26 Oct, 1 Nov) are
    // both in the ISO week of 26 Oct: fewer than 3 night pages, no warning.
    expect(rows).toEqual([
      ["Alice Adams", 3, 2, 1, 167, 1, 1, 300],
      ["Bob Brown", 3, 2, 2, 505, 2, 1, 240],
    ]);
    expect(report.people[1].sleepInterruptions.weeks).toEqual([{ weekStart: "2026-10-26", nights: 2, nightPages: 2 }]);
    expect(report.schedules).toMatchObject([
      { name: "Primary", hoursOnCall: 672, fairness: { hours: 0.75, offHoursPages: 1 } },
    ]);
    expect(report.warnings.map((w: any) => w.message)).toEqual(["Bob Brown carried 75% of Primary's on-call hours"]);
  });

  it("leaves drills out of the incident report and trends by service and by the person who acknowledged", async () => {
    const report = await call("GET", `/api/reports/incidents?${MONTH}`);
    expect(report.incidents).toBe(3);
    expect(report.serviceTrends.map((t: any) => [t.name, t.incidents, t.mttaMedianSeconds])).toEqual([
      ["Checkout", 3, 270],
    ]);
    expect(report.responderTrends.map((t: any) => [t.name, t.incidents, t.mttaMedianSeconds])).toEqual([
      ["Alice Adams", 1, 300],
      ["Bob Brown", 1, 240],
    ]);
    expect(report.responderTrends[0].weeks.map((w: any) => w.incidents)).toEqual([0, 1, 0, 0]);
  });

  it("lists the drills with their times and who took part", async () => {
    const report = await call("GET", `/api/reports/drills?${MONTH}`);
    expect(report.totals).toEqual({ drills: 1, acknowledged: 1, ttaMedianSeconds: 60 });
    expect(report.drills).toMatchObject([
      {
        title: "Drill: checkout down",
        service: { name: "Checkout" },
        openedAt: "2026-10-28T23:00:00.000Z",
        secondsToAcknowledge: 60,
        secondsToResolve: null,
        acknowledgedBy: { name: "Alice Adams" },
      },
    ]);
    expect(report.drills[0].paged.map((p: any) => p.name).sort()).toEqual(["Alice Adams", "Bob Brown"]);
    expect(report.drills[0].respondersAdded.map((p: any) => p.name)).toEqual(["Bob Brown"]);
    expect(report.drills[0].noteWriters.map((p: any) => p.name)).toEqual(["Bob Brown"]);
  });

  it.each([
    ["a range over 93 days", "from=2026-10-01T00:00:00Z&to=2027-01-03T00:00:00Z", "93 days"],
    ["`to` at `from`", "from=2026-10-01T00:00:00Z&to=2026-10-01T00:00:00Z", "after `from`"],
    ["a local time", "from=2026-10-01T00:00&to=2026-10-02T00:00:00Z", "from"],
  ])("answers 400 naming the field for %s", async (_, query, words) => {
    const res = await svc.api(`/api/reports/oncall?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toContain(words);
  });

  it("takes a 93-day range", async () => {
    expect((await svc.api("/api/reports/oncall?from=2026-10-01T00:00:00Z&to=2027-01-02T00:00:00Z")).status).toBe(200);
  });
});
