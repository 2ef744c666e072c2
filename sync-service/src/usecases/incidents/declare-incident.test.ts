import { describe, expect, it } from "vitest";
import type { Incident } from "../../domain/incident.ts";
import { fakeTracker } from "../testing/fake-ports.ts";
import { addPolicy, addService, inMemoryWorld, OTHER_TENANT, principal, PUBLIC_URL } from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { completeLink } from "../tickets/complete-link.ts";
import { declareIncident } from "./declare-incident.ts";

/** The jobs waiting for the worker, by purpose; the only place these tests name jobs. */
function followUps(store: InMemoryStore, incident: Incident): string[] {
  const purposes = new Map([
    [`escalation.start escalate:${incident.id}:start`, "paging"],
    [`chat.sync chat_sync:${incident.id}`, "channel"],
    [`incident.sync incident_sync:${incident.id}`, "sync"],
    ...[...store.data.links.values()].map((l) => [`ticket.link ticket_link:${l.id}`, `link ${l.issueKey}`] as const),
  ]);
  return store.data.jobs.map((j) => purposes.get(`${j.task} ${j.key}`) ?? `${j.task} ${j.key}`).sort();
}

const timeline = (store: InMemoryStore, incident: Incident) =>
  store.timelineOf(incident.id).map(({ type, author, body }) => ({ type, author, body }));

describe("declareIncident", () => {
  const ada = principal("Ada");

  it("opens an incident the declarer owns, with the service's default severity, and says who declared it", async () => {
    const { store, deps, clock } = inMemoryWorld();
    const service = addService(store, { defaultSeverity: "SEV2" });
    const incident = await declareIncident(deps, ada, { title: " Checkout down ", serviceId: service.id });
    expect(store.data.incidents.get(incident.id)).toEqual(incident);
    expect(incident).toMatchObject({
      number: 1,
      title: "Checkout down",
      status: "triggered",
      severity: "SEV2",
      serviceId: service.id,
      ownerId: ada.userId,
      revision: 1,
      createdAt: clock.now(),
    });
    expect(timeline(store, incident)).toEqual([
      { type: "incident.triggered", author: "Ada", body: "Ada declared INC-1: Checkout down" },
    ]);
    expect(followUps(store, incident)).toEqual(["channel"]);
  });

  it("declares a drill, which is one from the start and says so on the timeline; a real incident is not", async () => {
    const { store, deps } = inMemoryWorld();
    const drill = await declareIncident(deps, ada, { title: "Failover practice", serviceId: null, drill: true });
    const real = await declareIncident(deps, ada, { title: "Checkout down", serviceId: null });
    expect([drill.drill, real.drill]).toEqual([true, false]);
    expect(timeline(store, drill)).toEqual([
      { type: "incident.triggered", author: "Ada", body: "Ada declared a drill, INC-1: Failover practice" },
    ]);
  });

  it("pages by the service's policy; a SEV3 gets no channel", async () => {
    const { store, deps } = inMemoryWorld();
    const policy = addPolicy(store, [{ delayMinutes: 5, targets: [{ type: "user", id: ada.userId }] }]);
    const service = addService(store, { escalationPolicyId: policy.id });
    const incident = await declareIncident(deps, ada, { title: "Slow search", serviceId: service.id });
    expect(incident.severity).toBe("SEV3");
    expect(followUps(store, incident)).toEqual(["paging"]);
  });

  it("without a service takes the severity given, and numbers incidents per tenant", async () => {
    const { store, deps } = inMemoryWorld();
    const first = await declareIncident(deps, ada, { title: "One" });
    const second = await declareIncident(deps, ada, { title: "Two", severity: "SEV1" });
    const elsewhere = await declareIncident(deps, principal("Eve", { tenantId: OTHER_TENANT }), { title: "Three" });
    expect([first, second, elsewhere].map((i) => [i.number, i.severity, i.serviceId])).toEqual([
      [1, "SEV3", null],
      [2, "SEV1", null],
      [1, "SEV3", null],
    ]);
    expect(followUps(store, second)).toEqual(["channel"]);
  });

  it("refuses an unknown service and stores nothing", async () => {
    const { store, deps } = inMemoryWorld();
    const unknown = "7b0f1f8e-8d4c-4f3a-9a55-3c3f6e1d2b10";
    await expect(declareIncident(deps, ada, { title: "Down", serviceId: unknown })).rejects.toMatchObject({
      code: "SERVICE.NOT_FOUND",
    });
    // A service of another tenant is unknown too.
    const theirs = addService(store, { tenantId: OTHER_TENANT });
    await expect(declareIncident(deps, ada, { title: "Down", serviceId: theirs.id })).rejects.toMatchObject({
      code: "SERVICE.NOT_FOUND",
    });
    expect(store.data.incidents.size).toBe(0);
    expect(store.data.jobs).toEqual([]);
  });

  it("refuses a blank title and leaves no trace, not even a used incident number", async () => {
    const { store, deps } = inMemoryWorld();
    await expect(declareIncident(deps, ada, { title: "   " })).rejects.toMatchObject({
      code: "INCIDENT.TITLE_REQUIRED",
    });
    expect(store.data.incidents.size).toBe(0);
    expect((await declareIncident(deps, ada, { title: "Real" })).number).toBe(1);
  });

  describe("from a Jira issue", () => {
    function world() {
      const w = inMemoryWorld();
      const tracker = fakeTracker();
      tracker.add({ key: "OPS-4", summary: "Payments API returns 500", priority: "Highest" });
      /** Runs the queued link jobs as the worker would. */
      const runLinkJobs = async () => {
        for (const job of w.store.drainJobs().filter((j) => j.task === "ticket.link")) {
          const { linkId, adopt } = job.payload as { linkId: string; adopt: boolean };
          await completeLink({ ...w.deps, tickets: tracker.ports, publicUrl: PUBLIC_URL }, linkId, adopt);
        }
      };
      return { ...w, tracker, runLinkJobs };
    }

    it("with the tracker at hand, takes the issue's summary and priority at once", async () => {
      const { store, deps, tracker, runLinkJobs } = world();
      const declared = await declareIncident({ ...deps, tickets: tracker.ports }, ada, { fromIssueKey: "OPS-4" });
      expect(declared).toMatchObject({ title: "Payments API returns 500", severity: "SEV1" });
      expect(timeline(store, declared)).toEqual([
        { type: "incident.triggered", author: "Ada", body: "Ada declared INC-1: Payments API returns 500" },
      ]);
      expect(followUps(store, declared)).toEqual(["channel", "link OPS-4"]);
      await runLinkJobs();
      expect(store.data.incidents.get(declared.id)).toMatchObject({ title: "Payments API returns 500", revision: 1 });
      expect([...store.data.links.values()]).toMatchObject([{ state: "linked", isOrigin: true, issueKey: "OPS-4" }]);
    });

    it("refuses an issue the tracker says does not exist, storing nothing", async () => {
      const { store, deps, tracker } = world();
      const declaring = declareIncident({ ...deps, tickets: tracker.ports }, ada, { fromIssueKey: "OPS-404" });
      await expect(declaring).rejects.toMatchObject({ code: "INCIDENT.ORIGIN_NOT_FOUND" });
      expect(store.data.incidents.size + store.data.links.size + store.data.jobs.length).toBe(0);
    });

    it("refuses an unknown service before asking the tracker, so another site's issue key learns nothing", async () => {
      const { store, deps, tracker } = world();
      const declaring = declareIncident({ ...deps, tickets: tracker.ports }, ada, {
        fromIssueKey: "OPS-404",
        serviceId: "00000000-0000-4000-8000-000000000000",
      });
      await expect(declaring).rejects.toMatchObject({ code: "SERVICE.NOT_FOUND" });
      expect(store.data.incidents.size + store.data.links.size + store.data.jobs.length).toBe(0);
    });

    it("without the tracker, links the issue as the origin and the link job takes its summary and priority", async () => {
      const { store, deps, runLinkJobs } = world();
      const declared = await declareIncident(deps, ada, { fromIssueKey: " ops-4 " });
      expect([...store.data.links.values()]).toMatchObject([
        { incidentId: declared.id, kind: "linked", isOrigin: true, state: "pending", issueKey: "OPS-4" },
      ]);
      expect(followUps(store, declared)).toEqual(["link OPS-4"]);
      await runLinkJobs();
      const adopted = store.data.incidents.get(declared.id)!;
      expect(adopted).toMatchObject({ title: "Payments API returns 500", severity: "SEV1", status: "triggered" });
      expect(timeline(store, adopted).at(-1)).toEqual({
        type: "ticket.linked",
        author: null,
        body: "Linked Jira issue OPS-4 (origin): Payments API returns 500",
      });
      // Now a SEV1, it gets a channel as if declared so.
      expect(followUps(store, adopted)).toEqual(["channel", "sync"]);
    });

    it("keeps a title given with the issue key", async () => {
      const { store, deps, runLinkJobs } = world();
      const declared = await declareIncident(deps, ada, { fromIssueKey: "OPS-4", title: "Payments failing" });
      await runLinkJobs();
      expect(store.data.incidents.get(declared.id)).toMatchObject({ title: "Payments failing", severity: "SEV3" });
      expect([...store.data.links.values()]).toMatchObject([{ state: "linked", issueKey: "OPS-4" }]);
    });

    it("refuses what is not an issue key and stores nothing", async () => {
      const { store, deps } = world();
      await expect(declareIncident(deps, ada, { fromIssueKey: "not a key" })).rejects.toMatchObject({
        code: "TICKET.INVALID_KEY",
      });
      expect(store.data.incidents.size).toBe(0);
      expect(store.data.links.size).toBe(0);
    });
  });
});
