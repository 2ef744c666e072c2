import { describe, expect, it } from "vitest";
import type { Incident } from "../../domain/incident.ts";
import { changeIncidentStatus } from "../incidents/change-incident-status.ts";
import { declareIncident } from "../incidents/declare-incident.ts";
import { fakeNotifier } from "../testing/fake-ports.ts";
import {
  addPolicy,
  addService,
  addUser,
  inMemoryWorld,
  OTHER_TENANT,
  principal,
  PUBLIC_URL,
} from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { applyDeliveryReport } from "./apply-delivery-report.ts";
import type { PageJob } from "./paging-deps.ts";
import { runLevel } from "./run-level.ts";
import { sendPage } from "./send-page.ts";
import { startEscalation } from "./start-escalation.ts";

/** The jobs waiting for the worker, by purpose and delay from now; the only place these tests name jobs. */
function followUps(store: InMemoryStore, incident: Incident, now: Date): string[] {
  const inMinutes = (at: Date) => `in ${(at.getTime() - now.getTime()) / 60_000} min`;
  const nameOf = (userId: string | undefined) => store.data.users.get(userId ?? "")?.name ?? userId;
  return store.data.jobs.map((j) => {
    const [kind, incidentId, ...rest] = (j.key ?? "").split(":");
    const ours = incidentId === incident.id;
    if (ours && j.task === "escalation.start" && kind === "escalate") return "start";
    if (ours && j.task === "escalation.level" && kind === "escalate")
      return `round ${rest[0]} level ${rest[1]} ${inMinutes(j.runAt)}`;
    if (ours && j.task === "page.send" && kind === "page")
      return `page ${nameOf(rest[2])} by rule ${rest[3]} ${inMinutes(j.runAt)}`;
    if (ours && j.task === "chat.sync" && kind === "chat_sync") return "channel";
    return `${j.task} ${j.key}`;
  });
}

const entries = (store: InMemoryStore, incident: Incident) =>
  store.timelineOf(incident.id).map(({ type, body }) => ({ type, body }));

async function world(levelTargets?: (people: { ada: string; bob: string; eve: string }) => string[][]) {
  const w = inMemoryWorld();
  const notifier = fakeNotifier();
  const ada = addUser(w.store, "Ada", [
    { kind: "email", address: "ada@example.com", delayMinutes: 0 },
    { kind: "sms", address: "+441234567890", delayMinutes: 5 },
  ]);
  const bob = addUser(w.store, "Bob", [{ kind: "slack", address: "U0BOB", delayMinutes: 0 }]);
  const eve = addUser(w.store, "Eve", [{ kind: "email", address: "eve@example.com", delayMinutes: 0 }], OTHER_TENANT);
  const targets = levelTargets?.({ ada: ada.id, bob: bob.id, eve: eve.id }) ?? [[ada.id], [bob.id]];
  const policy = addPolicy(
    w.store,
    targets.map((ids) => ({ delayMinutes: 10, targets: ids.map((id) => ({ type: "user" as const, id })) })),
  );
  const service = addService(w.store, { escalationPolicyId: policy.id });
  const incident = await declareIncident(w.deps, principal("Carol"), { title: "Checkout down", serviceId: service.id });
  const deps = { ...w.deps, notifier: notifier.port, publicUrl: PUBLIC_URL };
  const pageJob = (index: number) => {
    const job = w.store.data.jobs.find((j) => j.task === "page.send" && j.payload.index === index);
    return job!.payload as unknown as PageJob;
  };
  return { ...w, deps, notifier, ada, bob, incident, pageJob };
}

describe("escalation", () => {
  it("starts with the first level of the service's policy, at once", async () => {
    const { store, deps, clock, incident } = await world();
    expect(followUps(store, incident, clock.now())).toEqual(["start"]);
    store.drainJobs();
    await startEscalation(deps, incident.id);
    expect(followUps(store, incident, clock.now())).toEqual(["round 0 level 0 in 0 min"]);
  });

  it("does not start for an incident acknowledged meanwhile", async () => {
    const { store, deps, clock, incident } = await world();
    await changeIncidentStatus(deps, principal("Carol"), "INC-1", "acknowledge");
    store.drainJobs();
    await startEscalation(deps, incident.id);
    expect(followUps(store, incident, clock.now())).toEqual([]);
  });

  it("pages a level's people by each of their notification rules, then queues the next level", async () => {
    const { store, deps, clock, incident } = await world();
    await startEscalation(deps, incident.id);
    store.drainJobs();
    await runLevel(deps, incident.id, 0, 0);
    expect(entries(store, incident).at(-1)).toEqual({
      type: "escalation.level",
      body: "Escalation level 1: paging Ada",
    });
    expect(followUps(store, incident, clock.now())).toEqual([
      "page Ada by rule 0 in 0 min",
      "page Ada by rule 1 in 5 min",
      "round 0 level 1 in 10 min",
    ]);
    store.drainJobs();
    await runLevel(deps, incident.id, 0, 1);
    expect(followUps(store, incident, clock.now())).toEqual(["page Bob by rule 0 in 0 min"]);
  });

  it("pages nobody of another tenant, and says nobody was paged", async () => {
    const { store, deps, clock, incident } = await world((p) => [[p.eve]]);
    await startEscalation(deps, incident.id);
    store.drainJobs();
    await runLevel(deps, incident.id, 0, 0);
    expect(entries(store, incident).at(-1)?.body).toBe("Escalation level 1: nobody is on call for its targets");
    expect(followUps(store, incident, clock.now())).toEqual([]);
  });

  it("sends a page once, and says who was paged how", async () => {
    const { store, deps, clock, notifier, ada, incident, pageJob } = await world();
    await startEscalation(deps, incident.id);
    await runLevel(deps, incident.id, 0, 0);
    const job = pageJob(0);
    store.drainJobs();
    await sendPage(deps, job);
    await sendPage(deps, job);
    expect(notifier.sent).toMatchObject([
      {
        contact: { id: ada.contactIds[0], kind: "email" },
        message: {
          incidentKey: "INC-1",
          title: "Checkout down",
          url: `${PUBLIC_URL}/incidents/INC-1`,
          level: 1,
          recipientName: "Ada",
          mayHaveBeenSent: false,
        },
      },
    ]);
    expect([...store.data.pages.values()]).toMatchObject([{ state: "sent", providerId: "delivery-1" }]);
    expect(entries(store, incident).at(-1)).toEqual({ type: "page.sent", body: "Paged Ada by email (level 1)" });
    expect(followUps(store, incident, clock.now())).toEqual(["channel"]);
  });

  it("moves straight on to the person's next rule when a contact method is refused", async () => {
    const { store, deps, clock, notifier, ada, incident, pageJob } = await world();
    await startEscalation(deps, incident.id);
    await runLevel(deps, incident.id, 0, 0);
    const job = pageJob(0);
    store.drainJobs();
    notifier.refuse(ada.contactIds[0]!, "mailbox does not exist");
    await sendPage(deps, job);
    expect(notifier.sent).toEqual([]);
    expect([...store.data.pages.values()]).toMatchObject([{ state: "failed", error: "mailbox does not exist" }]);
    expect(entries(store, incident).at(-1)).toEqual({
      type: "page.failed",
      body: "Could not page Ada by email: mailbox does not exist",
    });
    expect(followUps(store, incident, clock.now())).toEqual(["page Ada by rule 1 in 0 min"]);
  });

  it("sends nothing once the incident is acknowledged", async () => {
    const { deps, notifier, incident, pageJob } = await world();
    await startEscalation(deps, incident.id);
    await runLevel(deps, incident.id, 0, 0);
    const job = pageJob(0);
    await changeIncidentStatus(deps, principal("Carol"), "INC-1", "acknowledge");
    await sendPage(deps, job);
    expect(notifier.sent).toEqual([]);
  });

  describe("delivery reports", () => {
    async function sent() {
      const w = await world();
      await startEscalation(w.deps, w.incident.id);
      await runLevel(w.deps, w.incident.id, 0, 0);
      const job = w.pageJob(0);
      await sendPage(w.deps, job);
      w.store.drainJobs();
      const page = [...w.store.data.pages.values()][0]!;
      return { ...w, page };
    }

    it("records a delivery", async () => {
      const { store, deps, page } = await sent();
      const report = { providerId: "delivery-1", outcome: "delivered", detail: "delivered" } as const;
      expect(await applyDeliveryReport(deps, page.id, report)).toBe(true);
      expect(store.data.pages.get(page.id)?.state).toBe("delivered");
    });

    it("on a failure, says so and pages the person's next rule at once; later reports change nothing", async () => {
      const { store, deps, clock, incident, page } = await sent();
      const failed = { providerId: "delivery-1", outcome: "failed", detail: "bounced" } as const;
      expect(await applyDeliveryReport(deps, page.id, failed)).toBe(true);
      expect(store.data.pages.get(page.id)).toMatchObject({ state: "failed", error: "bounced" });
      expect(entries(store, incident).at(-1)).toEqual({
        type: "page.failed",
        body: "Could not reach Ada by email: bounced",
      });
      expect(followUps(store, incident, clock.now())).toEqual(["page Ada by rule 1 in 0 min"]);

      const late = { providerId: "delivery-1", outcome: "delivered", detail: "delivered" } as const;
      expect(await applyDeliveryReport(deps, page.id, late)).toBe(true);
      expect(store.data.pages.get(page.id)?.state).toBe("failed");
    });

    it("ignores a report naming another provider id", async () => {
      const { store, deps, page } = await sent();
      const report = { providerId: "someone-else", outcome: "failed", detail: "bounced" } as const;
      expect(await applyDeliveryReport(deps, page.id, report)).toBe(false);
      expect(store.data.pages.get(page.id)?.state).toBe("sent");
    });
  });
});
