// PagerDuty Events API v2 compatibility of POST /v2/enqueue, over real HTTP on both databases.
// Request and response shapes: PagerDuty "Send an Alert Event" and "Events API v2 Overview",
// https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ (quoted in test/fixtures/pagerduty/README.md).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/pagerduty/${name}.json`, import.meta.url), "utf8"));

describe.each(DATABASE_KINDS)("Events v2 on $name", (kind) => {
  let svc: TestService;
  let routingKey: string;

  beforeAll(async () => {
    svc = await startTestService(kind);
    routingKey = (await svc.createService("checkout")).integrationKey;
  });
  afterAll(() => svc?.stop());

  const send = (body: unknown) =>
    fetch(`${svc.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const event = (action: string, dedupKey: string | undefined, summary = "Disk full on db-1") => ({
    routing_key: routingKey,
    event_action: action,
    ...(dedupKey ? { dedup_key: dedupKey } : {}),
    ...(action === "trigger" ? { payload: { summary, source: "db-1.example.com", severity: "critical" } } : {}),
  });
  const incidentOf = async (number: number) => (await (await svc.api(`/api/incidents/INC-${number}`)).json()) as any;
  const countIncidents = async () =>
    ((await (await svc.api("/api/incidents?limit=200")).json()) as any).incidents.length as number;

  it("accepts PagerDuty's documented trigger, acknowledge and resolve bodies", async () => {
    const bodies = ["trigger", "acknowledge", "resolve"].map((name) => ({ ...fixture(name), routing_key: routingKey }));
    const answers = [];
    for (const body of bodies) {
      const res = await send(body);
      answers.push({ status: res.status, body: await res.json() });
    }
    const dedupKey = bodies[0].dedup_key;
    expect(answers).toEqual(
      ["trigger", "acknowledge", "resolve"].map(() => ({
        status: 202,
        body: { status: "success", message: "Event processed", dedup_key: dedupKey },
      })),
    );
    const list = (await (await svc.api("/api/incidents?limit=1")).json()) as any;
    const incident = list.incidents[0];
    expect(incident).toMatchObject({ status: "resolved", severity: "SEV1", title: bodies[0].payload.summary });
    const timeline = (await (await svc.api(`/api/incidents/${incident.key}/timeline`)).json()) as any;
    expect(timeline.entries.map((e: any) => e.type)).toEqual([
      "incident.triggered",
      "incident.acknowledged",
      "incident.resolved",
    ]);
    expect(new Set(timeline.entries.map((e: any) => e.source))).toEqual(new Set(["events-v2"]));
  });

  it("counts a repeated trigger into the open alert, and a trigger after resolve opens a new incident", async () => {
    const before = await countIncidents();
    for (let i = 0; i < 3; i++) expect((await send(event("trigger", "web-5xx"))).status).toBe(202);
    expect(await countIncidents()).toBe(before + 1);
    const first = await incidentOf(before + 1);
    expect(first.alerts).toMatchObject([{ dedupKey: "web-5xx", count: 3, status: "open" }]);

    expect((await send(event("resolve", "web-5xx"))).status).toBe(202);
    expect((await incidentOf(before + 1)).status).toBe("resolved");
    await send(event("trigger", "web-5xx"));
    expect(await countIncidents()).toBe(before + 2);
    expect((await incidentOf(before + 2)).alerts).toMatchObject([{ dedupKey: "web-5xx", count: 1, status: "open" }]);
  });

  it("drops acknowledge and resolve for a dedup key with no open alert, answering 202 as PagerDuty does", async () => {
    const before = await countIncidents();
    for (const action of ["acknowledge", "resolve"]) {
      const res = await send(event(action, "never-triggered"));
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ status: "success", message: "Event processed", dedup_key: "never-triggered" });
    }
    expect(await countIncidents()).toBe(before);
  });

  it("makes up a dedup_key for a trigger without one and returns it for later events", async () => {
    const res = await send(event("trigger", undefined, "No key given"));
    const { dedup_key } = (await res.json()) as { dedup_key: string };
    expect(dedup_key).toMatch(/^[0-9a-f]{32}$/);
    expect((await send(event("acknowledge", dedup_key))).status).toBe(202);
    const list = (await (await svc.api("/api/incidents?limit=1")).json()) as any;
    expect(list.incidents[0]).toMatchObject({ title: "No key given", status: "acknowledged" });
  });

  it("turns 50 concurrent identical triggers into one incident with one alert counted 50 times", async () => {
    const before = await countIncidents();
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(event("trigger", "thundering-herd"))));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(202));
    expect(await countIncidents()).toBe(before + 1);
    const incident = await incidentOf(before + 1);
    expect(incident.alerts).toHaveLength(1);
    expect(incident.alerts[0]).toMatchObject({ dedupKey: "thundering-herd", count: 50 });
    const timeline = (await (await svc.api(`/api/incidents/${incident.key}/timeline`)).json()) as any;
    expect(timeline.entries).toHaveLength(50);
  });

  it.each([
    ["a short routing_key", { routing_key: "abc" }, "Length of 'routing_key' is incorrect (should be 32 characters)"],
    ["no event_action", { event_action: undefined }, "'event_action' is missing or blank"],
    [
      "an unknown event_action",
      { event_action: "escalate" },
      "'event_action' is invalid (should be one of trigger, acknowledge, resolve)",
    ],
    ["no payload.source", { payload: { summary: "x", severity: "error" } }, "'payload.source' is missing or blank"],
    ["no payload.severity", { payload: { summary: "x", source: "h" } }, "'payload.severity' is missing or blank"],
    [
      "a bad payload.severity",
      { payload: { summary: "x", source: "h", severity: "high" } },
      "'payload.severity' is invalid (should be one of critical, error, warning, info)",
    ],
    [
      "a 256-character dedup_key",
      { dedup_key: "k".repeat(256) },
      "Length of 'dedup_key' is incorrect (should be at most 255 characters)",
    ],
    [
      "an unknown routing_key",
      { routing_key: "0".repeat(32) },
      "'routing_key' does not match any Firewatch service; copy the integration key from the service",
    ],
    // Firewatch's own bounds on what PagerDuty leaves open (events-v2-bounds.ts).
    [
      "a 1025-character payload.source",
      { payload: { summary: "x", source: "h".repeat(1025), severity: "info" } },
      "Length of 'payload.source' is incorrect (should be at most 1024 characters)",
    ],
    [
      "a payload.component that is an object",
      { payload: { summary: "x", source: "h", severity: "info", component: { name: "c".repeat(2000) } } },
      "Size of 'payload.component' is incorrect (should be at most 1024 characters as JSON)",
    ],
    [
      "custom_details over 64 KiB",
      { payload: { summary: "x", source: "h", severity: "info", custom_details: { log: "x".repeat(70_000) } } },
      "Size of 'payload.custom_details' is incorrect (should be at most 65536 characters as JSON)",
    ],
    // Deeper than 64 levels, any body is refused before it is read (the input guard); between the two, this bound answers.
    [
      "custom_details nested 40 deep",
      {
        payload: {
          summary: "x",
          source: "h",
          severity: "info",
          custom_details: JSON.parse(`${'{"a":'.repeat(40)}1${"}".repeat(40)}`),
        },
      },
      "'payload.custom_details' nests too deep (should be at most 32 levels)",
    ],
    [
      "custom_details nested 1,000 deep",
      {
        payload: {
          summary: "x",
          source: "h",
          severity: "info",
          custom_details: JSON.parse(`${'{"a":'.repeat(1_000)}1${"}".repeat(1_000)}`),
        },
      },
      "Invalid event: `payload.custom_details.a.a…` nests more than 64 levels deep; flatten it.",
    ],
    [
      "101 links",
      { links: Array.from({ length: 101 }, (_, i) => ({ href: `https://grafana.example.com/d/${i}` })) },
      "Length of 'links' is incorrect (should be at most 100 entries)",
    ],
    ["links that are not an array", { links: { href: "https://example.com" } }, "'links' must be an array"],
    ["an image that is not an object", { images: ["https://example.com/graph.png"] }, "'images[0]' must be an object"],
    [
      "a 16385-character client_url",
      { client_url: `https://example.com/${"q".repeat(16_365)}` },
      "Length of 'client_url' is incorrect (should be at most 16384 characters)",
    ],
  ])("rejects %s with PagerDuty's 400 shape and stores nothing", async (_what, change, error) => {
    const before = await countIncidents();
    const res = await send({ ...event("trigger", "bad-one"), ...change });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: "invalid event", message: "Event object is invalid", errors: [error] });
    expect(await countIncidents()).toBe(before);
  });

  it("answers malformed JSON and oversized bodies with PagerDuty-shaped errors", async () => {
    const bad = await fetch(`${svc.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      status: "Unrecognized object",
      message: "Event object format is unrecognized",
      errors: ["JSON parse error"],
    });

    const huge = {
      ...event("trigger", "big"),
      payload: { summary: "x", source: "h", severity: "info", custom_details: { blob: "x".repeat(600_000) } },
    };
    const tooBig = await send(huge);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as any).errors[0]).toMatch(/larger than the 512 KiB limit/);
  });
});
