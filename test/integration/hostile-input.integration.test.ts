// Input that once made the service answer 500 (issue 13, item 5) gets a 4xx naming the problem, and leaves
// nothing behind: a body that is not the gzip its Content-Encoding says, an encoding nobody supports, a NUL
// or an unpaired surrogate in any string (PostgreSQL text and jsonb cannot hold them), an e-mail that is
// taken, an instant or a cursor PostgreSQL cannot store, and nesting deep enough to overflow the JavaScript
// stack — whose engine message must never reach the caller. Each webhook is sent signed, so the parsers are
// reached. A case marked (route fuzz) is a 500 test/integration/route-fuzz turned up.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import {
  STATUSPAGE_WEBHOOK_TOKEN,
  startHostileWorld,
  type Answer,
  type HostileRequest,
  type HostileWorld,
} from "../support/hostile-client.ts";
import { databaseFingerprint } from "../support/database-fingerprint.ts";

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8"));
const json = { "content-type": "application/json" };
const form = { "content-type": "application/x-www-form-urlencoded" };
const NUL = "\u0000";
/** The message of an answer: Firewatch's `error.message`, or the `errors` of a PagerDuty-style one. */
const said = (res: Answer): string => res.json?.error?.message ?? res.json?.errors?.join("; ") ?? res.text;
/** `[[[…]]]` `depth` deep: JSON.parse reads it, but anything recursive over it overflows the stack. */
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

interface Case {
  what: string;
  request: (w: HostileWorld) => HostileRequest;
  status: number;
  /** What the answer must say: the field, or the problem. */
  says: RegExp;
}

const slackEvent = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...fixture("slack/message.json"), ...changes });
const eventsV2 = (w: HostileWorld, changes: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => {
  const body = fixture("pagerduty/trigger.json");
  return JSON.stringify({
    ...body,
    routing_key: w.integrationKey,
    ...changes,
    payload: { ...body.payload, ...payload },
  });
};
const statuspagePath = `/webhooks/statuspage/${STATUSPAGE_WEBHOOK_TOKEN}`;

/** Every route that reads a body, with a body it would accept and the content type it wants. */
const bodyRoutes: { route: string; request: (w: HostileWorld) => Omit<HostileRequest, "method"> }[] = [
  {
    route: "POST /api/incidents",
    request: () => ({ path: "/api/incidents", headers: json, body: JSON.stringify({ title: "x" }) }),
  },
  {
    route: "POST /webhooks/alertmanager/:routingKey",
    request: (w) => ({
      path: `/webhooks/alertmanager/${w.integrationKey}`,
      headers: json,
      body: JSON.stringify(fixture("alertmanager/firing.json")),
    }),
  },
  { route: "POST /v2/enqueue", request: (w) => ({ path: "/v2/enqueue", headers: json, body: eventsV2(w) }) },
  {
    route: "POST /webhooks/jira",
    request: () => ({
      path: "/webhooks/jira",
      headers: json,
      body: JSON.stringify(fixture("jira/issue_created.json")),
    }),
  },
  {
    route: "POST /webhooks/slack/events",
    request: () => ({ path: "/webhooks/slack/events", headers: json, body: slackEvent({}) }),
  },
  {
    route: "POST /webhooks/slack/commands",
    request: () => ({
      path: "/webhooks/slack/commands",
      headers: form,
      body: readFileSync(new URL("../fixtures/slack/slash-command.txt", import.meta.url), "utf8").trim(),
    }),
  },
  {
    route: "POST /webhooks/statuspage/:token",
    request: () => ({
      path: statuspagePath,
      headers: json,
      body: JSON.stringify(fixture("statuspage/incident-webhook.json")),
    }),
  },
  {
    route: "POST /forge/events",
    request: () => ({
      path: "/forge/events",
      headers: json,
      body: JSON.stringify({ eventType: "avi:jira:created:issue" }),
    }),
  },
  {
    route: "POST /forge/resolvers/:name",
    request: () => ({ path: "/forge/resolvers/admin-settings", headers: json, body: "{}" }),
  },
];

const encodingCases: Case[] = bodyRoutes.flatMap(({ route, request }) => [
  {
    what: `${route}: a body that is not the gzip its Content-Encoding says`,
    request: (w) => ({
      ...request(w),
      method: "POST",
      headers: { ...request(w).headers, "content-encoding": "gzip" },
      body: "this is not gzip at all",
    }),
    status: 400,
    says: /not valid gzip/,
  },
  {
    what: `${route}: a gzip body cut short`,
    request: (w) => ({
      ...request(w),
      method: "POST",
      headers: { ...request(w).headers, "content-encoding": "gzip" },
      body: gzipSync(String(request(w).body)).subarray(0, 20),
    }),
    status: 400,
    says: /not valid gzip/,
  },
  {
    what: `${route}: a Content-Encoding nobody supports`,
    request: (w) => ({
      ...request(w),
      method: "POST",
      headers: { ...request(w).headers, "content-encoding": "compress" },
      body: "x",
    }),
    status: 415,
    says: /Content-Encoding "compress".*gzip/,
  },
]);

const characterCases: Case[] = [
  {
    what: "a NUL in an incident title",
    request: () => ({
      method: "POST",
      path: "/api/incidents",
      headers: json,
      body: JSON.stringify({ title: `disk${NUL}full` }),
    }),
    status: 400,
    says: /`title`.*NUL/,
  },
  {
    what: "an unpaired surrogate in an incident title",
    request: () => ({ method: "POST", path: "/api/incidents", headers: json, body: '{"title": "disk \\ud800 full"}' }),
    status: 400,
    says: /`title`.*unpaired surrogate/,
  },
  {
    what: "a NUL in a service name",
    request: () => ({
      method: "POST",
      path: "/api/services",
      headers: json,
      body: JSON.stringify({ name: `pay${NUL}ments` }),
    }),
    status: 400,
    says: /`name`.*NUL/,
  },
  {
    what: "a NUL in a key of a body",
    request: () => ({
      method: "POST",
      path: "/api/incidents",
      headers: json,
      body: JSON.stringify({ title: "x", [`a${NUL}`]: 1 }),
    }),
    status: 400,
    says: /key.*NUL/,
  },
  {
    what: "a NUL in a search",
    request: () => ({ method: "GET", path: "/api/incidents?q=disk%00full" }),
    status: 400,
    says: /`q`.*NUL/,
  },
  {
    what: "a NUL in a path parameter",
    request: () => ({ method: "GET", path: "/api/incidents/INC-1%00" }),
    status: 400,
    says: /path.*NUL/,
  },
  {
    what: "a path that is not percent-encoded UTF-8",
    request: () => ({ method: "GET", path: "/api/incidents/%FF%FE" }),
    status: 400,
    says: /path.*%FF%FE.*UTF-8/,
  },
  {
    what: "a NUL in an Events v2 dedup_key",
    request: (w) => ({
      method: "POST",
      path: "/v2/enqueue",
      headers: json,
      body: eventsV2(w, { dedup_key: `k${NUL}` }),
    }),
    status: 400,
    says: /dedup_key.*NUL/,
  },
  {
    what: "a NUL in a key of Events v2 custom_details",
    request: (w) => ({
      method: "POST",
      path: "/v2/enqueue",
      headers: json,
      body: eventsV2(w, {}, { custom_details: { [`load${NUL}`]: 1 } }),
    }),
    status: 400,
    says: /custom_details.*NUL/,
  },
  {
    what: "a NUL in an Alertmanager label",
    request: (w) => ({
      method: "POST",
      path: `/webhooks/alertmanager/${w.integrationKey}`,
      headers: json,
      body: JSON.stringify({ ...fixture("alertmanager/firing.json"), receiver: `r${NUL}` }),
    }),
    status: 400,
    says: /`receiver`.*NUL/,
  },
  {
    what: "a NUL in a Slack event_id",
    request: () => ({
      method: "POST",
      path: "/webhooks/slack/events",
      headers: json,
      body: slackEvent({ event_id: `Ev${NUL}1` }),
    }),
    status: 400,
    says: /`event_id`.*NUL/,
  },
  {
    what: "a NUL in a slash command",
    request: () => ({
      method: "POST",
      path: "/webhooks/slack/commands",
      headers: form,
      body: "user_id=U1&channel_id=C1&command=%2Fincident&text=declare%00x",
    }),
    status: 400,
    says: /`text`.*NUL/,
  },
  {
    what: "a NUL in a Jira webhook",
    request: () => ({
      method: "POST",
      path: "/webhooks/jira",
      headers: json,
      body: JSON.stringify({ ...fixture("jira/issue_created.json"), webhookEvent: `jira:issue_created${NUL}` }),
    }),
    status: 400,
    says: /`webhookEvent`.*NUL/,
  },
  {
    what: "a NUL in a Statuspage webhook",
    request: () => ({
      method: "POST",
      path: statuspagePath,
      headers: json,
      body: JSON.stringify({ ...fixture("statuspage/incident-webhook.json"), page: { id: `p${NUL}` } }),
    }),
    status: 400,
    says: /`page.id`.*NUL/,
  },
  {
    what: "a NUL in a Forge event",
    request: () => ({
      method: "POST",
      path: "/forge/events",
      headers: json,
      body: JSON.stringify({ eventType: `avi:jira:created:issue${NUL}` }),
    }),
    status: 400,
    says: /`eventType`.*NUL/,
  },
];

const cursor = (text: string) => Buffer.from(text).toString("base64url");

const otherCases: Case[] = [
  {
    what: "an incident list cursor past a 32-bit integer",
    request: () => ({ method: "GET", path: "/api/incidents?cursor=99999999999" }),
    status: 400,
    says: /`cursor`/,
  },
  {
    what: "an incident list cursor of 1e308",
    request: () => ({ method: "GET", path: "/api/incidents?cursor=1e308" }),
    status: 400,
    says: /`cursor`/,
  },
  {
    what: "a report from year 0 (route fuzz)",
    request: () => ({
      method: "GET",
      path: "/api/reports/incidents?from=0000-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
    }),
    status: 400,
    says: /`from`.*0001/,
  },
  {
    what: "an on-call window to year 0",
    request: () => ({
      method: "GET",
      path: `/api/users/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}/oncall.ics?from=0000-01-01T00:00:00Z&to=0000-01-02T00:00:00Z`,
    }),
    status: 400,
    says: /`from`.*0001/,
  },
  {
    what: "an action item due in year 0",
    request: (w) => ({
      method: "POST",
      path: `/api/incidents/${w.incidentKey}/action-items`,
      headers: json,
      body: JSON.stringify({ title: "x", dueDate: "0000-01-01" }),
    }),
    status: 400,
    says: /`dueDate`.*0001/,
  },
  {
    what: "a timeline cursor past year 275760",
    request: (w) => ({
      method: "GET",
      path: `/api/incidents/${w.incidentKey}/timeline?cursor=${cursor("99999999999999999:1")}`,
    }),
    status: 400,
    says: /`cursor`/,
  },
  {
    what: "a timeline cursor past the largest bigint",
    request: (w) => ({
      method: "GET",
      path: `/api/incidents/${w.incidentKey}/timeline?cursor=${cursor("1:99999999999999999999")}`,
    }),
    status: 400,
    says: /`cursor`/,
  },
  {
    what: "an Events v2 timestamp in year 99999",
    request: (w) => ({
      method: "POST",
      path: "/v2/enqueue",
      headers: json,
      body: eventsV2(w, {}, { timestamp: "+099999-01-01T00:00:00Z" }),
    }),
    status: 400,
    says: /payload.timestamp/,
  },
  {
    what: "an Events v2 timestamp before year 1",
    request: (w) => ({
      method: "POST",
      path: "/v2/enqueue",
      headers: json,
      body: eventsV2(w, {}, { timestamp: "-000001-01-01T00:00:00Z" }),
    }),
    status: 400,
    says: /payload.timestamp/,
  },
  {
    what: "a body nested 10,000 deep",
    request: () => ({
      method: "POST",
      path: "/api/incidents",
      headers: json,
      body: `{"title": "x", "description": ${nested(10_000)}}`,
    }),
    status: 400,
    says: /`description\[0\]\[0\]\[0\]…` nests more than 64 levels deep/,
  },
  {
    what: "an Events v2 body nested 10,000 deep",
    request: (w) => ({
      method: "POST",
      path: "/v2/enqueue",
      headers: json,
      body: eventsV2(w, {}, { custom_details: { window: "DEEP" } }).replace('"DEEP"', nested(10_000)),
    }),
    status: 400,
    says: /`payload.custom_details.window\[0\]…` nests more than 64 levels deep/,
  },
  {
    what: "a Jira webhook nested 10,000 deep",
    request: () => ({
      method: "POST",
      path: "/webhooks/jira",
      headers: json,
      body: `{"webhookEvent": "jira:issue_created", "issue": ${nested(10_000)}}`,
    }),
    status: 400,
    says: /`issue\[0\]\[0\]\[0\]…` nests more than 64 levels deep/,
  },
  {
    what: "a Forge resolver call nested 10,000 deep",
    request: () => ({
      method: "POST",
      path: "/forge/resolvers/issue-panel",
      headers: json,
      body: `{"issue": ${nested(10_000)}}`,
    }),
    status: 400,
    says: /`issue\[0\]\[0\]\[0\]…` nests more than 64 levels deep/,
  },
  {
    what: "JQL nested 2,000 parentheses deep",
    request: () => ({
      method: "POST",
      path: "/api/escalation-rules",
      headers: json,
      body: JSON.stringify({
        name: "deep",
        jql: `${"(".repeat(2000)}project = CI${")".repeat(2000)}`,
        serviceId: "6f1c2d3e-0000-4000-8000-000000000000",
      }),
    }),
    status: 400,
    says: /nested too deeply/,
  },
];

describe.each(DATABASE_KINDS)("hostile input on $name", (kind) => {
  let w: HostileWorld;

  beforeAll(async () => {
    w = await startHostileWorld(kind);
    await w.world.svc.worker.drain(); // nothing runs in the background: the database changes only by requests
    await w.send({ method: "POST", path: "/forge/resolvers/admin-settings", headers: json, body: "{}" }); // the site's first contact
  });
  afterAll(() => w?.stop());

  it.each([...encodingCases, ...characterCases, ...otherCases])(
    "$what → $status naming it, nothing written",
    async (c) => {
      const before = await databaseFingerprint(w.world.svc.database.prisma);
      const res = await w.send(c.request(w));
      expect({ status: res.status, said: said(res) }).toEqual({
        status: c.status,
        said: expect.stringMatching(c.says),
      });
      expect(res.text).not.toMatch(/call stack|RangeError|TypeError|Z_DATA_ERROR|incorrect header/);
      expect(await databaseFingerprint(w.world.svc.database.prisma)).toEqual(before);
    },
  );

  it("answers an e-mail that is taken with 409 USER.EMAIL_TAKEN naming it, whatever its case", async () => {
    const first = await w.send({
      method: "POST",
      path: "/api/users",
      headers: json,
      body: JSON.stringify({ name: "Ada", email: "ada@example.com" }),
    });
    expect(first.status).toBe(201);
    const before = await databaseFingerprint(w.world.svc.database.prisma);
    const again = await w.send({
      method: "POST",
      path: "/api/users",
      headers: json,
      body: JSON.stringify({ name: "Ada again", email: "Ada@Example.com" }),
    });
    expect({ status: again.status, code: again.json?.error?.code }).toEqual({ status: 409, code: "USER.EMAIL_TAKEN" });
    expect(again.json.error.message).toContain("ada@example.com");
    expect(await databaseFingerprint(w.world.svc.database.prisma)).toEqual(before);
  });

  it("says JQL is nested too deeply where the engine would have said its stack overflowed", async () => {
    const res = await w.send({
      method: "POST",
      path: "/api/escalation-rules/validate",
      headers: json,
      body: JSON.stringify({ jql: `${"!".repeat(9_000)}project = CI` }),
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ valid: false, error: { message: expect.stringMatching(/nested too deeply/) } });
    expect(res.text).not.toMatch(/call stack/);
  });
});
