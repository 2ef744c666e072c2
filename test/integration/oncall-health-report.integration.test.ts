// The on-call health and drill reports over real HTTP: people in London and New York, a schedule with an
// override, incidents opened by alerts and paged by e-mail (the SMTP stand-in), one acknowledged by each
// person with their own token; then the pages, acknowledgements and incidents are dated into a month with
// both DST changes (the API cannot backdate them) and the reports' JSON is checked against numbers worked
// out by hand. A drill pages too, and is left out of the on-call and incident reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { alertOpensIncident } from "../support/paged-incident.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

const MONTH = "from=2026-10-19T00:00:00Z&to=2026-11-16T00:00:00Z";

describe.each(DATABASE_KINDS)("on-call health and drill reports on $name", (kind) => {
  const smtp = new SmtpCapture();
  let svc: TestService;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let service: { id: string; integrationKey: string };

  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const person = async (name: string, email: string, timeZone: string) => {
    const user = await call("POST", "/api/users", { name, email, timeZone });
    await call("POST", `/api/users/${user.id}/contact-methods`, { kind: "email", address: email });
    return { id: user.id as string, token: (await call("POST", `/api/users/${user.id}/tokens`, { name: "t" })).token };
  };
  const prisma = () => svc.database.prisma;
  /** An alert opens an incident that pages both; its pages, opening and acknowledgement are then dated `at`. */
  const pagedAt = async (summary: string, at: string, ack?: { by: { token: string }; afterSeconds: number }) => {
    const incident = await alertOpensIncident(svc, service, summary);
    await eventually(
      "both pages",
      async () => (await prisma().page.count({ where: { incidentId: incident.id } })) >= 2,
    );
    if (ack) await call("POST", `/api/incidents/${incident.key}/acknowledge`, undefined, ack.by.token);
    const opened = new Date(at);
    const acked = ack ? new Date(opened.getTime() + ack.afterSeconds * 1000) : null;
    await prisma().page.updateMany({ where: { incidentId: incident.id }, data: { createdAt: opened } });
    await prisma().incident.update({
      where: { id: incident.id },
      data: { createdAt: opened, acknowledgedAt: acked },
    });
    if (acked) {
      await prisma().timelineEntry.updateMany({
        where: { incidentId: incident.id, type: "incident.acknowledged" },
        data: { occurredAt: acked },
      });
    }
    return incident;
  };

  beforeAll(async () => {
    svc = await startTestService(kind, { env: { SMTP_URL: await smtp.start() } });
    alice = await person("Alice Adams", "alice@example.com", "Europe/London");
    bob = await person("Bob Brown", "bob@example.com", "America/New_York");
    // Weekly hand-offs at 09:00 London time; Bob takes Alice's week of 26 Oct (as in oncall-health.test.ts).
    await call("POST", "/api/schedules", {
      name: "Primary",
      timeZone: "Europe/London",
      layers: [{ users: [alice.id, bob.id], rotation: { type: "weekly", shiftLength: 1, start: "2026-10-12T09:00" } }],
      overrides: [{ user: bob.id, replaces: alice.id, start: "2026-10-26T09:00:00Z", end: "2026-11-02T09:00:00Z" }],
    });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 0,
      levels: [
        {
          delayMinutes: 5,
          targets: [
            { type: "user", id: alice.id },
            { type: "user", id: bob.id },
          ],
        },
      ],
    });
    service = await call("POST", "/api/services", { name: "Checkout", escalationPolicyId: policy.id });

    // 27 Oct 06:30Z: 06:30 GMT for Alice (night: London left summer time on 25 Oct), 02:30 EDT for Bob (night).
    await pagedAt("Checkout 5xx", "2026-10-27T06:30:00Z", { by: alice, afterSeconds: 300 });
    // 20 Oct 19:30Z: 20:30 BST for Alice (off-hours, not night), 15:30 EDT for Bob (working hours).
    await pagedAt("Checkout slow", "2026-10-20T19:30:00Z");
    // 2 Nov 11:30Z: 11:30 GMT for Alice (working hours), 06:30 EST for Bob (night of Sunday 1 Nov).
    await pagedAt("Checkout queue", "2026-11-02T11:30:00Z", { by: bob, afterSeconds: 240 });
    // A drill at 23:00Z on 28 Oct: night for Alice, but drills are practice, left out.
    const drill = await pagedAt("Drill: checkout down", "2026-10-28T23:00:00Z", { by: alice, afterSeconds: 60 });
    await prisma().incident.update({ where: { id: drill.id }, data: { drill: true } });
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
