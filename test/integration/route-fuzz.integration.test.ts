// Every route the express app serves — found by walking its router, so a route added later is fuzzed
// without being listed, and one nobody described fails the test — gets generated hostile input: arbitrary
// JSON and mutations of a body it accepts (wrong types, numbers past every limit, NaN-ish and date-ish
// strings, NUL, unpaired surrogates, 100 KB strings, deep nesting, extra fields, arrays for objects), bodies
// that are not the JSON or gzip their headers say, and hostile path parameters and query strings. Webhooks are
// signed, so the input reaches their parsers. No answer may be a 5xx or show an engine's message, every 4xx
// says what is wrong, and a 4xx leaves every table as it was (test/support/database-fingerprint.ts).
// fast-check generates the cases from a fixed seed: a failure names the route, the request and the answer,
// and replays the same on the next run.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORGE_RESOLVERS } from "../../sync-service/src/web/forge/forge-resolvers.ts";
import { routesOf } from "../support/app-routes.ts";
import { watchWrites } from "../support/database-fingerprint.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import {
  STATUSPAGE_WEBHOOK_TOKEN,
  startHostileWorld,
  type Answer,
  type HostileWorld,
} from "../support/hostile-client.ts";
import { hostileBody, hostileQuery, hostileSegment, hostileWire, type Json } from "../support/hostile-values.ts";
import { fuzzTargets, type Ids, type RouteSpec } from "../support/fuzz-targets.ts";
import { ADMIN_TOKEN } from "../support/running-service.ts";

/** A call to a service's number, as Twilio's voice webhooks name it. */
const CALL = {
  AccountSid: "AC" + "a".repeat(32),
  CallSid: "CA" + "e".repeat(32),
  From: "+447700900123",
  To: "+14155550100",
  CallStatus: "in-progress",
  ApiVersion: "2010-04-01",
};
const RECORDING = `https://api.twilio.com/2010-04-01/Accounts/${CALL.AccountSid}/Recordings/RE${"1".repeat(32)}`;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_413);
/** Cases per route (per resolver for the Forge resolvers' route). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
/**
 * Changed by a 4xx and still no partial write: the Forge token the call carried is recorded on first sight or
 * refresh, and an API token's last use once a minute.
 */
const CONTACT_TABLES = ["forge_credentials", "api_tokens"];
/** What must never reach a caller. */
const INTERNALS =
  /call stack|RangeError|TypeError|ReferenceError|SyntaxError|Prisma|P20\d\d|\.ts:\d+|node_modules|invalid input syntax|violates/;

interface Case {
  readonly route: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
}

const shown = (body: string | Buffer | undefined) => {
  if (body === undefined) return undefined;
  const text = Buffer.isBuffer(body) ? `<${body.length} bytes> ${body.toString("latin1")}` : body;
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
};

/** The route's path with each `:param` replaced. */
const fill = (route: string, params: Record<string, string>) =>
  route.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? name);

/** The generated cases of one variant of a route. */
function casesOf(route: string, spec: RouteSpec, ids: Ids, seed: number): Case[] {
  const [method, pattern] = route.split(" ") as [string, string];
  const params = spec.params?.(ids) ?? {};
  const names = Object.keys(params);
  const segments = fc.tuple(
    ...names.map((n) => (spec.fixedParams?.includes(n) ? fc.constant(params[n]!) : hostileSegment(params[n]!))),
  );
  const query = spec.query ? hostileQuery(spec.query(ids)) : fc.oneof(fc.constant(""), hostileQuery({}));
  const hasBody = method !== "GET" && method !== "HEAD";
  const valid = (spec.body?.(ids) ?? {}) as Json;
  const wire = !hasBody
    ? fc.constant(undefined)
    : spec.form
      ? fc
          .dictionary(
            fc.constantFrom("user_id", "channel_id", "command", "text", "extra"),
            fc.string({ unit: "binary", maxLength: 30 }),
          )
          .chain((form) =>
            hostileWire(
              "application/x-www-form-urlencoded",
              new URLSearchParams({ ...(valid as Record<string, string>), ...form }).toString(),
            ),
          )
      : hostileBody(valid).chain((body) => hostileWire("application/json", JSON.stringify(body)));
  return fc.sample(fc.tuple(segments, query, wire), { seed, numRuns: RUNS }).map(([values, q, w]) => {
    const path = fill(pattern, Object.fromEntries(names.map((n, i) => [n, values[i]!])));
    return {
      route,
      method,
      path: q ? `${path}?${q}` : path,
      headers: w?.headers ?? {},
      ...(w ? { body: w.body } : {}),
    };
  });
}

describe.each(DATABASE_KINDS)("route fuzz on $name", (kind) => {
  let w: HostileWorld;
  let ids: Ids;
  let routes: string[];

  beforeAll(async () => {
    w = await startHostileWorld(kind);
    ids = await fuzzTargets(w);
    // Nothing runs in the background from here: the database changes only by the requests themselves.
    await w.world.svc.worker.drain();
    routes = routesOf(w.world.svc.app);
  }, 120_000);
  afterAll(() => w?.stop());

  it("has a fuzz target for every route the app serves, and none for a route it does not", () => {
    const targets = Object.keys(routeSpecs());
    expect(routes.filter((r) => !targets.includes(r))).toEqual([]);
    expect(targets.filter((t) => !routes.includes(t) && !routeSpecs()[t]!.optional)).toEqual([]);
    expect(routes.length).toBeGreaterThan(60);
    // One route serves every Forge resolver: each resolver the app has is fuzzed as a variant of its own.
    const resolvers = routeSpecs()["POST /forge/resolvers/:name"]!.variants!.map((v) => v.params!(ids).name);
    expect(Object.keys(FORGE_RESOLVERS).filter((name) => !resolvers.includes(name))).toEqual([]);
  });

  it(`answers ${RUNS} generated hostile requests per route without a 5xx, an internal message or a partial write`, async () => {
    const specs = routeSpecs();
    const failures: unknown[] = [];
    const writes = await watchWrites(w.world.svc.database.prisma, CONTACT_TABLES);
    let sent = 0;
    for (const [r, route] of routes.entries()) {
      for (const [v, spec] of (specs[route]!.variants ?? [specs[route]!]).entries()) {
        for (const c of casesOf(route, spec, ids, SEED + r * 100 + v)) {
          const res = await w.send(c);
          sent++;
          const written = await writes.written();
          const problem =
            judge(spec, res) ??
            (res.status >= 400 && res.status < 500 && written.length
              ? `a 4xx that wrote to ${written.join(", ")}`
              : null);
          if (problem)
            failures.push({
              problem,
              route,
              request: { method: c.method, path: shown(c.path), headers: c.headers, body: shown(c.body) },
              status: res.status,
              answer: shown(res.text),
            });
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(routes.length * RUNS);
  }, 600_000);
});

/** A link page's refusal: HTML that says what happened. */
const linkPage = (res: Answer) =>
  [404, 410].includes(res.status) && /<h1>This link (is not known|was already used|has expired)/.test(res.text);

/** A calendar app's refusal (it shows no JSON): plain text that says what happened. */
const calendarRefusal = (res: Answer) => res.status === 404 && /^This calendar link was revoked/.test(res.text);

/** What is wrong with an answer, or null. */
function judge(spec: RouteSpec, res: Answer): string | null {
  if (spec.allow?.(res)) return null;
  if (res.status >= 500) return "a 5xx";
  if (INTERNALS.test(res.text)) return "internals in the answer";
  if (res.status >= 400 && !(res.json?.error?.message || res.json?.errors?.length))
    return "a 4xx that does not say what is wrong";
  return null;
}

/** How to reach each route with input it accepts; the fuzzer mutates from there. */
function routeSpecs(): Record<string, RouteSpec & { variants?: RouteSpec[]; optional?: boolean }> {
  const ref = { params: (i: Ids) => ({ ref: i.key }) };
  const window = { from: "2026-01-01T00:00:00Z", to: "2026-01-08T00:00:00Z" };
  const schedule = (i: Ids) => ({
    name: "fuzzed rota",
    timeZone: "UTC",
    layers: [{ users: [i.user], rotation: { type: "weekly", shiftLength: 1, start: "2026-01-05T09:00" } }],
    overrides: [],
  });
  const policy = (i: Ids) => ({
    name: "fuzzed policy",
    repeat: 1,
    levels: [
      {
        delayMinutes: 5,
        targets: [
          { type: "user", id: i.user },
          { type: "team", id: i.team },
        ],
      },
    ],
  });
  const resolver = (name: string, body: (i: Ids) => unknown): RouteSpec => ({
    params: () => ({ name }),
    fixedParams: ["name"],
    body,
  });
  return {
    "GET /healthz": {},
    // Without a built console, `/` says so with a 503: a state of the installation, not an answer to input.
    "GET /": { optional: true, allow: (res) => res.status === 503 && res.text.includes("console is not built") },
    "POST /v2/enqueue": {
      body: (i) => ({
        routing_key: i.integrationKey,
        event_action: "trigger",
        dedup_key: "fuzz",
        payload: {
          summary: "fuzzed",
          source: "fuzz",
          severity: "critical",
          timestamp: "2026-01-01T00:00:00Z",
          custom_details: { a: 1 },
        },
      }),
    },
    "POST /webhooks/alertmanager/:routingKey": {
      params: (i) => ({ routingKey: i.integrationKey }),
      body: () => ({
        version: "4",
        groupKey: '{}:{alertname="Fuzz"}',
        status: "firing",
        receiver: "firewatch",
        groupLabels: { alertname: "Fuzz" },
        commonLabels: { alertname: "Fuzz", severity: "critical" },
        commonAnnotations: { summary: "fuzzed" },
        externalURL: "http://am",
        alerts: [
          {
            status: "firing",
            labels: { alertname: "Fuzz" },
            annotations: {},
            startsAt: "2026-01-01T00:00:00Z",
            endsAt: "0001-01-01T00:00:00Z",
          },
        ],
      }),
    },
    "POST /webhooks/jira": {
      body: (i) => ({
        timestamp: 1_767_225_600_000,
        webhookEvent: "jira:issue_updated",
        issue_event_type_name: "issue_generic",
        issue: { id: i.standaloneIssue.id, key: i.standaloneIssue.key, fields: { summary: "fuzzed", labels: ["a"] } },
        changelog: { id: "1", items: [{ field: "status", fromString: "To Do", toString: "Done" }] },
      }),
    },
    "POST /webhooks/slack/events": {
      body: () => ({
        token: "t",
        team_id: "T1",
        api_app_id: "A1",
        type: "event_callback",
        event_id: "EvFUZZ",
        event_time: 1_767_225_600,
        event: { type: "message", channel: "C1", user: "U1", text: "hi", ts: "1767225600.000100" },
      }),
    },
    "POST /webhooks/slack/commands": {
      form: true,
      body: () => ({ user_id: "U1", channel_id: "C1", command: "/incident", text: "help" }),
    },
    // A click by a Slack account Firewatch does not know, on an incident that does not exist: answered, changes nothing.
    "POST /webhooks/slack/interactions": {
      form: true,
      body: () => ({
        payload: JSON.stringify({
          type: "block_actions",
          user: { id: "U1" },
          container: { type: "message", channel_id: "D1", message_ts: "1767225600.000100" },
          actions: [
            {
              action_id: "firewatch_acknowledge",
              block_id: "firewatch_page_actions",
              value: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b",
              type: "button",
            },
          ],
        }),
      }),
    },
    "POST /webhooks/statuspage/:token": {
      params: () => ({ token: STATUSPAGE_WEBHOOK_TOKEN }),
      body: () => ({
        meta: { unsubscribe: "u", documentation: "d" },
        page: { id: "p1", status_indicator: "none", status_description: "ok" },
        incident: {
          id: "i1",
          name: "fuzz",
          status: "investigating",
          impact: "minor",
          created_at: "2026-01-01T00:00:00Z",
          updated_at: "2026-01-01T00:00:00Z",
          incident_updates: [],
        },
      }),
    },
    // No page has this id: a well-formed, signed report is answered 404 and changes nothing.
    "POST /webhooks/twilio/status/:pageId": {
      form: true,
      params: () => ({ pageId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b" }),
      body: () => ({
        AccountSid: "AC" + "a".repeat(32),
        MessageSid: "SM" + "b".repeat(32),
        MessageStatus: "undelivered",
        ErrorCode: "30003",
        To: "+14155550100",
        From: "+15005550006",
        ApiVersion: "2010-04-01",
      }),
    },
    // A text from a number no page went to: answered with a text back (TwiML), changes nothing.
    "POST /webhooks/twilio/sms": {
      form: true,
      body: () => ({
        AccountSid: "AC" + "a".repeat(32),
        MessageSid: "SM" + "c".repeat(32),
        From: "+14155550100",
        To: "+15005550006",
        Body: "ack INC-1",
        NumMedia: "0",
      }),
    },
    // A key pressed in a call no page made: a well-formed, signed request is answered 404 and changes nothing.
    "POST /webhooks/twilio/voice/gather/:pageId": {
      form: true,
      params: () => ({ pageId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b" }),
      body: () => ({
        AccountSid: "AC" + "a".repeat(32),
        CallSid: "CA" + "d".repeat(32),
        CallStatus: "in-progress",
        From: "+15005550006",
        To: "+14155550100",
        Digits: "4",
      }),
    },
    // Live call routing. The fuzz service takes no calls: a signed call is answered "not taking calls" and opens
    // nothing; the steps of a call that was never placed are answered 404 and change nothing.
    "POST /webhooks/twilio/voice/:integrationKey": {
      form: true,
      params: (i) => ({ integrationKey: i.integrationKey }),
      body: () => ({ ...CALL, CallStatus: "ringing", Direction: "inbound" }),
    },
    "POST /webhooks/twilio/voice/:integrationKey/dial": {
      form: true,
      params: (i) => ({ integrationKey: i.integrationKey }),
      query: () => ({ level: "0" }),
      body: () => ({ ...CALL, DialCallStatus: "no-answer", DialCallDuration: "0" }),
    },
    "POST /webhooks/twilio/voice/:integrationKey/screen": {
      form: true,
      params: (i) => ({ integrationKey: i.integrationKey }),
      query: (i) => ({ call: CALL.CallSid, level: "0", user: i.user }),
      body: () => ({ ...CALL, CallSid: "CA" + "f".repeat(32), ParentCallSid: CALL.CallSid }),
    },
    "POST /webhooks/twilio/voice/:integrationKey/screened": {
      form: true,
      params: (i) => ({ integrationKey: i.integrationKey }),
      query: (i) => ({ call: CALL.CallSid, level: "0", user: i.user }),
      body: () => ({ ...CALL, CallSid: "CA" + "f".repeat(32), Digits: "1" }),
    },
    "POST /webhooks/twilio/voice/:integrationKey/record": {
      form: true,
      params: (i) => ({ integrationKey: i.integrationKey }),
      body: () => ({ ...CALL, RecordingUrl: RECORDING, RecordingDuration: "42", Digits: "#" }),
    },
    "POST /webhooks/twilio/voice/:integrationKey/recording": {
      form: true,
      params: (i) => ({ integrationKey: i.integrationKey }),
      body: () => ({
        AccountSid: CALL.AccountSid,
        CallSid: CALL.CallSid,
        RecordingSid: "RE" + "1".repeat(32),
        RecordingUrl: RECORDING,
        RecordingStatus: "completed",
        RecordingDuration: "42",
      }),
    },
    "POST /forge/events": {
      body: (i) => ({
        eventType: "avi:jira:updated:issue",
        issue: { id: i.siteIssue.id, key: i.siteIssue.key, fields: { summary: "fuzzed" } },
        atlassianId: i.siteAdmin,
        changelog: { items: [] },
      }),
    },
    "POST /forge/scheduled": { body: () => ({ context: {} }) },
    "POST /forge/resolvers/:name": {
      variants: [
        resolver("issue-panel", (i) => ({ issue: i.siteIssue })),
        resolver("declare-incident", (i) => ({ issue: i.siteIssue, severity: "SEV2" })),
        resolver("link-incident", (i) => ({ issue: i.siteIssue, incident: "INC-1" })),
        resolver("create-action-item", () => ({ incident: "INC-1", title: "fuzzed", dueDate: "2026-12-31" })),
        resolver("admin-settings", () => ({})),
        resolver("save-admin-settings", () => ({
          settings: {
            tickets: {
              projectKey: "CI",
              issueType: "Task",
              priorities: { SEV1: "Highest", SEV2: "High", SEV3: "Medium", SEV4: "Low" },
            },
            confluenceSpaceKey: "ENG",
          },
        })),
        resolver("postmortem-byline", () => ({ pageId: "12345" })),
        { params: () => ({ name: "no-such-resolver" }), body: () => ({}) },
      ],
    },
    "GET /api/incidents": {
      query: () => ({ status: "triggered,acknowledged", severity: "SEV1", q: "fuzz", limit: "10" }),
    },
    "POST /api/incidents": {
      body: (i) => ({ title: "fuzzed", description: "d", severity: "SEV3", serviceId: i.service }),
    },
    "GET /api/incidents/:ref": ref,
    "PATCH /api/incidents/:ref": { ...ref, body: (i) => ({ title: "renamed", severity: "SEV2", ownerId: i.user }) },
    "POST /api/incidents/:ref/notes": { ...ref, body: () => ({ body: "a note" }) },
    "POST /api/incidents/:ref/acknowledge": ref,
    "POST /api/incidents/:ref/resolve": { params: (i) => ({ ref: i.spareKey }) },
    "GET /api/incidents/:ref/jira-issues": ref,
    "POST /api/incidents/:ref/jira-issues": { ...ref, body: () => ({ projectKey: "CI", issueType: "Task" }) },
    "GET /api/incidents/:ref/timeline": {
      ...ref,
      query: () => ({ source: "firewatch", type: "note", keyMoment: "false", limit: "10" }),
    },
    "PATCH /api/incidents/:ref/timeline/:entryId": {
      params: (i) => ({ ref: i.key, entryId: i.entry }),
      body: () => ({ body: "edited", keyMoment: true }),
    },
    "GET /api/incidents/:ref/status-posts": ref,
    "POST /api/incidents/:ref/status-posts": {
      ...ref,
      body: () => ({
        status: "investigating",
        body: "looking",
        components: [{ componentId: "c1", status: "degraded_performance" }],
        deliverNotifications: false,
      }),
    },
    "GET /api/incidents/:ref/response": ref,
    "POST /api/incidents/:ref/escalate": ref,
    "POST /api/incidents/:ref/responders": { ...ref, body: (i) => ({ userId: i.user }) },
    "GET /api/incidents/:ref/subscribers": ref,
    "POST /api/incidents/:ref/subscribers": { ...ref, body: (i) => ({ teamId: i.team }) },
    "DELETE /api/incidents/:ref/subscribers/:subscriberId": {
      params: (i) => ({ ref: i.key, subscriberId: i.subscriber }),
    },
    "GET /api/incidents/:ref/status-updates": ref,
    "POST /api/incidents/:ref/status-updates": { ...ref, body: () => ({ message: "All hands on the bridge." }) },
    "POST /api/incidents/:ref/response-plays/:playId": { params: (i) => ({ ref: i.key, playId: i.play }) },
    "GET /api/incidents/:ref/channel": ref,
    "POST /api/incidents/:ref/channel": ref,
    "PATCH /api/incidents/:ref/channel": { ...ref, body: () => ({ mirrorMode: "all", mirrorReaction: "eyes" }) },
    "GET /api/incidents/:ref/postmortem/preview": {
      params: (i) => ({ ref: i.resolvedKey }),
      query: () => ({ format: "markdown" }),
    },
    "GET /api/incidents/:ref/postmortem": { params: (i) => ({ ref: i.resolvedKey }) },
    "POST /api/incidents/:ref/postmortem": { params: (i) => ({ ref: i.resolvedKey }) },
    "PATCH /api/incidents/:ref/postmortem": {
      params: (i) => ({ ref: i.resolvedKey }),
      body: () => ({ status: "in_review" }),
    },
    "GET /api/incidents/:ref/action-items": { params: (i) => ({ ref: i.resolvedKey }) },
    "POST /api/incidents/:ref/action-items": {
      params: (i) => ({ ref: i.resolvedKey }),
      body: () => ({ title: "follow up", description: "d", required: true, dueDate: "2026-12-31" }),
    },
    "GET /api/services": {},
    "POST /api/services": {
      body: (i) => ({
        name: "fuzzed service",
        description: "d",
        defaultSeverity: "SEV2",
        escalationPolicyId: i.policy,
        jira: { projectKey: "CI", issueType: "Task", priorities: { SEV1: "Highest" } },
        slack: { channelSeverities: ["SEV1"], mirrorMode: "all" },
      }),
    },
    "GET /api/services/:id": { params: (i) => ({ id: i.service }) },
    "PATCH /api/services/:id": {
      params: (i) => ({ id: i.service }),
      body: () => ({ description: "changed", defaultSeverity: "SEV1" }),
    },
    "DELETE /api/services/:id": { params: (i) => ({ id: i.spareService }) },
    "GET /api/jobs": { query: () => ({ state: "pending", limit: "10" }) },
    "POST /api/jobs/:id/retry": { params: (i) => ({ id: i.job }) },
    "GET /api/integrations": {},
    "GET /api/escalation-rules": {},
    "POST /api/escalation-rules": {
      body: (i) => ({
        name: "fuzzed rule",
        jql: "project = CI AND labels = fuzz",
        serviceId: i.service,
        severity: "SEV2",
        enabled: true,
        autoResolve: true,
        maxFires: 5,
        windowMinutes: 60,
      }),
    },
    "GET /api/escalation-rules/:id": { params: (i) => ({ id: i.rule }) },
    "PATCH /api/escalation-rules/:id": {
      params: (i) => ({ id: i.rule }),
      body: () => ({ name: "renamed rule", jql: "project = CI", enabled: false }),
    },
    "DELETE /api/escalation-rules/:id": { params: (i) => ({ id: i.spareRule }) },
    "POST /api/escalation-rules/validate": { body: () => ({ jql: "project = CI AND created > -7d" }) },
    "POST /api/escalation-rules/test": { body: (i) => ({ jql: "project = CI", issueKey: i.standaloneIssue.key }) },
    "POST /api/escalation-rules/:id/test": {
      params: (i) => ({ id: i.rule }),
      body: (i) => ({ issueKey: i.standaloneIssue.key }),
    },
    "GET /api/users": {},
    "POST /api/users": { body: () => ({ name: "Fuzzed Person", email: "fuzzed@example.com", role: "responder" }) },
    "GET /api/users/:id": { params: (i) => ({ id: i.user }) },
    "PATCH /api/users/:id": {
      params: (i) => ({ id: i.user }),
      body: () => ({ name: "Renamed Person", email: "renamed@example.com", timeZone: "Europe/Berlin", active: true }),
    },
    "DELETE /api/users/:id": { params: (i) => ({ id: i.spareUser }) },
    "POST /api/users/:id/contact-methods": {
      params: (i) => ({ id: i.user }),
      body: () => ({ kind: "email", address: "fuzzed@example.com", delayMinutes: 0 }),
    },
    "GET /api/users/:id/contact-methods": { params: (i) => ({ id: i.user }) },
    "PATCH /api/users/:id/contact-methods/:contactMethodId": {
      params: (i) => ({ id: i.user, contactMethodId: i.contact }),
      body: () => ({
        kind: "email",
        address: "changed@example.com",
        rules: [{ delayMinutes: 0 }, { delayMinutes: 5 }],
      }),
    },
    "DELETE /api/users/:id/contact-methods/:contactMethodId": {
      params: (i) => ({ id: i.user, contactMethodId: i.spareContact }),
    },
    "POST /api/users/:id/contact-methods/:contactMethodId/test": {
      params: (i) => ({ id: i.user, contactMethodId: i.contact }),
    },
    "GET /api/users/:id/oncall.ics": { params: (i) => ({ id: i.user }), query: () => window },
    "POST /api/users/:id/tokens": { params: (i) => ({ id: i.user }), body: () => ({ name: "fuzzed token" }) },
    "GET /api/users/:id/tokens": { params: (i) => ({ id: i.user }) },
    "GET /api/users/:id/calendar-feed": { params: (i) => ({ id: i.user }) },
    "POST /api/users/:id/calendar-feed": { params: (i) => ({ id: i.user }), body: () => ({}) },
    "DELETE /api/users/:id/calendar-feed": { params: (i) => ({ id: i.user }) },
    "DELETE /api/users/:id/tokens/:tokenId": { params: (i) => ({ id: i.user, tokenId: i.spareToken }) },
    "GET /api/schedules": {},
    "POST /api/schedules": { body: schedule },
    "GET /api/schedules/:id": { params: (i) => ({ id: i.schedule }) },
    "PUT /api/schedules/:id": { params: (i) => ({ id: i.schedule }), body: schedule },
    "GET /api/schedules/:id/oncall": { params: (i) => ({ id: i.schedule }), query: () => window },
    "POST /api/schedules/:id/overrides": {
      params: (i) => ({ id: i.schedule }),
      body: (i) => ({ user: i.user, start: "2026-01-01T00:00:00Z", end: "2026-01-02T00:00:00Z" }),
    },
    "DELETE /api/schedules/:id/overrides/:index": { params: (i) => ({ id: i.schedule, index: "0" }) },
    "GET /api/schedules/:id/ical": { params: (i) => ({ id: i.schedule }), query: (i) => ({ ...window, user: i.user }) },
    "POST /api/escalation-policies": { body: policy },
    "PUT /api/escalation-policies/:id": { params: (i) => ({ id: i.policy }), body: policy },
    "GET /api/escalation-policies/:id": { params: (i) => ({ id: i.policy }) },
    "GET /api/escalation-policies": {},
    "POST /api/teams": { body: (i) => ({ name: "Fuzzed team", members: [i.user] }) },
    "GET /api/teams": {},
    "GET /api/teams/:id": { params: (i) => ({ id: i.team }) },
    "PATCH /api/teams/:id": {
      params: (i) => ({ id: i.team }),
      body: (i) => ({ name: "Renamed team", members: [i.user] }),
    },
    "DELETE /api/teams/:id": { params: (i) => ({ id: i.spareTeam }) },
    "GET /api/response-plays": {},
    "POST /api/response-plays": {
      body: (i) => ({
        name: "Fuzzed play",
        addResponders: [{ type: "team", id: i.team }],
        addSubscribers: [{ userId: i.user }, { email: "cfo@example.com" }],
        conferenceBridge: { url: "https://meet.example.com/fuzz", dialIn: "+1 555 0100,,1#" },
        postToChannel: "Bridge open",
        statusUpdate: "We are on it.",
      }),
    },
    "GET /api/response-plays/:id": { params: (i) => ({ id: i.play }) },
    "PUT /api/response-plays/:id": {
      params: (i) => ({ id: i.play }),
      body: (i) => ({ name: "Renamed play", addSubscribers: [{ teamId: i.team }] }),
    },
    "DELETE /api/response-plays/:id": { params: (i) => ({ id: i.sparePlay }) },
    "DELETE /api/escalation-policies/:id": { params: (i) => ({ id: i.sparePolicy }) },
    "GET /api/action-items": {
      query: (i) => ({
        status: "open",
        overdue: "false",
        service: i.service,
        severity: "SEV2",
        sort: "due",
        limit: "10",
      }),
    },
    "GET /api/reports/incidents": { query: () => ({ from: "2025-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }) },
    "GET /api/reports/drills": { query: () => ({ from: "2025-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }) },
    "GET /api/reports/oncall": { query: () => ({ from: "2026-10-01T00:00:00Z", to: "2026-12-31T00:00:00Z" }) },
    "GET /api/me": {},
    "POST /api/session": { body: () => ({ token: ADMIN_TOKEN }) },
    "DELETE /api/session": {},
    "DELETE /api/session/current": {},
    // A page's one-time links answer with small HTML pages, not JSON: 404 unknown, 410 used or expired.
    "GET /act/:token": { params: (i) => ({ token: i.actToken }), allow: linkPage },
    "POST /act/:token": { params: (i) => ({ token: i.actToken }), allow: linkPage },
    "GET /signin/:token": { params: (i) => ({ token: i.signInToken }), allow: linkPage },
    "POST /signin/:token": { params: (i) => ({ token: i.signInToken }), allow: linkPage },
    "GET /calendar/:file": { params: (i) => ({ file: i.calendarFile }), allow: calendarRefusal },
    "GET /api/settings/incidents": {},
    "PUT /api/settings/incidents": { body: () => ({ defaultServiceId: null }) },
  };
}
