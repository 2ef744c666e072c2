// The incident page's "Response": who an incident pages and where its escalation stands (GET …/response), and what a
// responder does about it from the console or the API: Escalate now, Add responder (a person or a schedule), Change
// service, a default service for declared incidents. Pages go out by Slack DM, to the Slack stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("an incident's response on $name", (kind) => {
  const slack = new SlackEmulator();
  let svc: TestService;
  let alice: { id: string };
  let bob: { id: string };
  let policy: { id: string };
  let service: { id: string };

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const ok = async (method: string, path: string, json?: unknown) => {
    const { status, body } = await call(method, path, json);
    if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
    return body;
  };
  const dmsTo = (user: string) => slack.messages({ user }).length;

  beforeAll(async () => {
    const apiUrl = `${await slack.start()}/api/`;
    svc = await startTestService(kind, { env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: apiUrl } });
    alice = await ok("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    bob = await ok("POST", "/api/users", { name: "Bob Brown", email: "bob@example.com" });
    await ok("POST", `/api/users/${alice.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    await ok("POST", `/api/users/${bob.id}/contact-methods`, { kind: "slack", address: "U0BOB" });
    policy = await ok("POST", "/api/escalation-policies", {
      name: "Checkout on-call",
      repeat: 0,
      levels: [
        { delayMinutes: 10, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 10, targets: [{ type: "user", id: bob.id }] },
      ],
    });
    service = await ok("POST", "/api/services", { name: "Checkout", escalationPolicyId: policy.id });
  });
  afterAll(async () => {
    await svc?.stop();
    await slack.stop();
  });

  it("shows the service, the policy's levels with who is on call, the current level, the next, and every page", async () => {
    const incident = await ok("POST", "/api/incidents", { title: "Cart totals wrong", serviceId: service.id });
    const response = await eventually("level 1 paged", async () => {
      const r = await ok("GET", `/api/incidents/${incident.key}/response`);
      return r.pages.length === 1 && r.pages[0].state === "sent" ? r : undefined;
    });
    expect(response).toMatchObject({
      service: { id: service.id, name: "Checkout" },
      escalationPolicy: { id: policy.id, name: "Checkout on-call" },
      pagesNobody: false,
      levels: [
        { level: 1, delayMinutes: 10, targets: [{ type: "user", id: alice.id, name: "Alice Adams" }] },
        { level: 2, delayMinutes: 10, onCall: [{ id: bob.id, name: "Bob Brown" }] },
      ],
      currentLevel: 1,
      nextEscalation: { level: 2 },
      pages: [{ user: { id: alice.id, name: "Alice Adams" }, channel: "slack", level: 1, acknowledged: false }],
    });
    const minutes = (Date.parse(response.nextEscalation.at) - Date.parse(response.pages[0].at)) / 60_000;
    expect(Math.round(minutes)).toBe(10);

    // Escalate now: level 2 (Bob) is paged at once, and nothing is left to page after it.
    const bobBefore = dmsTo("U0BOB");
    expect(await call("POST", `/api/incidents/${incident.key}/escalate`)).toMatchObject({
      status: 202,
      body: { level: 2 },
    });
    await eventually("Bob's page", async () => dmsTo("U0BOB") > bobBefore);
    const escalated = await ok("GET", `/api/incidents/${incident.key}/response`);
    expect(escalated).toMatchObject({ currentLevel: 2, nextEscalation: null });
    const timeline = (await ok("GET", `/api/incidents/${incident.key}/timeline?type=escalation.level`)).entries;
    expect(timeline.map((e: any) => e.body)).toEqual([
      "Escalation level 1: paging Alice Adams",
      `admin escalated ${incident.key} to level 2`,
      "Escalation level 2: paging Bob Brown",
    ]);

    // Bob acknowledges with his own token: his page shows it (the declarer stays the owner).
    const bobToken = (await ok("POST", `/api/users/${bob.id}/tokens`, { name: "console" })).token;
    const acked = await fetch(`${svc.url}/api/incidents/${incident.key}/acknowledge`, {
      method: "POST",
      headers: { authorization: `Bearer ${bobToken}` },
    });
    expect(acked.status).toBe(200);
    const after = await ok("GET", `/api/incidents/${incident.key}/response`);
    expect(after.pages.find((p: any) => p.user.id === bob.id)).toMatchObject({ acknowledged: true });
    expect(after.pages.find((p: any) => p.user.id === alice.id)).toMatchObject({ acknowledged: false });
    expect(await call("POST", `/api/incidents/${incident.key}/escalate`)).toMatchObject({
      status: 409,
      body: { error: { code: "INCIDENT.NOT_TRIGGERED" } },
    });
  });

  it("adds a responder to an acknowledged incident, and refuses one who is not a person of this Firewatch", async () => {
    const incident = await ok("POST", "/api/incidents", { title: "Refunds slow", serviceId: null });
    await ok("POST", `/api/incidents/${incident.key}/acknowledge`);
    const before = dmsTo("U0BOB");
    expect(await call("POST", `/api/incidents/${incident.key}/responders`, { userId: bob.id })).toMatchObject({
      status: 202,
      body: { paged: [{ id: bob.id, name: "Bob Brown" }] },
    });
    await eventually("Bob paged although acknowledged", async () => dmsTo("U0BOB") > before);
    const response = await ok("GET", `/api/incidents/${incident.key}/response`);
    expect(response.pages).toMatchObject([{ user: { id: bob.id }, level: null, channel: "slack" }]);
    const entries = (await ok("GET", `/api/incidents/${incident.key}/timeline`)).entries.map((e: any) => e.body);
    expect(entries).toContain("admin added Bob Brown as responder");
    expect(entries).toContain("Paged Bob Brown by slack (added as responder)");

    const stranger = "00000000-0000-4000-8000-00000000beef";
    expect(await call("POST", `/api/incidents/${incident.key}/responders`, { userId: stranger })).toMatchObject({
      status: 404,
      body: { error: { code: "USER.NOT_FOUND" } },
    });
    expect(
      await call("POST", `/api/incidents/${incident.key}/responders`, { userId: bob.id, scheduleId: stranger }),
    ).toMatchObject({ status: 400 });
  });

  it("pages a schedule's on-call person as responder", async () => {
    const schedule = await ok("POST", "/api/schedules", {
      name: "Payments primary",
      timeZone: "UTC",
      layers: [{ users: [alice.id], rotation: { type: "weekly", shiftLength: 1, start: "2026-01-05T00:00" } }],
    });
    const incident = await ok("POST", "/api/incidents", { title: "Payouts stuck", serviceId: null });
    const before = dmsTo("U0ALICE");
    expect(await call("POST", `/api/incidents/${incident.key}/responders`, { scheduleId: schedule.id })).toMatchObject({
      status: 202,
      body: { paged: [{ id: alice.id }] },
    });
    await eventually("Alice paged through the schedule", async () => dmsTo("U0ALICE") > before);
    const entries = (await ok("GET", `/api/incidents/${incident.key}/timeline`)).entries.map((e: any) => e.body);
    expect(entries).toContain('admin added schedule "Payments primary" (Alice Adams) as responder');
  });

  it("says plainly that an incident with no service pages nobody; changing its service starts the escalation", async () => {
    const incident = await ok("POST", "/api/incidents", { title: "Search index stale", serviceId: null });
    expect(await ok("GET", `/api/incidents/${incident.key}/response`)).toMatchObject({
      service: null,
      escalationPolicy: null,
      pagesNobody: true,
      levels: [],
      currentLevel: null,
      pages: [],
    });
    expect(await call("POST", `/api/incidents/${incident.key}/escalate`)).toMatchObject({
      status: 409,
      body: { error: { code: "INCIDENT.NO_ESCALATION_POLICY" } },
    });
    expect(await call("PATCH", `/api/incidents/${incident.key}`, { serviceId: service.id })).toMatchObject({
      status: 200,
      body: { serviceId: service.id },
    });
    const paged = await eventually("level 1 paged after the change", async () => {
      const r = await ok("GET", `/api/incidents/${incident.key}/response`);
      return r.currentLevel === 1 && r.pages.length === 1 ? r : undefined;
    });
    expect(paged).toMatchObject({ pagesNobody: false, service: { name: "Checkout" } });
    const entries = (await ok("GET", `/api/incidents/${incident.key}/timeline`)).entries.map((e: any) => e.body);
    expect(entries).toContain(`admin changed the service to Checkout of ${incident.key}`);
    expect(
      await call("PATCH", `/api/incidents/${incident.key}`, { serviceId: "00000000-0000-4000-8000-00000000beef" }),
    ).toMatchObject({ status: 404, body: { error: { code: "SERVICE.NOT_FOUND" } } });
  });

  it("puts incidents declared without a service on the default service, once an admin sets one", async () => {
    expect(await ok("GET", "/api/settings/incidents")).toEqual({ defaultServiceId: null });
    const unset = await ok("POST", "/api/incidents", { title: "Before any default" });
    expect(unset.serviceId).toBeNull();
    expect(await call("PUT", "/api/settings/incidents", { defaultServiceId: service.id })).toMatchObject({
      status: 200,
      body: { defaultServiceId: service.id },
    });
    const declared = await ok("POST", "/api/incidents", { title: "Emails bouncing" });
    expect(declared.serviceId).toBe(service.id);
    // Saying "no service" is still possible.
    expect((await ok("POST", "/api/incidents", { title: "Just a note", serviceId: null })).serviceId).toBeNull();
    expect(
      await call("PUT", "/api/settings/incidents", { defaultServiceId: "00000000-0000-4000-8000-00000000beef" }),
    ).toMatchObject({ status: 404, body: { error: { code: "SERVICE.NOT_FOUND" } } });
    expect(await ok("GET", "/api/settings/incidents")).toEqual({ defaultServiceId: service.id });
    await ok("PUT", "/api/settings/incidents", { defaultServiceId: null });
  });
});
