// Drives the Statuspage emulator over HTTP with raw fetch, the way any client of the v1 API would.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatuspageEmulator, StatuspageWebhookReceiver } from "./index.ts";

let emu: StatuspageEmulator;
let receiver: StatuspageWebhookReceiver;

type Json = Record<string, any>;

interface CallInit {
  auth?: "header" | "query" | "none" | "bearer";
  key?: string;
  contentType?: string | null;
  raw?: string;
  signal?: AbortSignal;
}

function call(method: string, path: string, body?: unknown, init: CallInit = {}): Promise<Response> {
  const key = init.key ?? emu.apiKey;
  const auth = init.auth ?? "header";
  const headers: Record<string, string> = {};
  if (auth === "header") headers.Authorization = `OAuth ${key}`;
  if (auth === "bearer") headers.Authorization = `Bearer ${key}`;
  const payload = init.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const contentType =
    init.contentType === undefined ? (payload === undefined ? null : "application/json") : init.contentType;
  if (contentType) headers["Content-Type"] = contentType;
  const url = new URL(`${emu.apiUrl}${path}`);
  if (auth === "query") url.searchParams.set("api_key", key);
  return fetch(url, { method, headers, body: payload, signal: init.signal });
}

const page = () => `/pages/${emu.pageId}`;

async function json(res: Response): Promise<any> {
  return (await res.json()) as unknown;
}

async function createIncident(incident: Json): Promise<Json> {
  const res = await call("POST", `${page()}/incidents`, { incident });
  expect(res.status).toBe(201);
  return json(res);
}

async function patchIncident(id: string, incident: Json): Promise<Json> {
  const res = await call("PATCH", `${page()}/incidents/${id}`, { incident });
  expect(res.status).toBe(200);
  return json(res);
}

const statusOf = (id: string) => emu.components().find((c) => c.id === id)?.status;

beforeEach(async () => {
  emu = new StatuspageEmulator();
  await emu.start();
  receiver = new StatuspageWebhookReceiver();
  emu.configureWebhook(await receiver.start());
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  await receiver.stop();
  expect(unexpected).toEqual([]);
});

describe("incident lifecycle", () => {
  it("creates an incident with its first update, the component changes asked for and metadata", async () => {
    const incident = await createIncident({
      name: "Elevated API errors",
      status: "investigating",
      body: "We are investigating elevated error rates.",
      component_ids: ["cmp0api", "cmp0db"],
      components: { cmp0api: "major_outage" },
      deliver_notifications: true,
      metadata: { firewatch: { incident_id: "INC-42" } },
    });
    expect(incident).toMatchObject({
      name: "Elevated API errors",
      status: "investigating",
      impact: "critical",
      impact_override: null,
      page_id: emu.pageId,
      metadata: { firewatch: { incident_id: "INC-42" } },
      monitoring_at: null,
      resolved_at: null,
    });
    expect(incident.id).toMatch(/^[0-9a-z]{12}$/);
    expect(incident.shortlink).toMatch(/^http:\/\/stspg\.io\/\w+$/);
    expect(incident.components.map((c: Json) => [c.id, c.status])).toEqual([
      ["cmp0api", "major_outage"],
      ["cmp0db", "operational"],
    ]);
    expect(incident.incident_updates).toHaveLength(1);
    expect(incident.incident_updates[0]).toMatchObject({
      incident_id: incident.id,
      status: "investigating",
      body: "We are investigating elevated error rates.",
      deliver_notifications: true,
      display_at: incident.created_at,
      affected_components: [
        { code: "cmp0api", name: "API", old_status: "operational", new_status: "major_outage" },
        { code: "cmp0db", name: "Database", old_status: "operational", new_status: "operational" },
      ],
    });
    expect(statusOf("cmp0api")).toBe("major_outage");
    expect(emu.incident(incident.id)).toEqual(incident);
    expect(await json(await call("GET", `${page()}/incidents/${incident.id}`))).toEqual(incident);
  });

  it("goes through identified, monitoring and resolved with component changes; each adds an update", async () => {
    const created = await createIncident({
      name: "Checkout failing",
      body: "Investigating.",
      components: { cmp0api: "partial_outage", cmp0webapp: "degraded_performance" },
    });
    expect(created.status).toBe("investigating");
    const identified = await patchIncident(created.id, {
      status: "identified",
      body: "Bad deploy found.",
      components: { cmp0api: "major_outage" },
    });
    expect(identified).toMatchObject({ status: "identified", impact: "critical", monitoring_at: null });
    const monitoring = await patchIncident(created.id, {
      status: "monitoring",
      body: "Rolled back.",
      components: { cmp0api: "degraded_performance", cmp0webapp: "operational" },
    });
    expect(monitoring.monitoring_at).toEqual(expect.any(String));
    const resolved = await patchIncident(created.id, {
      status: "resolved",
      body: "All good.",
      components: { cmp0api: "operational" },
    });
    expect(resolved).toMatchObject({
      status: "resolved",
      resolved_at: expect.any(String),
      monitoring_at: monitoring.monitoring_at,
      impact: "critical",
    });
    // Newest first, as Statuspage lists them.
    expect(resolved.incident_updates.map((u: Json) => [u.status, u.body])).toEqual([
      ["resolved", "All good."],
      ["monitoring", "Rolled back."],
      ["identified", "Bad deploy found."],
      ["investigating", "Investigating."],
    ]);
    expect(resolved.incident_updates[1].affected_components).toEqual([
      { code: "cmp0api", name: "API", old_status: "major_outage", new_status: "degraded_performance" },
      { code: "cmp0webapp", name: "Web app", old_status: "degraded_performance", new_status: "operational" },
    ]);
    expect(emu.components().map((c) => c.status)).toEqual(["operational", "operational", "operational"]);
    expect(await json(await call("GET", `${page()}/incidents/unresolved`))).toEqual([]);
    const [listed] = await json(await call("GET", `${page()}/incidents?q=rolled`));
    expect(listed.id).toBe(created.id);
  });

  it("adds no update for a name, metadata or no-op change, and takes PUT like PATCH", async () => {
    const created = await createIncident({ name: "Slow", body: "Looking." });
    const renamed = await patchIncident(created.id, { name: "Slow search" });
    expect(renamed.incident_updates).toHaveLength(1);
    const same = await patchIncident(created.id, { status: "investigating" });
    expect(same.incident_updates).toHaveLength(1);
    const put = await call("PUT", `${page()}/incidents/${created.id}`, {
      incident: { status: "identified", body: "Index rebuild." },
    });
    expect(put.status).toBe(200);
    expect((await json(put)).incident_updates).toHaveLength(2);
  });

  it("keeps metadata so an incident created before a crash can be found among the unresolved ones", async () => {
    await createIncident({ name: "Other", body: "x" });
    const ours = await createIncident({
      name: "Ours",
      body: "y",
      metadata: { firewatch: { incident_id: "INC-7", key: "CI-7" } },
    });
    const unresolved: Json[] = await json(await call("GET", `${page()}/incidents/unresolved`));
    expect(unresolved.find((i) => i.metadata?.firewatch?.incident_id === "INC-7")?.id).toBe(ours.id);
    // A PATCH's metadata replaces the stored object.
    const patched = await patchIncident(ours.id, {
      metadata: { firewatch: { incident_id: "INC-7", resolved_by: "firewatch" } },
    });
    expect(patched.metadata).toEqual({ firewatch: { incident_id: "INC-7", resolved_by: "firewatch" } });
  });

  it("lists incidents newest first with limit and page, with or without the .json suffix", async () => {
    for (const name of ["one", "two", "three"]) await createIncident({ name, body: name });
    const names = async (path: string) => ((await json(await call("GET", path))) as Json[]).map((i) => i.name);
    expect(await names(`${page()}/incidents`)).toEqual(["three", "two", "one"]);
    expect(await names(`${page()}/incidents.json?limit=2&page=2`)).toEqual(["one"]);
    expect(await names(`${page()}/incidents/unresolved?per_page=1`)).toEqual(["three"]);
  });

  it("takes form-encoded bodies with Rails brackets", async () => {
    const form = new URLSearchParams([
      ["incident[name]", "Form incident"],
      ["incident[status]", "identified"],
      ["incident[body]", "Sent as a form."],
      ["incident[component_ids][]", "cmp0db"],
      ["incident[components][cmp0db]", "partial_outage"],
      ["incident[deliver_notifications]", "false"],
      ["incident[metadata][firewatch][incident_id]", "INC-9"],
    ]);
    const res = await call("POST", `${page()}/incidents`, undefined, {
      raw: form.toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(201);
    const incident = await json(res);
    expect(incident).toMatchObject({
      name: "Form incident",
      status: "identified",
      impact: "major",
      metadata: { firewatch: { incident_id: "INC-9" } },
    });
    expect(incident.incident_updates[0].deliver_notifications).toBe(false);
    expect(statusOf("cmp0db")).toBe("partial_outage");
  });
});

describe("components", () => {
  it("lists, reads and updates components", async () => {
    const list: Json[] = await json(await call("GET", `${page()}/components`));
    expect(list.map((c) => [c.id, c.name, c.status, c.position])).toEqual([
      ["cmp0api", "API", "operational", 1],
      ["cmp0webapp", "Web app", "operational", 2],
      ["cmp0db", "Database", "operational", 3],
    ]);
    const res = await call("PATCH", `${page()}/components/cmp0db`, { component: { status: "under_maintenance" } });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      id: "cmp0db",
      status: "under_maintenance",
      page_id: emu.pageId,
      group: false,
    });
    expect((await json(await call("GET", `${page()}/components/cmp0db`))).status).toBe("under_maintenance");
  });
});

describe("validation", () => {
  it.each([
    ["a missing name", { body: "x" }, 422, "Name can't be blank"],
    ["an empty name", { name: " " }, 422, "Name can't be blank"],
    ["an unknown status", { name: "x", status: "fixed" }, 422, "Status is not included in the list"],
    [
      "an unknown component status",
      { name: "x", components: { cmp0api: "down" } },
      422,
      "Component status is not included in the list: down",
    ],
    [
      "an unknown component in components",
      { name: "x", components: { cmp0nope: "major_outage" } },
      422,
      "Components not found on this page: cmp0nope",
    ],
    [
      "an unknown component in component_ids",
      { name: "x", component_ids: ["cmp0api", "cmp0nope"] },
      422,
      "Components not found on this page: cmp0nope",
    ],
    [
      "an unknown impact_override",
      { name: "x", impact_override: "huge" },
      422,
      "Impact override is not included in the list",
    ],
    [
      "metadata with a non-object top-level value",
      { name: "x", metadata: { firewatch_id: "INC-1" } },
      422,
      "Metadata top-level values must be objects",
    ],
  ])("refuses %s", async (_what, incident, status, error) => {
    const res = await call("POST", `${page()}/incidents`, { incident });
    expect(res.status).toBe(status);
    expect(await json(res)).toEqual({ error });
    expect(emu.incidents()).toEqual([]);
    expect(emu.components().every((c) => c.status === "operational")).toBe(true);
  });

  it("refuses a body without the incident wrapper (400) and an invalid update", async () => {
    const bare = await call("POST", `${page()}/incidents`, { name: "x" });
    expect(bare.status).toBe(400);
    expect(await json(bare)).toEqual({ error: "param is missing or the value is empty: incident" });
    const created = await createIncident({ name: "x" });
    const bad = await call("PATCH", `${page()}/incidents/${created.id}`, { incident: { status: "completed" } });
    expect(bad.status).toBe(422);
    const badComponent = await call("PATCH", `${page()}/components/cmp0api`, { component: { status: "broken" } });
    expect(badComponent.status).toBe(422);
    expect(emu.unexpected().map((u) => u.reason)).toEqual([
      'unknown top-level field "name" (the body is {incident: {...}})',
      'incident status "completed" is for scheduled maintenances, which are not emulated',
    ]);
    emu.clearLog();
  });

  it("serves but records fields it does not know, and refuses bodies it cannot read", async () => {
    const res = await call("POST", `${page()}/incidents`, {
      incident: { name: "x", message: "old field", wants_twitter_update: true },
    });
    expect(res.status).toBe(201);
    expect(emu.unexpected().map((u) => u.reason)).toEqual([
      'unknown field "incident.message" (older docs; the v1 reference calls the first update\'s text "body")',
      'unknown field "incident.wants_twitter_update"',
    ]);
    emu.clearLog();
    expect(
      (await call("POST", `${page()}/incidents`, undefined, { raw: "{not json", contentType: "application/json" }))
        .status,
    ).toBe(400);
    // fetch labels a string body text/plain when no Content-Type is given.
    expect(
      (await call("POST", `${page()}/incidents`, undefined, { raw: '{"incident":{"name":"x"}}', contentType: null }))
        .status,
    ).toBe(400);
    expect(emu.unexpected().map((u) => u.reason)).toEqual([expect.stringContaining("body sent as text/plain")]);
    emu.clearLog();
  });
});

describe("auth and routing", () => {
  it.each([
    ["no key", { auth: "none" as const }],
    ["a wrong key", { key: "nope" }],
    ["a Bearer header", { auth: "bearer" as const }],
    ["a wrong api_key parameter", { auth: "query" as const, key: "nope" }],
  ])("answers %s with 401", async (_what, init) => {
    const res = await call("GET", `${page()}/incidents`, undefined, init);
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({ error: "Could not authenticate" });
    expect(emu.requests()[0]).toMatchObject({ outcome: 401, error: "Could not authenticate" });
  });

  it("takes the key as the api_key query parameter", async () => {
    const res = await call("GET", `${page()}/components`, undefined, { auth: "query" });
    expect(res.status).toBe(200);
    expect(emu.requests({ operation: "components.list" })[0]).toMatchObject({ auth: "query", query: {} });
  });

  it("answers 404 for another page, an unknown incident or component, and records unknown paths", async () => {
    expect((await call("GET", "/pages/pg0other/incidents")).status).toBe(404);
    expect((await call("GET", `${page()}/incidents/nope00000000`)).status).toBe(404);
    expect((await call("PATCH", `${page()}/components/nope`, { component: { status: "operational" } })).status).toBe(
      404,
    );
    expect(emu.unexpected()).toEqual([]);
    expect((await call("GET", `${page()}/metrics`)).status).toBe(404);
    expect((await call("DELETE", `${page()}/incidents/abc`)).status).toBe(404);
    expect(emu.unexpected().map((u) => `${u.method} ${u.path}`)).toEqual([
      `GET /v1${page()}/metrics`,
      `DELETE /v1${page()}/incidents/abc`,
    ]);
    emu.clearLog();
  });
});

describe("faults", () => {
  it("answers 429 with Retry-After, then serves normally", async () => {
    emu.faults.next({ status: 429, headers: { "Retry-After": "2" } });
    const limited = await call("GET", `${page()}/incidents`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(await json(limited)).toEqual({ error: "Rate limit exceeded" });
    expect((await call("GET", `${page()}/incidents`)).status).toBe(200);
    expect(emu.requests().map((r) => r.fault ?? null)).toEqual(["status:429", null]);
  });

  it("applies a fault only to matching requests, `times` times, without changing state", async () => {
    const created = await createIncident({ name: "x" });
    emu.faults.next({ status: 500, times: 2, match: (r) => r.operation === "incidents.update" });
    expect((await call("GET", `${page()}/incidents/${created.id}`)).status).toBe(200);
    expect(
      (await call("PATCH", `${page()}/incidents/${created.id}`, { incident: { status: "identified" } })).status,
    ).toBe(500);
    expect(
      (await call("PATCH", `${page()}/incidents/${created.id}`, { incident: { status: "identified" } })).status,
    ).toBe(500);
    expect(emu.incident(created.id)?.status).toBe("investigating");
    expect(
      (await call("PATCH", `${page()}/incidents/${created.id}`, { incident: { status: "identified" } })).status,
    ).toBe(200);
    expect(emu.faults.pending()).toBe(0);
  });

  it("hangs a request until the client gives up, and delays one", async () => {
    emu.faults.next({ hang: true, match: (r) => r.operation === "incidents.create" });
    await expect(
      call("POST", `${page()}/incidents`, { incident: { name: "x" } }, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(emu.requests()[0]?.outcome).toBe("hung");
    expect(emu.incidents()).toEqual([]);
    emu.faults.next({ delayMs: 150 });
    const started = Date.now();
    expect((await call("GET", `${page()}/components`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("rejects a fault with neither status, hang nor delay", () => {
    expect(() => emu.faults.next({})).toThrow(/give status/);
  });
});

describe("rate limiting", () => {
  it("is off by default", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => call("GET", `${page()}/components`)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it("answers 420 with Retry-After past the limit when enabled", async () => {
    const limited = new StatuspageEmulator({ rateLimitPerSecond: 2, rateLimitWindowSeconds: 1 });
    await limited.start();
    try {
      const get = () =>
        fetch(`${limited.apiUrl}/pages/${limited.pageId}/components`, {
          headers: { Authorization: `OAuth ${limited.apiKey}` },
        });
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      const refused = await get();
      expect(refused.status).toBe(420);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(await refused.json()).toEqual({ error: "Rate limit exceeded" });
      await new Promise((resolve) => setTimeout(resolve, 1050));
      expect((await get()).status).toBe(200);
      expect(limited.unexpected()).toEqual([]);
    } finally {
      await limited.stop();
    }
  });
});

describe("webhooks", () => {
  it("delivers incident and component webhooks for API and UI changes, in order", async () => {
    const created = await createIncident({
      name: "DB down",
      body: "Investigating.",
      components: { cmp0db: "major_outage" },
    });
    await patchIncident(created.id, { status: "identified", body: "Disk full." });
    emu.ui.updateIncident(created.id, {
      status: "monitoring",
      body: "Space freed.",
      components: { cmp0db: "degraded_performance" },
    });
    emu.ui.setComponentStatus("cmp0db", "operational");
    const uiIncident = emu.ui.createIncident({
      name: "Maintenance overrun",
      status: "identified",
      body: "Taking longer.",
      component_ids: ["cmp0webapp"],
    });
    await emu.webhooksSettled();

    expect(
      receiver.received.map((r) =>
        r.json.incident ? `incident:${r.json.incident.status}` : `component:${r.json.component_update.new_status}`,
      ),
    ).toEqual([
      "component:major_outage",
      "incident:investigating",
      "incident:identified",
      "component:degraded_performance",
      "incident:monitoring",
      "component:operational",
      "incident:identified",
    ]);
    expect(receiver.received.every((r) => r.headers["content-type"] === "application/json")).toBe(true);
    const [first, second, third] = receiver.incidents();
    expect(first).toMatchObject({
      meta: {
        unsubscribe: expect.stringMatching(/^https:\/\/firewatch-emulator\.statuspage\.io\/\?unsubscribe=\w+$/),
        documentation: "http://doers.statuspage.io/customer-notifications/webhooks/",
      },
      page: { id: emu.pageId, status_indicator: "critical", status_description: "Major System Outage" },
      incident: {
        id: created.id,
        organization_id: emu.pageId,
        name: "DB down",
        status: "investigating",
        impact: "critical",
      },
    });
    expect(second!.incident.incident_updates.map((u: Json) => u.status)).toEqual(["identified", "investigating"]);
    expect(third!.incident.monitoring_at).toEqual(expect.any(String));
    expect(receiver.componentUpdates()[0]).toMatchObject({
      page: { status_indicator: "critical" },
      component_update: { old_status: "operational", new_status: "major_outage", component_id: "cmp0db" },
      component: { id: "cmp0db", name: "Database", status: "major_outage" },
    });
    expect(receiver.incidents()[3]!.incident.id).toBe(uiIncident.id);
    expect(emu.webhookDeliveries().map((d) => [d.kind, d.status])).toEqual(
      receiver.received.map((r) => [r.json.incident ? "incident" : "component", 200]),
    );
  });

  it("sends after the API answers, one at a time", async () => {
    receiver.delayMs = 200;
    const started = Date.now();
    const created = await createIncident({ name: "x", components: { cmp0api: "degraded_performance" } });
    expect(Date.now() - started).toBeLessThan(150);
    expect(emu.webhookDeliveries().map((d) => d.status)).toEqual([undefined, undefined]);
    await emu.webhooksSettled();
    const [component, incident] = emu.webhookDeliveries();
    expect(component!.status).toBe(200);
    expect(incident!.sentAt!).toBeGreaterThanOrEqual(component!.sentAt! + 190);
    expect(incident!.payload.incident).toMatchObject({ id: created.id });
  });

  it("sends no incident webhook when deliver_notifications is false, but still the component's", async () => {
    const created = await createIncident({
      name: "Quiet",
      deliver_notifications: false,
      components: { cmp0api: "partial_outage" },
    });
    await patchIncident(created.id, { name: "Quiet rename", deliver_notifications: false });
    await emu.webhooksSettled();
    expect(receiver.received.map((r) => Object.keys(r.json).sort().join(","))).toEqual([
      "component,component_update,meta,page",
    ]);
  });

  it("quarantines the subscriber after a failed delivery until it is configured again", async () => {
    receiver.respondWith(500);
    const created = await createIncident({ name: "x" });
    await patchIncident(created.id, { status: "identified" });
    await emu.webhooksSettled();
    expect(emu.webhookDeliveries().map((d) => [d.status ?? null, d.error ?? null, d.skipped ?? null])).toEqual([
      [500, "HTTP 500", null],
      [null, null, "quarantined"],
    ]);
    expect(emu.webhookQuarantined()).toBe(true);
    emu.configureWebhook(receiver.url);
    await patchIncident(created.id, { status: "monitoring" });
    await emu.webhooksSettled();
    expect(receiver.incidents().map((p) => p.incident.status)).toEqual(["investigating", "monitoring"]);
  });
});

describe("contract fixtures (test/fixtures/statuspage)", () => {
  const fixture = (name: string): Json =>
    JSON.parse(readFileSync(new URL(`../../test/fixtures/statuspage/${name}`, import.meta.url), "utf8")) as Json;
  /** Object keys, recursively (an array by its first element); `opaque` keys' values are not compared. */
  const shape = (value: unknown, opaque: readonly string[] = []): unknown => {
    if (Array.isArray(value)) return value.length ? [shape(value[0], opaque)] : [];
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, opaque.includes(k) ? "*" : shape((value as Json)[k], opaque)]),
      );
    }
    return "*";
  };

  it("the API incident has the reference's Incident keys", async () => {
    const created = await createIncident({ name: "x", body: "a", metadata: { jira: { issue_id: "CI-1" } } });
    const updated = await patchIncident(created.id, {
      status: "identified",
      body: "b",
      components: { cmp0api: "major_outage" },
    });
    expect(shape(updated, ["metadata"])).toEqual(shape(fixture("incident.json"), ["metadata"]));
  });

  it("webhook bodies have the documented examples' keys", async () => {
    const created = await createIncident({ name: "x", body: "a" });
    await patchIncident(created.id, { status: "monitoring", body: "b", components: { cmp0api: "major_outage" } });
    await emu.webhooksSettled();
    expect(shape(receiver.incidents().at(-1))).toEqual(shape(fixture("incident-webhook.json")));
    expect(shape(receiver.componentUpdates()[0])).toEqual(shape(fixture("component-webhook.json")));
  });
});
