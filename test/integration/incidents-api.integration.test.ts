// The /api surface of docs/api.md: incidents, timeline, notes, status changes, services and the outbox view.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("incidents API on $name", (kind) => {
  let svc: TestService;
  let attempts = 0;

  beforeAll(async () => {
    svc = await startTestService(kind, {
      tasks: {
        "always-down": async () => {
          attempts++;
          throw new Error("vendor unreachable");
        },
      },
    });
  });
  afterAll(() => svc?.stop());

  const post = async (path: string, json?: unknown) => {
    const res = await svc.api(path, { method: "POST", json });
    return { status: res.status, body: (await res.json()) as any, location: res.headers.get("location") };
  };
  const get = async (path: string) => (await (await svc.api(path)).json()) as any;

  it("declares, notes, acknowledges and resolves an incident, each step on its timeline", async () => {
    const service = await svc.createService("search");
    const created = await post("/api/incidents", {
      title: "Search is slow",
      severity: "SEV2",
      serviceId: service.id,
      description: "p99 > 4s",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: "INC-1",
      status: "triggered",
      severity: "SEV2",
      serviceId: service.id,
      revision: 1,
    });
    expect(created.location).toBe(`/api/incidents/${created.body.id}`);

    expect((await get(`/api/incidents/${created.body.id}`)).key).toBe("INC-1");
    expect((await get("/api/incidents/inc-1")).id).toBe(created.body.id);

    expect((await post("/api/incidents/INC-1/notes", { body: "Rolled back search-indexer 2.3" })).status).toBe(201);
    expect((await post("/api/incidents/INC-1/acknowledge")).body).toMatchObject({
      status: "acknowledged",
      revision: 2,
    });
    const resolved = await post(`/api/incidents/${created.body.id}/resolve`);
    expect(resolved.body).toMatchObject({ status: "resolved", revision: 3 });
    expect(resolved.body.resolvedAt).not.toBeNull();

    const timeline = await get("/api/incidents/INC-1/timeline");
    expect(timeline.entries.map((e: any) => [e.type, e.author])).toEqual([
      ["incident.triggered", "admin"],
      ["note", "admin"],
      ["incident.acknowledged", "admin"],
      ["incident.resolved", "admin"],
    ]);
    expect(timeline.entries[1].body).toBe("Rolled back search-indexer 2.3");
  });

  it("takes the service's default severity when none is given", async () => {
    const service = (await post("/api/services", { name: "ledger", defaultSeverity: "SEV1" })).body;
    expect((await post("/api/incidents", { title: "Ledger drift", serviceId: service.id })).body.severity).toBe("SEV1");
    expect((await post("/api/incidents", { title: "No service" })).body.severity).toBe("SEV3");
  });

  it("filters by status and severity and pages newest first", async () => {
    for (let i = 0; i < 5; i++) await post("/api/incidents", { title: `Page test ${i}`, severity: "SEV4" });
    const sev4 = await get("/api/incidents?severity=SEV4&limit=2");
    expect(sev4.incidents.map((i: any) => i.title)).toEqual(["Page test 4", "Page test 3"]);
    const next = await get(`/api/incidents?severity=SEV4&limit=2&cursor=${sev4.nextCursor}`);
    expect(next.incidents.map((i: any) => i.title)).toEqual(["Page test 2", "Page test 1"]);
    const last = await get(`/api/incidents?severity=SEV4&limit=2&cursor=${next.nextCursor}`);
    expect(last).toMatchObject({ incidents: [{ title: "Page test 0" }], nextCursor: null });

    const resolved = await get("/api/incidents?status=resolved");
    expect(resolved.incidents.map((i: any) => i.key)).toEqual(["INC-1"]);
    const open = await get("/api/incidents?status=triggered,acknowledged&limit=200");
    expect(open.incidents.every((i: any) => i.status !== "resolved")).toBe(true);
    expect(open.incidents).toHaveLength(7);
  });

  it("manages services, refusing to delete one that incidents refer to", async () => {
    const created = await post("/api/services", { name: "billing", description: "invoices" });
    expect(created.body.integrationKey).toMatch(/^[0-9a-f]{32}$/);
    expect(created.body.endpoints.alertmanager).toMatch(
      new RegExp(`/webhooks/alertmanager/${created.body.integrationKey}$`),
    );
    const patched = await svc.api(`/api/services/${created.body.id}`, {
      method: "PATCH",
      json: { description: "invoices and refunds" },
    });
    expect(((await patched.json()) as any).description).toBe("invoices and refunds");
    expect((await get("/api/services")).services.map((s: any) => s.name)).toContain("billing");

    await post("/api/incidents", { title: "Refunds stuck", serviceId: created.body.id });
    const refused = await svc.api(`/api/services/${created.body.id}`, { method: "DELETE" });
    expect(refused.status).toBe(409);

    const unused = await post("/api/services", { name: "scratch" });
    expect((await svc.api(`/api/services/${unused.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await svc.api(`/api/services/${unused.body.id}`)).status).toBe(404);
  });

  it("shows dead-lettered jobs at GET /api/jobs?state=failed and retries them on request", async () => {
    await svc.database.prisma.job.create({
      data: { task: "always-down", payload: { incident: "INC-1" }, maxAttempts: 1 },
    });
    svc.worker.nudge();
    let failed: any[] = [];
    for (let i = 0; i < 100 && failed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      failed = (await get("/api/jobs?state=failed")).jobs;
    }
    expect(failed).toMatchObject([
      { task: "always-down", state: "failed", attempts: 1, lastError: "Error: vendor unreachable" },
    ]);
    const retried = await post(`/api/jobs/${failed[0].id}/retry`);
    expect(retried).toMatchObject({ status: 202, body: { state: "pending" } });
    for (let i = 0; i < 100 && attempts < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toBe(2);
  });
});
