import { describe, expect, it } from "vitest";
import { INCIDENT_ISSUE_LABEL } from "../../domain/escalation-rule.ts";
import type { Incident } from "../../domain/incident.ts";
import { DEFAULT_TICKET_DEFAULTS } from "../../domain/service.ts";
import { declareIncident } from "../incidents/declare-incident.ts";
import { fakeTracker } from "../testing/fake-ports.ts";
import { addService, inMemoryWorld, principal, PUBLIC_URL } from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { completeLink } from "./complete-link.ts";
import { requestLinkedIssue, type LinkRequest } from "./request-linked-issue.ts";

/** The jobs waiting for the worker, by purpose; the only place these tests name jobs. */
function followUps(store: InMemoryStore, incident: Incident): string[] {
  const purposes = new Map([
    [`incident.sync incident_sync:${incident.id}`, "sync"],
    [`chat.sync chat_sync:${incident.id}`, "channel"],
  ]);
  return store.data.jobs.map((j) => purposes.get(`${j.task} ${j.key}`) ?? `${j.task} ${j.key}`).sort();
}

const entries = (store: InMemoryStore, incident: Incident) =>
  store.timelineOf(incident.id).map(({ type, body }) => ({ type, body }));

async function world() {
  const w = inMemoryWorld();
  const tracker = fakeTracker();
  tracker.add({ key: "OPS-7", summary: "Payments flaky", statusName: "In Progress", statusCategory: "in_progress" });
  const ada = principal("Ada");
  const service = addService(w.store, { tickets: { ...DEFAULT_TICKET_DEFAULTS, projectKey: "OPS" } });
  const incident = await declareIncident(w.deps, ada, {
    title: "Checkout down",
    severity: "SEV2",
    serviceId: service.id,
  });
  const deps = { ...w.deps, tickets: tracker.ports, publicUrl: PUBLIC_URL };
  /** Asks for the link, then runs its job as the worker would. */
  const link = async (request: LinkRequest) => {
    const requested = await requestLinkedIssue(w.deps, ada, "INC-1", request);
    w.store.drainJobs();
    await completeLink(deps, requested.id, false);
    return w.store.data.links.get(requested.id)!;
  };
  return { ...w, tracker, incident, deps, link };
}

describe("completeLink", () => {
  it("links an existing issue: marks it with the incident and records its status", async () => {
    const { store, tracker, incident, link } = await world();
    const linked = await link({ kind: "link", issueKey: "OPS-7" });
    const issueId = tracker.marks[0]?.issueId;
    expect(linked).toMatchObject({
      state: "linked",
      issueId,
      issueKey: "OPS-7",
      statusName: "In Progress",
      statusCategory: "in_progress",
    });
    expect(tracker.marks).toEqual([
      { issueId, marker: { incidentId: incident.id, incidentKey: "INC-1", linkId: linked.id, revision: 1 } },
    ]);
    expect(tracker.created).toEqual([]);
    expect(entries(store, incident).at(-1)).toEqual({
      type: "ticket.linked",
      body: "Linked Jira issue OPS-7: Payments flaky",
    });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);
  });

  it("creates the issue in the project asked for, and brings it in step with the incident", async () => {
    const { store, tracker, incident, link } = await world();
    const linked = await link({ kind: "create" });
    expect(tracker.created).toMatchObject([
      {
        projectKey: "OPS",
        issueType: "Task",
        summary: "[INC-1] Checkout down",
        priority: "High",
        labels: [INCIDENT_ISSUE_LABEL],
        incidentUrl: `${PUBLIC_URL}/incidents/INC-1`,
        marker: { incidentId: incident.id, linkId: linked.id },
      },
    ]);
    expect(linked).toMatchObject({ state: "linked", kind: "created", isOrigin: true, issueKey: "OPS-8" });
    expect(entries(store, incident).at(-1)).toEqual({
      type: "ticket.linked",
      body: "Created Jira issue OPS-8 (origin): [INC-1] Checkout down",
    });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);
  });

  it("never creates twice: an issue an earlier run created for the link is found and recorded", async () => {
    const { store, tracker, incident, deps } = await world();
    const requested = await requestLinkedIssue(deps, principal("Ada"), "INC-1", { kind: "create" });
    const marker = { incidentId: incident.id, incidentKey: "INC-1", linkId: requested.id, revision: 1 };
    tracker.add({ key: "OPS-9", summary: "[INC-1] Checkout down", marker });
    await completeLink(deps, requested.id, false);
    await completeLink(deps, requested.id, false);
    expect(tracker.created).toEqual([]);
    expect(store.data.links.get(requested.id)).toMatchObject({ state: "linked", issueKey: "OPS-9" });
    expect(entries(store, incident).filter((e) => e.type === "ticket.linked")).toHaveLength(1);
  });

  it("drops the link, saying why, when the tracker has no such issue", async () => {
    const { store, incident, link } = await world();
    const dropped = await link({ kind: "link", issueKey: "OPS-404" });
    const reason = "OPS-404 does not exist in Jira, or Firewatch may not see it";
    expect(dropped).toMatchObject({ state: "dropped", dropReason: reason, issueId: null });
    expect(entries(store, incident).at(-1)).toEqual({
      type: "ticket.link_failed",
      body: `Could not link OPS-404: ${reason}`,
    });
    expect(followUps(store, incident)).toEqual(["channel", "sync"]);
  });
});
