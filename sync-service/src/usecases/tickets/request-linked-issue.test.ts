import { describe, expect, it } from "vitest";
import { DEFAULT_TENANT_SETTINGS } from "../../domain/tenant-settings.ts";
import { DEFAULT_TICKET_DEFAULTS } from "../../domain/service.ts";
import { declareIncident } from "../incidents/declare-incident.ts";
import { addService, inMemoryWorld, principal, TENANT } from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { requestLinkedIssue } from "./request-linked-issue.ts";

/** The jobs waiting for the worker, by purpose; the only place these tests name jobs. */
const followUps = (store: InMemoryStore): string[] =>
  store.data.jobs.map((j) => {
    const link = store.data.links.get(String(j.payload.linkId));
    return link && j.task === "ticket.link" && j.key === `ticket_link:${link.id}`
      ? `link ${link.issueKey ?? `new in ${link.projectKey}`}`
      : `${j.task} ${j.key}`;
  });

async function world(serviceTickets: Partial<typeof DEFAULT_TICKET_DEFAULTS> = {}) {
  const w = inMemoryWorld();
  const ada = principal("Ada");
  const service = addService(w.store, { tickets: { ...DEFAULT_TICKET_DEFAULTS, ...serviceTickets } });
  const incident = await declareIncident(w.deps, ada, { title: "Checkout down", serviceId: service.id });
  w.store.drainJobs();
  return { ...w, ada, incident };
}

describe("requestLinkedIssue", () => {
  it("links an existing issue by key: pending until the link job has asked the tracker", async () => {
    const { store, deps, ada, incident } = await world();
    const link = await requestLinkedIssue(deps, ada, "INC-1", { kind: "link", issueKey: "ops-7" });
    expect(store.data.links.get(link.id)).toMatchObject({
      incidentId: incident.id,
      kind: "linked",
      isOrigin: false,
      state: "pending",
      issueKey: "OPS-7",
      projectKey: "OPS",
      issueId: null,
    });
    expect(followUps(store)).toEqual(["link OPS-7"]);
  });

  it("asks for an issue in the service's project; the first created one is the origin", async () => {
    const { store, deps, ada } = await world({ projectKey: "OPS", issueType: "Bug" });
    const first = await requestLinkedIssue(deps, ada, "INC-1", { kind: "create" });
    const second = await requestLinkedIssue(deps, ada, "INC-1", { kind: "create", projectKey: "WEB" });
    expect([first, second].map((l) => store.data.links.get(l.id))).toMatchObject([
      { kind: "created", isOrigin: true, projectKey: "OPS", issueType: "Bug", issueKey: null, state: "pending" },
      { kind: "created", isOrigin: false, projectKey: "WEB", issueType: "Bug" },
    ]);
    expect(followUps(store)).toEqual(["link new in OPS", "link new in WEB"]);
  });

  it("takes the tenant's project when the service names none", async () => {
    const { store, deps, ada } = await world();
    store.data.tenants.set(TENANT, {
      incidentSeq: 1,
      settings: { ...DEFAULT_TENANT_SETTINGS, tickets: { ...DEFAULT_TICKET_DEFAULTS, projectKey: "HELP" } },
    });
    const link = await requestLinkedIssue(deps, ada, "INC-1", { kind: "create" });
    expect(link).toMatchObject({ projectKey: "HELP", issueType: "Task" });
  });

  it("refuses to create without any project, storing nothing", async () => {
    const { store, deps, ada } = await world();
    await expect(requestLinkedIssue(deps, ada, "INC-1", { kind: "create" })).rejects.toMatchObject({
      code: "TICKET.PROJECT_REQUIRED",
    });
    expect(store.data.links.size).toBe(0);
    expect(followUps(store)).toEqual([]);
  });

  it("refuses an issue already linked (pending or not) and a key that is not one", async () => {
    const { store, deps, ada } = await world();
    await requestLinkedIssue(deps, ada, "INC-1", { kind: "link", issueKey: "OPS-7" });
    await expect(requestLinkedIssue(deps, ada, "INC-1", { kind: "link", issueKey: "ops-7" })).rejects.toMatchObject({
      code: "TICKET.ALREADY_LINKED",
    });
    await expect(requestLinkedIssue(deps, ada, "INC-1", { kind: "link", issueKey: "OPS7" })).rejects.toMatchObject({
      code: "TICKET.INVALID_KEY",
    });
    await expect(requestLinkedIssue(deps, ada, "INC-2", { kind: "link", issueKey: "OPS-8" })).rejects.toMatchObject({
      code: "INCIDENT.NOT_FOUND",
    });
    expect(store.data.links.size).toBe(1);
  });
});
