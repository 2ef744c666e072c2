// The in-memory store keeps the promises of the unit of work the use-case tests rely on.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openIncident } from "../../domain/incident.ts";
import { inMemoryWorld, TENANT } from "./fixtures.ts";

const anIncident = (number: number) =>
  openIncident(
    { id: randomUUID(), tenantId: TENANT, number, title: "Checkout down", severity: "SEV2" },
    new Date("2026-03-02T09:00:00Z"),
  );

describe("InMemoryStore", () => {
  it("keeps nothing of a transaction that throws: no row, no timeline entry, no job, no incident number", async () => {
    const { store } = inMemoryWorld();
    const failing = store.uow.run(async (tx) => {
      const incident = anIncident(await tx.tenants.nextIncidentNumber(TENANT));
      await tx.incidents.insert(incident);
      await tx.timeline.append({
        id: randomUUID(),
        incidentId: incident.id,
        type: "note",
        source: "firewatch",
        sourceId: "n1",
        occurredAt: new Date(),
        author: null,
        body: "written, then rolled back",
        data: {},
      });
      await tx.jobs.enqueue({ task: "incident.sync", key: `incident_sync:${incident.id}`, payload: {} });
      throw new Error("the use case failed after writing");
    });
    await expect(failing).rejects.toThrow("the use case failed after writing");
    expect(store.data.incidents.size).toBe(0);
    expect(store.data.timeline).toEqual([]);
    expect(store.data.jobs).toEqual([]);
    expect(await store.uow.run((tx) => tx.tenants.nextIncidentNumber(TENANT))).toBe(1);
  });

  it("keeps what a transaction that returns wrote, for the next one to read", async () => {
    const { store } = inMemoryWorld();
    const incident = anIncident(1);
    await store.uow.run((tx) => tx.incidents.insert(incident));
    expect(await store.uow.run((tx) => tx.incidents.findByNumber(TENANT, 1))).toEqual(incident);
    expect(await store.uow.run((tx) => tx.incidents.findByNumber(randomUUID(), 1))).toBeNull();
  });

  it("refuses an incident update that lost a race (its revision is not the next)", async () => {
    const { store } = inMemoryWorld();
    const incident = anIncident(1);
    await store.uow.run((tx) => tx.incidents.insert(incident));
    const stale = { ...incident, title: "Stale", revision: 3 };
    await expect(store.uow.run((tx) => tx.incidents.update(stale))).rejects.toMatchObject({
      code: "INCIDENT.CONCURRENT_UPDATE",
    });
  });

  it("de-duplicates jobs by key as the job store does: new payload, earlier run time, same task", async () => {
    const { store } = inMemoryWorld();
    const at = (iso: string) => new Date(`2026-03-02T${iso}Z`);
    await store.uow.run(async (tx) => {
      await tx.jobs.enqueue({ task: "a", key: "k", payload: { n: 1 }, runAt: at("10:00:00") });
      await tx.jobs.enqueue({ task: "b", key: "k", payload: { n: 2 }, runAt: at("11:00:00") });
      await tx.jobs.enqueue({ task: "a", key: "k", payload: { n: 3 }, runAt: at("09:30:00") });
      await tx.jobs.enqueue({ task: "free", payload: {} });
      await tx.jobs.enqueue({ task: "free", payload: {} });
    });
    expect(store.data.jobs.map(({ task, key, payload, runAt }) => ({ task, key, payload, runAt }))).toEqual([
      { task: "a", key: "k", payload: { n: 3 }, runAt: at("09:30:00") },
      { task: "free", key: null, payload: {}, runAt: at("09:00:00") },
      { task: "free", key: null, payload: {}, runAt: at("09:00:00") },
    ]);
  });

  it("cancels the waiting jobs whose key starts with a prefix", async () => {
    const { store } = inMemoryWorld();
    const cancelled = await store.uow.run(async (tx) => {
      for (const key of ["page:i1:0", "page:i1:1", "page:i2:0", "escalate:i1:start"])
        await tx.jobs.enqueue({ task: "t", key, payload: {} });
      return tx.jobs.cancelPending("page:i1:");
    });
    expect(cancelled).toBe(2);
    expect(store.drainJobs().map((j) => j.key)).toEqual(["page:i2:0", "escalate:i1:start"]);
    expect(store.data.jobs).toEqual([]);
  });

  it("says which method is not faked rather than answering nothing", async () => {
    const { store } = inMemoryWorld();
    await expect(store.uow.run((tx) => tx.reports.itemOwners(TENANT))).rejects.toThrow(
      "tx.reports.itemOwners is not faked",
    );
    await expect(store.uow.run((tx) => tx.incidents.list({ tenantId: TENANT, limit: 1 }))).rejects.toThrow(
      "tx.incidents.list is not faked",
    );
  });

  it("refuses a transaction opened inside another", async () => {
    const { store } = inMemoryWorld();
    await expect(store.uow.run(() => store.uow.run(async () => 1))).rejects.toThrow("inside another");
  });
});
