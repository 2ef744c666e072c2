// Per-client brakes over real HTTP: failed sign-ins (bad API tokens, Forge invocation tokens, webhook
// signatures and tokens) are counted per client address and refused with 429 past the budget; the public
// webhook routes have a request budget per client, answered in each sender's own terms (PagerDuty 429,
// Alertmanager 503 because it retries only 5xx). Distinct clients are distinct loopback source addresses
// (127.0.0.x, all on Linux's `lo`), so nothing depends on X-Forwarded-For unless a proxy is configured.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForgePlatform } from "../../stand-ins/forge/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { ADMIN_TOKEN, startTestService, type TestService } from "../support/running-service.ts";

const FAILURES = 3;
const STATUSPAGE_TOKEN = "statuspage-token-for-the-limit-test";
const WEBHOOK_BUDGET = 5;

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: any;
}

/** One request from the client at `from` (a loopback address), so the service sees that peer address. */
function send(
  base: string,
  from: string,
  path: string,
  init: { method?: string; token?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Answer> {
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, localAddress: from },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const event = (routingKey: string, n: number) => ({
  routing_key: routingKey,
  event_action: "trigger",
  dedup_key: `burst-${n}`,
  payload: { summary: `disk ${n}`, source: "db-1", severity: "error" },
});

describe.each(DATABASE_KINDS)("per-client limits on $name", (kind) => {
  const forge = new ForgePlatform();
  let svc: TestService;
  let integrationKey: string;
  const as = (from: string) => (path: string, init?: Parameters<typeof send>[3]) => send(svc.url, from, path, init);

  beforeAll(async () => {
    await forge.start();
    svc = await startTestService(kind, {
      env: {
        FORGE_APP_ID: forge.appAri,
        FORGE_JWKS_URL: forge.jwksUrl,
        FIREWATCH_AUTH_FAILURE_LIMIT: String(FAILURES),
        FIREWATCH_WEBHOOK_RATE_PER_MINUTE: String(WEBHOOK_BUDGET),
        STATUSPAGE_WEBHOOK_TOKEN: STATUSPAGE_TOKEN,
        SLACK_SIGNING_SECRET: "slack-signing-secret-for-the-limit-test",
        JIRA_WEBHOOK_SECRET: "jira-secret-for-the-limit-test",
      },
    });
    integrationKey = (await svc.createService("limits")).integrationKey;
  });
  afterAll(async () => {
    await svc?.stop();
    await forge.stop();
  });

  it("refuses a client after its failed sign-ins with 429 and Retry-After; another client with a valid token still gets 200", async () => {
    const attacker = as("127.0.0.11");
    const other = as("127.0.0.12");
    for (let i = 0; i < FAILURES; i++) expect((await attacker("/api/me", { token: `fw_guess_${i}` })).status).toBe(401);

    const refused = await attacker("/api/me", { token: "fw_guess_again" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("AUTH.TOO_MANY_FAILURES");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.headers.ratelimit).toMatch(/^"failed-sign-ins"; r=0; t=\d+$/);
    expect(refused.headers["ratelimit-policy"]).toMatch(new RegExp(`^"failed-sign-ins"; q=${FAILURES}; w=\\d+`));
    // Refused before the token is looked at: a right guess from this address gets no answer either.
    expect((await attacker("/api/me", { token: ADMIN_TOKEN })).status).toBe(429);

    expect((await other("/api/me", { token: ADMIN_TOKEN })).status).toBe(200);
    expect((await other("/api/me", { token: "fw_wrong" })).status).toBe(401);
  });

  it("does not count successful calls toward the limit", async () => {
    const client = as("127.0.0.13");
    expect((await client("/api/me", { token: "fw_typo" })).status).toBe(401);
    for (let i = 0; i < 3 * FAILURES; i++) expect((await client("/api/me", { token: ADMIN_TOKEN })).status).toBe(200);
    // Concurrent successes in flight do not count either.
    const burst = await Promise.all(
      Array.from({ length: 3 * FAILURES }, () => client("/api/me", { token: ADMIN_TOKEN })),
    );
    expect(burst.map((a) => a.status)).toEqual(burst.map(() => 200));
    for (let i = 1; i < FAILURES; i++) expect((await client("/api/me", { token: `fw_typo_${i}` })).status).toBe(401);
    expect((await client("/api/me", { token: ADMIN_TOKEN })).status).toBe(429);
  });

  it("believes no X-Forwarded-For by default: a refused client cannot claim another address", async () => {
    const client = as("127.0.0.14");
    for (let i = 0; i < FAILURES; i++)
      expect(
        (await client("/api/me", { token: `fw_${i}`, headers: { "x-forwarded-for": `203.0.113.${i}` } })).status,
      ).toBe(401);
    expect(
      (await client("/api/me", { token: ADMIN_TOKEN, headers: { "x-forwarded-for": "203.0.113.200" } })).status,
    ).toBe(429);
  });

  it.each([
    [
      "a Forge invocation token",
      "127.0.0.21",
      (c: ReturnType<typeof as>, i: number) =>
        c("/forge/events", {
          token: `eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJmb3JnZS9pbnZvY2F0aW9uLXRva2VuIn0.c2lnbmF0dXJl${i}`,
          json: { eventType: "avi:jira:created:issue" },
        }),
    ],
    [
      "a Statuspage webhook token",
      "127.0.0.22",
      (c: ReturnType<typeof as>, i: number) => c(`/webhooks/statuspage/not-the-token-${i}`, { json: { page: {} } }),
    ],
    [
      "a Slack signature",
      "127.0.0.23",
      (c: ReturnType<typeof as>, i: number) =>
        c("/webhooks/slack/events", {
          json: { type: "url_verification", challenge: "x" },
          headers: {
            "x-slack-signature": `v0=${"0".repeat(63)}${i}`,
            "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)),
          },
        }),
    ],
    [
      "a Jira webhook signature",
      "127.0.0.24",
      (c: ReturnType<typeof as>, i: number) =>
        c("/webhooks/jira", {
          json: { webhookEvent: "jira:issue_updated" },
          headers: { "x-hub-signature": `sha256=${"0".repeat(63)}${i}`, "x-atlassian-webhook-identifier": `id-${i}` },
        }),
    ],
  ])("counts a bad %s as a failed sign-in", async (_what, from, attempt) => {
    const client = as(from);
    for (let i = 0; i < FAILURES; i++) expect((await attempt(client, i)).status).toBe(401);
    const refused = await attempt(client, FAILURES);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // The same address's alerts are not held back by its failed sign-ins.
    expect((await client("/v2/enqueue", { json: event(integrationKey, 0) })).status).toBe(202);
  });

  it("answers Events v2 past the per-client budget with PagerDuty's 429, and another client is unaffected", async () => {
    const flood = as("127.0.0.31");
    for (let i = 0; i < WEBHOOK_BUDGET; i++) {
      const accepted = await flood("/v2/enqueue", { json: event(integrationKey, i) });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.ratelimit).toMatch(new RegExp(`^"events-v2"; r=${WEBHOOK_BUDGET - i - 1}; t=\\d+$`));
    }
    const throttled = await flood("/v2/enqueue", { json: event(integrationKey, WEBHOOK_BUDGET) });
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({
      status: "throttle exceeded",
      message: expect.stringMatching(/retry in \d+ s/),
    });
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);

    expect((await as("127.0.0.32")("/v2/enqueue", { json: event(integrationKey, 100) })).status).toBe(202);
  });

  it("answers Alertmanager past the budget with 503 and Retry-After, which it retries (a 4xx would drop the alert)", async () => {
    const flood = as("127.0.0.33");
    const payload = (n: number) => ({
      version: "4",
      groupKey: `{}:{alertname="Disk${n}"}`,
      status: "firing",
      receiver: "firewatch",
      groupLabels: { alertname: `Disk${n}` },
      commonLabels: { alertname: `Disk${n}` },
      commonAnnotations: {},
      externalURL: "http://alertmanager:9093",
      alerts: [
        {
          status: "firing",
          labels: { alertname: `Disk${n}` },
          annotations: {},
          startsAt: "2026-03-02T10:00:00Z",
          endsAt: "0001-01-01T00:00:00Z",
          fingerprint: `f${n}`,
        },
      ],
    });
    for (let i = 0; i < WEBHOOK_BUDGET; i++)
      expect((await flood(`/webhooks/alertmanager/${integrationKey}`, { json: payload(i) })).status).toBe(200);
    const throttled = await flood(`/webhooks/alertmanager/${integrationKey}`, { json: payload(WEBHOOK_BUDGET) });
    expect(throttled.status).toBe(503);
    expect(throttled.body.error.code).toBe("REQUEST.RATE_LIMITED");
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
    expect((await as("127.0.0.34")(`/webhooks/alertmanager/${integrationKey}`, { json: payload(100) })).status).toBe(
      200,
    );
  });

  it("keeps a budget per webhook route: a flood of Statuspage requests leaves the client's Events v2 alone", async () => {
    const client = as("127.0.0.35");
    const statuspage = () =>
      client(`/webhooks/statuspage/${STATUSPAGE_TOKEN}`, { json: { neither: "incident nor component" } });
    for (let i = 0; i < WEBHOOK_BUDGET; i++) expect((await statuspage()).status).toBe(400);
    const throttled = await statuspage();
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe("REQUEST.RATE_LIMITED");
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThan(0);
    expect((await client("/v2/enqueue", { json: event(integrationKey, 200) })).status).toBe(202);
  });
});

describe("behind a proxy (FIREWATCH_TRUST_PROXY)", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(DATABASE_KINDS[0]!, {
      env: { FIREWATCH_AUTH_FAILURE_LIMIT: String(FAILURES), FIREWATCH_TRUST_PROXY: "loopback" },
    });
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it("tells clients apart by the address the trusted proxy forwards", async () => {
    const proxy = (client: string, token: string) =>
      send(svc.url, "127.0.0.41", "/api/me", { token, headers: { "x-forwarded-for": client } });
    for (let i = 0; i < FAILURES; i++) expect((await proxy("198.51.100.7", `fw_${i}`)).status).toBe(401);
    expect((await proxy("198.51.100.7", ADMIN_TOKEN)).status).toBe(429);
    expect((await proxy("198.51.100.8", ADMIN_TOKEN)).status).toBe(200);
  });
});
