// A month of on-call for the report tests, seeded through the API: Alice in London and Bob in New York, a
// Primary schedule with an override, a service paging both by e-mail (the service needs SMTP_URL), incidents
// opened by alerts and acknowledged by each person with their own token, and a drill. The API cannot backdate,
// so pages, openings and acknowledgements are then dated into [2026-10-19, 2026-11-16), which holds both DST
// changes (London 25 Oct, New York 1 Nov). The expected numbers are worked out in oncall-health-report.integration.test.ts.
import { alertOpensIncident } from "./paged-incident.ts";
import { eventually, type TestService } from "./running-service.ts";

export const ONCALL_MONTH = { from: "2026-10-19T00:00:00Z", to: "2026-11-16T00:00:00Z" };

export interface OnCallMonth {
  readonly alice: { id: string; token: string };
  readonly bob: { id: string; token: string };
  readonly service: { id: string; integrationKey: string };
}

export async function seedOnCallMonth(svc: TestService): Promise<OnCallMonth> {
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
  const alice = await person("Alice Adams", "alice@example.com", "Europe/London");
  const bob = await person("Bob Brown", "bob@example.com", "America/New_York");
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
  const service = await call("POST", "/api/services", { name: "Checkout", escalationPolicyId: policy.id });
  const prisma = svc.database.prisma;

  /** An alert opens an incident that pages both; its pages, opening and acknowledgement are then dated `at`. */
  const pagedAt = async (summary: string, at: string, ack?: { by: { token: string }; afterSeconds: number }) => {
    const incident = await alertOpensIncident(svc, service, summary);
    await eventually("both pages", async () => (await prisma.page.count({ where: { incidentId: incident.id } })) >= 2);
    if (ack) await call("POST", `/api/incidents/${incident.key}/acknowledge`, undefined, ack.by.token);
    const opened = new Date(at);
    const acked = ack ? new Date(opened.getTime() + ack.afterSeconds * 1000) : null;
    await prisma.page.updateMany({ where: { incidentId: incident.id }, data: { createdAt: opened } });
    await prisma.incident.update({ where: { id: incident.id }, data: { createdAt: opened, acknowledgedAt: acked } });
    if (acked) {
      await prisma.timelineEntry.updateMany({
        where: { incidentId: incident.id, type: "incident.acknowledged" },
        data: { occurredAt: acked },
      });
    }
    return incident;
  };

  // 27 Oct 06:30Z: 06:30 GMT for Alice (night: London left summer time on 25 Oct), 02:30 EDT for Bob (night).
  await pagedAt("Checkout 5xx", "2026-10-27T06:30:00Z", { by: alice, afterSeconds: 300 });
  // 20 Oct 19:30Z: 20:30 BST for Alice (off-hours, not night), 15:30 EDT for Bob (working hours).
  await pagedAt("Checkout slow", "2026-10-20T19:30:00Z");
  // 2 Nov 11:30Z: 11:30 GMT for Alice (working hours), 06:30 EST for Bob (night of Sunday 1 Nov).
  await pagedAt("Checkout queue", "2026-11-02T11:30:00Z", { by: bob, afterSeconds: 240 });
  // A drill at 23:00Z on 28 Oct: night for Alice, but drills are practice, left out of the counts.
  const drill = await pagedAt("Drill: checkout down", "2026-10-28T23:00:00Z", { by: alice, afterSeconds: 60 });
  // Alice adds Bob as a responder to the drill, and Bob writes a note on it.
  await call("POST", `/api/incidents/${drill.key}/responders`, { userId: bob.id }, alice.token);
  await call("POST", `/api/incidents/${drill.key}/notes`, { body: "Failover rehearsed." }, bob.token);
  await prisma.incident.update({ where: { id: drill.id }, data: { drill: true } });
  return { alice, bob, service };
}
