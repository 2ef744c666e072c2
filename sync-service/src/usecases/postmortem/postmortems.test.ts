import { describe, expect, it } from "vitest";
import type { Incident } from "../../domain/incident.ts";
import { changeIncidentStatus } from "../incidents/change-incident-status.ts";
import { declareIncident } from "../incidents/declare-incident.ts";
import { fakeDocuments } from "../testing/fake-ports.ts";
import { addService, inMemoryWorld, POSTMORTEM_TEMPLATE, principal, PUBLIC_URL } from "../testing/fixtures.ts";
import type { InMemoryStore } from "../testing/in-memory-store.ts";
import { publishPostmortem } from "./publish-postmortem.ts";
import { requestPostmortem } from "./request-postmortem.ts";

/** The postmortem jobs waiting for the worker, with their delay; the only place these tests name jobs. */
function followUps(store: InMemoryStore, incident: Incident, now: Date): string[] {
  return store.data.jobs
    .filter((j) => j.task === "postmortem.publish")
    .map((j) =>
      j.key === `postmortem_publish:${incident.id}`
        ? `publish in ${(j.runAt.getTime() - now.getTime()) / 1000} s`
        : `${j.task} ${j.key}`,
    );
}

async function world() {
  const w = inMemoryWorld();
  const documents = fakeDocuments();
  const ada = principal("Ada");
  const service = addService(w.store, { name: "checkout" });
  const incident = await declareIncident(w.deps, ada, { title: "Checkout down", serviceId: service.id });
  const deps = { ...w.deps, templates: [POSTMORTEM_TEMPLATE], publicUrl: PUBLIC_URL, documents: documents.ports };
  return { ...w, deps, documents, ada, incident };
}

describe("postmortems", () => {
  it("a responder's request stores a draft and queues its publishing", async () => {
    const { store, deps, clock, ada, incident } = await world();
    const postmortem = await requestPostmortem(deps, ada, "INC-1");
    expect(store.data.postmortems.get(incident.id)).toEqual(postmortem);
    expect(postmortem).toMatchObject({ templateId: "default", status: "draft", pageId: null, createdBy: "Ada" });
    expect(followUps(store, incident, clock.now())).toEqual(["publish in 0 s"]);

    // Asking again keeps the draft and its author, and is the same one job.
    expect(await requestPostmortem(deps, principal("Bob"), "INC-1")).toEqual(postmortem);
    expect(followUps(store, incident, clock.now())).toEqual(["publish in 0 s"]);
  });

  it("refuses a viewer, and an incident that does not exist", async () => {
    const { store, deps } = await world();
    await expect(requestPostmortem(deps, principal("Vic", { role: "viewer" }), "INC-1")).rejects.toMatchObject({
      code: "AUTH.RESPONDER_REQUIRED",
    });
    await expect(requestPostmortem(deps, principal("Ada"), "INC-2")).rejects.toMatchObject({
      code: "INCIDENT.NOT_FOUND",
    });
    expect(store.data.postmortems.size).toBe(0);
  });

  it("the first publish creates the page under the service's parent, and says so on the timeline", async () => {
    const { store, deps, clock, documents, ada, incident } = await world();
    await requestPostmortem(deps, ada, "INC-1");
    clock.advance(5_000);
    await publishPostmortem(deps, incident.id);
    expect(documents.requests).toMatchObject([
      {
        incidentId: incident.id,
        pageId: null,
        parentTitle: "Postmortems: checkout",
        document: { title: "Postmortem: INC-1 Checkout down" },
      },
    ]);
    expect(documents.requests[0]?.document.sections.map((s) => s.title)).toEqual(["Summary", "Timeline", "Root cause"]);
    expect(store.data.postmortems.get(incident.id)).toMatchObject({
      pageId: "page-1",
      pageUrl: "https://example.atlassian.net/wiki/pages/page-1",
      pageVersion: 1,
      renderedAt: clock.now(),
      status: "draft",
    });
    expect(store.timelineOf(incident.id).at(-1)).toMatchObject({
      type: "postmortem.published",
      author: "Ada",
      body: "Postmortem page created: Postmortem: INC-1 Checkout down",
    });
  });

  it("a drill's page is titled [DRILL]", async () => {
    const { deps, documents, ada } = await world();
    const drill = await declareIncident(deps, ada, { title: "Failover practice", drill: true });
    await requestPostmortem(deps, ada, "INC-2");
    await publishPostmortem(deps, drill.id);
    expect(documents.requests[0]?.document.title).toBe("[DRILL] Postmortem: INC-2 Failover practice");
  });

  it("a later publish refreshes the same page, without another timeline entry", async () => {
    const { store, deps, documents, ada, incident } = await world();
    await requestPostmortem(deps, ada, "INC-1");
    await publishPostmortem(deps, incident.id);
    await publishPostmortem(deps, incident.id);
    expect(documents.requests.map((r) => r.pageId)).toEqual([null, "page-1"]);
    expect(store.data.postmortems.get(incident.id)).toMatchObject({ pageId: "page-1", pageVersion: 2 });
    expect(store.timelineOf(incident.id).filter((e) => e.type === "postmortem.published")).toHaveLength(1);
  });

  it("once the page exists, resolving the incident queues a refresh, debounced", async () => {
    const { store, deps, clock, ada, incident } = await world();
    await requestPostmortem(deps, ada, "INC-1");
    await publishPostmortem(deps, incident.id);
    store.drainJobs();
    await changeIncidentStatus(deps, ada, "INC-1", "resolve");
    expect(followUps(store, incident, clock.now())).toEqual(["publish in 30 s"]);
  });

  it("before the page exists, resolving the incident publishes nothing", async () => {
    const { store, deps, clock, ada, incident } = await world();
    await requestPostmortem(deps, ada, "INC-1");
    store.drainJobs();
    await changeIncidentStatus(deps, ada, "INC-1", "resolve");
    expect(followUps(store, incident, clock.now())).toEqual([]);
  });
});
