import { describe, expect, it } from "vitest";
import type { Incident } from "../../domain/incident.ts";
import { ingestAlertEvent } from "../alerts/ingest-alert-event.ts";
import { addPolicy, addService, alertEvent, inMemoryWorld, OTHER_TENANT, principal } from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { changeIncidentStatus } from "./change-incident-status.ts";
import { declareIncident } from "./declare-incident.ts";

/** The jobs waiting for the worker, by purpose; the only place these tests name jobs. */
function followUps(store: InMemoryStore, incident: Incident): string[] {
  const purpose = (task: string, key: string | null) =>
    key?.startsWith(`escalate:${incident.id}:`) || key?.startsWith(`page:${incident.id}:`)
      ? "paging"
      : ({
          [`chat.sync chat_sync:${incident.id}`]: "channel",
          [`incident.sync incident_sync:${incident.id}`]: "sync",
        }[`${task} ${key}`] ?? `${task} ${key}`);
  return store.data.jobs.map((j) => purpose(j.task, j.key)).sort();
}

const lastEntry = (store: InMemoryStore, incident: Incident) => {
  const { type, author, body, data } = store.timelineOf(incident.id).at(-1)!;
  return { type, author, body, data };
};

async function world() {
  const w = inMemoryWorld();
  const ada = principal("Ada");
  const policy = addPolicy(w.store, [{ delayMinutes: 5, targets: [{ type: "user", id: ada.userId }] }]);
  const service = addService(w.store, { escalationPolicyId: policy.id, defaultSeverity: "SEV3" });
  const incident = await declareIncident(w.deps, ada, { title: "Checkout down", serviceId: service.id });
  w.clock.advance(60_000);
  return { ...w, ada, bob: principal("Bob"), service, incident };
}

describe("changeIncidentStatus", () => {
  it("acknowledges: pages no one more, and says who acknowledged", async () => {
    const { store, deps, clock, bob, incident } = await world();
    expect(followUps(store, incident)).toEqual(["paging"]);
    const acknowledged = await changeIncidentStatus(deps, bob, "inc-1", "acknowledge");
    expect(store.data.incidents.get(incident.id)).toEqual(acknowledged);
    expect(acknowledged).toMatchObject({
      status: "acknowledged",
      acknowledgedAt: clock.now(),
      updatedAt: clock.now(),
      resolvedAt: null,
      revision: 2,
    });
    expect(lastEntry(store, incident)).toEqual({
      type: "incident.acknowledged",
      author: "Bob",
      body: "Bob acknowledged INC-1",
      data: { from: "triggered", to: "acknowledged", byUserId: bob.userId },
    });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);
  });

  it("makes whoever acknowledges an incident nobody owns its owner, and says so", async () => {
    const { store, deps, bob, service, intakeDeps } = await world();
    const opened = await ingestAlertEvent(intakeDeps, service.integrationKey, alertEvent({ dedupKey: "cpu" }));
    const incident = store.data.incidents.get(opened.incidentId!)!;
    expect(incident.ownerId).toBeNull();
    const acknowledged = await changeIncidentStatus(deps, bob, incident.id, "acknowledge", "sms");
    expect(acknowledged.ownerId).toBe(bob.userId);
    expect(lastEntry(store, incident)).toMatchObject({
      body: "Bob acknowledged INC-2 by SMS reply and is now its owner",
      data: { via: "sms", byUserId: bob.userId },
    });
  });

  it("resolves by id, and resolves the incident's open alerts, so the next trigger opens a new incident", async () => {
    const { store, deps, intakeDeps, clock, bob, service } = await world();
    const opened = await ingestAlertEvent(intakeDeps, service.integrationKey, alertEvent({ dedupKey: "disk" }));
    const incident = store.data.incidents.get(opened.incidentId!)!;
    store.drainJobs();
    const resolved = await changeIncidentStatus(deps, bob, incident.id.toUpperCase(), "resolve");
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: clock.now(), revision: 2 });
    expect([...store.data.alerts.values()].map((a) => a.resolvedAt)).toEqual([clock.now()]);
    expect(lastEntry(store, incident)).toMatchObject({ type: "incident.resolved", body: "Bob resolved INC-2" });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);

    const again = await ingestAlertEvent(intakeDeps, service.integrationKey, alertEvent({ dedupKey: "disk" }));
    expect(again.effect).toBe("opened");
    expect(store.data.incidents.get(again.incidentId!)?.number).toBe(3);
  });

  it.each([
    ["acknowledge", "acknowledge", "INCIDENT.ALREADY_ACKNOWLEDGED"],
    ["resolve", "acknowledge", "INCIDENT.ALREADY_RESOLVED"],
    ["resolve", "resolve", "INCIDENT.ALREADY_RESOLVED"],
  ] as const)("after %s, refuses to %s (%s) and changes nothing", async (first, second, code) => {
    const { store, deps, bob, incident } = await world();
    await changeIncidentStatus(deps, bob, "INC-1", first);
    store.drainJobs();
    const before = { incident: store.data.incidents.get(incident.id), entries: store.timelineOf(incident.id) };
    await expect(changeIncidentStatus(deps, bob, "INC-1", second)).rejects.toMatchObject({ code });
    expect({ incident: store.data.incidents.get(incident.id), entries: store.timelineOf(incident.id) }).toEqual(before);
    expect(followUps(store, incident)).toEqual([]);
  });

  it("knows no incident of another tenant, nor one that does not exist", async () => {
    const { deps } = await world();
    const eve = principal("Eve", { tenantId: OTHER_TENANT });
    await expect(changeIncidentStatus(deps, eve, "INC-1", "resolve")).rejects.toMatchObject({
      code: "INCIDENT.NOT_FOUND",
    });
    await expect(changeIncidentStatus(deps, principal("Bob"), "INC-9", "resolve")).rejects.toMatchObject({
      code: "INCIDENT.NOT_FOUND",
    });
  });
});
