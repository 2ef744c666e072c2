import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Incident } from "../../domain/incident.ts";
import type { PageRecord } from "../../ports/oncall-repository.ts";
import { declareIncident } from "../incidents/declare-incident.ts";
import { addUser, inMemoryWorld, OTHER_TENANT, principal } from "../testing/fixtures.ts";
import { actFromCall } from "./act-from-call.ts";
import { actFromSms } from "./act-from-sms.ts";

const ADA = "+14155550101";
const BOB = "+14155550102";

function world() {
  const w = inMemoryWorld();
  const ada = addUser(w.store, "Ada", [
    { kind: "sms", address: ADA, delayMinutes: 0 },
    { kind: "voice", address: ADA, delayMinutes: 0 },
  ]);
  const bob = addUser(w.store, "Bob", [{ kind: "sms", address: BOB, delayMinutes: 0 }]);
  // Another tenant's person with the same phone number as Ada.
  const eve = addUser(w.store, "Eve", [{ kind: "sms", address: ADA, delayMinutes: 0 }], OTHER_TENANT);
  const declare = (title: string, tenantId?: string) =>
    declareIncident(w.deps, principal("Carol", tenantId ? { tenantId } : {}), { title });
  /** A page of `incident` to the person's contact method, as sendPage leaves it once Twilio accepted it. */
  const paged = (incident: Incident, to: { id: string; contactIds: string[] }, fields: Partial<PageRecord> = {}) => {
    const page: PageRecord = {
      id: randomUUID(),
      key: randomUUID(),
      incidentId: incident.id,
      userId: to.id,
      contactMethodId: to.contactIds[0]!,
      level: 0,
      round: 0,
      state: "sent",
      providerId: `SM${randomUUID()}`,
      error: null,
      ...fields,
    };
    w.store.data.pages.set(page.id, page);
    return page;
  };
  const statusOf = (incident: Incident) => w.store.data.incidents.get(incident.id)!.status;
  const lastEntry = (incident: Incident) => w.store.timelineOf(incident.id).at(-1)!.body;
  return { ...w, ada, bob, eve, declare, paged, statusOf, lastEntry };
}

describe("answering a page by SMS", () => {
  it("acknowledges the latest incident paged to the number, as the person it was paged to", async () => {
    const { deps, ada, declare, paged, statusOf, lastEntry } = world();
    const first = await declare("Checkout down");
    const second = await declare("Search slow.");
    paged(first, ada);
    paged(second, ada);
    expect(await actFromSms(deps, { from: ADA, body: " Ack! " })).toMatchObject({
      kind: "done",
      answer: "acknowledge",
      incident: { number: second.number, title: "Search slow." },
    });
    expect(statusOf(second)).toBe("acknowledged");
    expect(statusOf(first)).toBe("triggered");
    expect(lastEntry(second)).toBe("Ada acknowledged INC-2 by SMS reply");
  });

  it("acts on the incident a reply names only when that number was paged for it", async () => {
    const { deps, ada, bob, declare, paged, statusOf } = world();
    const adas = await declare("Checkout down");
    const bobs = await declare("Payments down");
    paged(adas, ada);
    paged(bobs, bob);
    expect(await actFromSms(deps, { from: ADA, body: "resolve INC-2" })).toEqual({
      kind: "not_paged_for",
      incidentNumber: 2,
    });
    expect(statusOf(bobs)).toBe("triggered");
    expect(await actFromSms(deps, { from: ADA, body: "RESOLVE inc-1" })).toMatchObject({ kind: "done" });
    expect(statusOf(adas)).toBe("resolved");
  });

  it("never acts for another tenant's person than the one the latest page went to", async () => {
    const { deps, ada, eve, declare, paged, statusOf, lastEntry } = world();
    const adas = await declare("Checkout down");
    const eves = await declare("Their own outage", OTHER_TENANT);
    paged(adas, ada);
    paged(eves, eve);
    expect(await actFromSms(deps, { from: ADA, body: "ack INC-1" })).toMatchObject({ kind: "done" });
    expect(statusOf(eves)).toBe("acknowledged");
    expect(lastEntry(eves)).toBe("Eve acknowledged INC-1 by SMS reply");
    expect(statusOf(adas)).toBe("triggered");
  });

  it("changes nothing for a number never paged, a page Twilio refused, or a text it does not understand", async () => {
    const { deps, ada, declare, paged, statusOf } = world();
    const incident = await declare("Checkout down");
    expect(await actFromSms(deps, { from: "+14155550199", body: "ack" })).toEqual({ kind: "not_paged" });
    paged(incident, ada, { state: "failed", providerId: null, error: "21610" });
    expect(await actFromSms(deps, { from: ADA, body: "ack" })).toEqual({ kind: "not_paged" });
    paged(incident, ada);
    expect(await actFromSms(deps, { from: ADA, body: "ack it please" })).toEqual({ kind: "not_understood" });
    expect(statusOf(incident)).toBe("triggered");
  });

  it("says who acknowledged an incident already acknowledged, and that a resolved one is resolved", async () => {
    const { deps, ada, declare, paged } = world();
    paged(await declare("Checkout down"), ada);
    await actFromSms(deps, { from: ADA, body: "ack" });
    expect(await actFromSms(deps, { from: ADA, body: "ack" })).toMatchObject({
      kind: "stale",
      incident: { status: "acknowledged" },
      acknowledgedBy: "Ada",
    });
    await actFromSms(deps, { from: ADA, body: "resolve" });
    expect(await actFromSms(deps, { from: ADA, body: "resolve" })).toMatchObject({
      kind: "stale",
      incident: { status: "resolved" },
    });
  });
});

describe("answering a page's call with a key", () => {
  it("acknowledges on 4 and resolves on 6, as the person the page went to, by phone", async () => {
    const { deps, ada, declare, paged, statusOf, lastEntry } = world();
    const incident = await declare("Checkout down");
    const page = paged(incident, { id: ada.id, contactIds: [ada.contactIds[1]!] });
    expect(await actFromCall(deps, { pageId: page.id, digits: "9" })).toEqual({ kind: "not_understood" });
    expect(await actFromCall(deps, { pageId: page.id, digits: "4" })).toMatchObject({ kind: "done" });
    expect(lastEntry(incident)).toBe("Ada acknowledged INC-1 by phone");
    expect(await actFromCall(deps, { pageId: page.id, digits: "6" })).toMatchObject({ kind: "done" });
    expect(statusOf(incident)).toBe("resolved");
    expect(await actFromCall(deps, { pageId: page.id, digits: "6" })).toMatchObject({ kind: "stale" });
  });

  it("knows no page it never sent", async () => {
    const { deps } = world();
    expect(await actFromCall(deps, { pageId: randomUUID(), digits: "4" })).toBeNull();
  });
});
