import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AlertEvent } from "../../domain/alert.ts";
import type { Incident } from "../../domain/incident.ts";
import { addPolicy, addService, alertEvent, inMemoryWorld } from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { ingestAlertEvent } from "./ingest-alert-event.ts";

/** The jobs waiting for the worker, by purpose; the only place these tests name jobs. */
function followUps(store: InMemoryStore, incident: Incident): string[] {
  const purposes = new Map([
    [`escalation.start escalate:${incident.id}:start`, "paging"],
    [`chat.sync chat_sync:${incident.id}`, "channel"],
    [`incident.sync incident_sync:${incident.id}`, "sync"],
    [`postmortem.publish postmortem_publish:${incident.id}`, "postmortem refresh"],
  ]);
  return store.data.jobs.map((j) => purposes.get(`${j.task} ${j.key}`) ?? `${j.task} ${j.key}`).sort();
}

const entries = (store: InMemoryStore, incident: Incident) =>
  store.timelineOf(incident.id).map(({ type, source, author, body }) => ({ type, source, author, body }));

function world() {
  const w = inMemoryWorld();
  const policy = addPolicy(w.store, [{ delayMinutes: 5, targets: [{ type: "user", id: randomUUID() }] }]);
  const service = addService(w.store, { escalationPolicyId: policy.id });
  const ingest = (fields: Partial<AlertEvent> = {}) =>
    ingestAlertEvent(w.intakeDeps, service.integrationKey, alertEvent(fields));
  /** Opens an incident by a trigger and clears what that queued. */
  const opened = async () => {
    const { incidentId } = await ingest();
    w.store.drainJobs();
    w.clock.advance(60_000);
    return w.store.data.incidents.get(incidentId!)!;
  };
  return { ...w, service, ingest, opened };
}

describe("ingestAlertEvent", () => {
  it("opens an incident for a trigger with no open alert of its key, and starts paging", async () => {
    const { store, clock, service, ingest } = world();
    const outcome = await ingest({ severity: "critical" });
    expect(outcome).toMatchObject({ dedupKey: "disk-full", effect: "opened" });
    const incident = store.data.incidents.get(outcome.incidentId!)!;
    expect(incident).toMatchObject({
      number: 1,
      title: "Disk full on db-1",
      severity: "SEV1",
      status: "triggered",
      serviceId: service.id,
      ownerId: null,
    });
    expect([...store.data.alerts.values()]).toMatchObject([
      { incidentId: incident.id, dedupKey: "disk-full", count: 1, firstAt: clock.now(), resolvedAt: null },
    ]);
    expect(entries(store, incident)).toEqual([
      {
        type: "incident.triggered",
        source: "events-v2",
        author: "Datadog",
        body: "INC-1 triggered by Datadog: Disk full on db-1",
      },
    ]);
    expect(followUps(store, incident)).toEqual(["channel", "paging"]);
  });

  it("counts a repeated trigger into the open alert instead of opening another incident", async () => {
    const { store, clock, ingest, opened } = world();
    const incident = await opened();
    expect(await ingest()).toEqual({ dedupKey: "disk-full", effect: "deduplicated", incidentId: incident.id });
    expect(store.data.incidents.size).toBe(1);
    expect([...store.data.alerts.values()]).toMatchObject([{ count: 2, lastAt: clock.now() }]);
    expect(entries(store, incident).at(-1)).toMatchObject({
      type: "alert.deduplicated",
      body: "Repeated: Disk full on db-1",
    });
    expect(followUps(store, incident)).toEqual([]);
  });

  it("acknowledges the incident on an acknowledge event, and notes a second one", async () => {
    const { store, clock, ingest, opened } = world();
    const incident = await opened();
    expect((await ingest({ action: "acknowledge" })).effect).toBe("acknowledged");
    expect(store.data.incidents.get(incident.id)).toMatchObject({
      status: "acknowledged",
      acknowledgedAt: clock.now(),
      revision: 2,
    });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);

    store.drainJobs();
    expect((await ingest({ action: "acknowledge" })).effect).toBe("acknowledged");
    expect(store.data.incidents.get(incident.id)?.revision).toBe(2);
    expect(entries(store, incident).slice(1)).toMatchObject([
      { type: "incident.acknowledged", body: "INC-1 acknowledged by Datadog" },
      { type: "alert.acknowledged", body: "Acknowledge event from Datadog" },
    ]);
    expect(followUps(store, incident)).toEqual([]);
  });

  it("resolves the incident when its last open alert resolves", async () => {
    const { store, clock, ingest, opened } = world();
    const incident = await opened();
    expect((await ingest({ action: "resolve" })).effect).toBe("resolved");
    expect(store.data.incidents.get(incident.id)).toMatchObject({ status: "resolved", resolvedAt: clock.now() });
    expect([...store.data.alerts.values()]).toMatchObject([{ resolvedAt: clock.now() }]);
    expect(entries(store, incident).at(-1)).toMatchObject({
      type: "incident.resolved",
      body: "INC-1 resolved by Datadog",
    });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);
  });

  it("refreshes the incident's published postmortem when it resolves it", async () => {
    const { store, clock, ingest, opened } = world();
    const incident = await opened();
    store.data.postmortems.set(incident.id, {
      incidentId: incident.id,
      templateId: "default",
      status: "draft",
      pageId: "page-1",
      pageUrl: null,
      timelinePageId: null,
      pageVersion: 1,
      renderedAt: clock.now(),
      lastError: null,
      createdBy: "Ada",
      createdAt: clock.now(),
      updatedAt: clock.now(),
    });
    await ingest({ action: "resolve" });
    expect(followUps(store, incident)).toEqual(["channel", "postmortem refresh", "sync"]);
  });

  it("keeps the incident open while another of its alerts is still open", async () => {
    const { store, clock, service, ingest, opened } = world();
    const incident = await opened();
    const other = { ...[...store.data.alerts.values()][0]!, id: randomUUID(), dedupKey: "cpu-high" };
    store.data.alerts.set(other.id, other);
    expect((await ingest({ action: "resolve" })).effect).toBe("resolved");
    expect(store.data.incidents.get(incident.id)).toMatchObject({ status: "triggered", revision: 1 });
    const open = await store.uow.run((tx) => tx.alerts.findOpen(service.id, "cpu-high"));
    expect(open?.id).toBe(other.id);
    expect(store.data.alerts.size).toBe(2);
    expect([...store.data.alerts.values()].find((a) => a.dedupKey === "disk-full")?.resolvedAt).toEqual(clock.now());
    expect(entries(store, incident).at(-1)).toMatchObject({
      type: "alert.resolved",
      body: "Alert disk-full resolved by Datadog",
    });
    expect(followUps(store, incident)).toEqual([]);
  });

  it.each(["acknowledge", "resolve"] as const)("drops a %s event for a key with no open alert", async (action) => {
    const { store, ingest } = world();
    expect(await ingest({ action })).toEqual({ dedupKey: "disk-full", effect: "dropped", incidentId: null });
    expect(store.data.incidents.size).toBe(0);
    expect(store.data.timeline).toEqual([]);
  });

  it("refuses an integration key no service has, storing nothing", async () => {
    const { store, intakeDeps } = world();
    await expect(ingestAlertEvent(intakeDeps, "0".repeat(32), alertEvent())).rejects.toMatchObject({
      code: "SERVICE.NOT_FOUND",
    });
    expect(store.data.incidents.size + store.data.alerts.size + store.data.jobs.length).toBe(0);
  });
});
