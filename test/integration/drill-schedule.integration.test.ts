// A service's scheduled drill over real HTTP: the schedule is checked when saved, the drill fires at its local time
// across the clocks going forward (Europe/London, Sunday 28 March 2027), opens exactly one drill incident even when its
// job runs twice, and queues the next one two weeks on at the same local time; clearing the schedule drops the job.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, TestClock, type TestService } from "../support/running-service.ts";

const SCHEDULE = {
  weekday: "mon",
  time: "09:00",
  timeZone: "Europe/London",
  everyWeeks: 2,
  startsOn: "2027-03-24",
};

describe.each(DATABASE_KINDS)("scheduled drills on $name", (kind) => {
  const clock = new TestClock();
  let svc: TestService;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const jumpTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());
  const drills = async (serviceId: string) =>
    (await call("GET", `/api/incidents?drill=true&serviceId=${serviceId}`)).incidents as any[];
  const drillJobs = async () =>
    ((await call("GET", "/api/jobs?state=pending")).jobs as any[]).filter((j) => j.task === "scheduled_drill");

  beforeAll(async () => {
    jumpTo("2027-03-26T12:00:00Z"); // Friday, before the clocks go forward
    svc = await startTestService(kind, { clock });
  });
  afterAll(() => svc?.stop());

  it("refuses a schedule that cannot fire, naming the field, and stores nothing", async () => {
    const { id } = await svc.createService("Refused");
    for (const [field, value] of [
      ["timeZone", "Mars/Olympus"],
      ["time", "25:00"],
      ["everyWeeks", 9],
      ["startsOn", "2027-02-30"],
      ["weekday", "funday"],
    ] as const) {
      const res = await svc.api(`/api/services/${id}`, {
        method: "PATCH",
        json: { drillSchedule: { ...SCHEDULE, [field]: value } },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    const stored = await call("GET", `/api/services/${id}`);
    expect([stored.drillSchedule, stored.nextDrillAt]).toEqual([null, null]);
    expect(await drillJobs()).toEqual([]);
  });

  it("fires at 09:00 BST after the change, once, and queues the drill two weeks on", async () => {
    const created = await call("POST", "/api/services", { name: "Checkout", drillSchedule: SCHEDULE });
    // Monday 29 March 09:00 BST is 08:00Z: an hour earlier than the 09:00Z it would be in GMT.
    expect(created.nextDrillAt).toBe("2027-03-29T08:00:00.000Z");
    expect(created.drillSchedule).toEqual({ ...SCHEDULE, title: null, severity: null });
    expect((await drillJobs()).map((j) => j.runAt)).toEqual(["2027-03-29T08:00:00.000Z"]);

    jumpTo("2027-03-29T08:00:05Z");
    const [drill] = await eventually(
      "the scheduled drill",
      async () => (await drills(created.id)).at(0) && drills(created.id),
    );
    expect(drill).toMatchObject({
      title: "Practice drill: Checkout",
      drill: true,
      severity: "SEV3",
      status: "triggered",
    });
    const [opened] = (await call("GET", `/api/incidents/${drill.id}/timeline`)).entries;
    expect(opened.author).toBe("Firewatch (scheduled drill)");
    expect(opened.body).toContain("the scheduled drill of Checkout, 2027-03-29 09:00 Europe/London");

    // The drill runs like an incident: acknowledged two minutes on; a real incident the same morning is reported,
    // the drill only in the drill report.
    const real = await call("POST", "/api/incidents", { title: "Real checkout errors", serviceId: created.id });
    clock.advance(120_000);
    await call("POST", `/api/incidents/${drill.id}/acknowledge`);
    const day = "from=2027-03-29T00:00:00Z&to=2027-03-30T00:00:00Z";
    const incidents = await call("GET", `/api/reports/incidents?${day}`);
    expect([incidents.incidents, incidents.mtta.acknowledged]).toEqual([1, 0]);
    expect(incidents.byService).toEqual([{ serviceId: created.id, name: "Checkout", incidents: 1 }]);
    const drillReport = await call("GET", `/api/reports/drills?${day}`);
    expect(drillReport.drills.map((d: any) => [d.number, d.title, d.acknowledgedBy?.name])).toEqual([
      [drill.number, "Practice drill: Checkout", expect.any(String)],
    ]);
    // The test clock runs on from the two minutes it was moved.
    expect(drillReport.drills[0].secondsToAcknowledge).toBeGreaterThanOrEqual(120);
    expect(drillReport.totals).toMatchObject({ drills: 1, acknowledged: 1 });
    expect(drillReport.drills.map((d: any) => d.number)).not.toContain(real.number);

    // The next drill: Monday 12 April 09:00 BST.
    await eventually("the next drill's job", async () => (await drillJobs()).length === 1);
    expect((await drillJobs()).map((j) => j.runAt)).toEqual(["2027-04-12T08:00:00.000Z"]);
    expect((await call("GET", `/api/services/${created.id}`)).nextDrillAt).toBe("2027-04-12T08:00:00.000Z");

    // The same occurrence's job again (a retry after a lost acknowledgement, a duplicate): no second drill.
    const again = await svc.database.prisma.job.create({
      data: {
        task: "scheduled_drill",
        payload: { serviceId: created.id, occurrence: "2027-03-29T08:00:00.000Z" },
        runAt: clock.now(),
      },
    });
    await eventually("the repeated job to finish", async () => {
      const job = await svc.database.prisma.job.findUnique({ where: { id: again.id } });
      return job?.state === "succeeded";
    });
    expect(await drills(created.id)).toHaveLength(1);
    expect((await drillJobs()).map((j) => j.runAt)).toEqual(["2027-04-12T08:00:00.000Z"]);

    const cleared = await call("PATCH", `/api/services/${created.id}`, { drillSchedule: null });
    expect([cleared.drillSchedule, cleared.nextDrillAt]).toEqual([null, null]);
    expect(await drillJobs()).toEqual([]);
  });

  it("drops the waiting drill when its service is deleted", async () => {
    const created = await call("POST", "/api/services", { name: "Short-lived", drillSchedule: SCHEDULE });
    expect((await drillJobs()).map((j) => j.payload.serviceId)).toEqual([created.id]);
    expect((await svc.api(`/api/services/${created.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await drillJobs()).toEqual([]);
  });

  it("keeps real incidents and drills apart in the list", async () => {
    await call("POST", "/api/incidents", { title: "Real outage", serviceId: null });
    const real = (await call("GET", "/api/incidents?drill=false")).incidents as any[];
    expect(real.map((i) => [i.title, i.drill])).toEqual([
      ["Real outage", false],
      ["Real checkout errors", false],
    ]);
    expect((await call("GET", "/api/incidents?drill=true")).incidents.every((i: any) => i.drill)).toBe(true);
  });
});
