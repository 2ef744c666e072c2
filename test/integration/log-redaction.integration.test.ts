// No secret reaches a log line. The service runs at the most verbose level ("trace") with its log captured,
// while every /api and /forge route (found by walking the app's router) and every webhook is called with
// credentials that are distinctive strings: API tokens (Bearer and Basic), a cookie, a query-string token,
// Forge invocation and app tokens, the Slack, Twilio and Jira signatures, the Statuspage token in the path,
// integration keys in paths and bodies. Then the log is searched for each of them.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORGE_RESOLVERS } from "../../sync-service/src/web/forge/forge-resolvers.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";
import { eventually } from "../support/running-service.ts";
import { routesOf } from "../support/app-routes.ts";

const mark = (what: string) => `${what}-${randomBytes(12).toString("hex")}`;
const fixture = (path: string) => fs.readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
const hmac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("hex");

const ADMIN_TOKEN = mark("admin-token");
const JIRA_WEBHOOK_SECRET = mark("jira-webhook-secret");
const SLACK_SIGNING_SECRET = mark("slack-signing-secret");
const STATUSPAGE_WEBHOOK_TOKEN = mark("statuspage-token");

describe.each(DATABASE_KINDS)("no secret in the log on $name", (kind) => {
  const lines: string[] = [];
  /** What must not be logged, by what it is. */
  const secrets: Record<string, string> = {
    ADMIN_TOKEN,
    JIRA_WEBHOOK_SECRET,
    SLACK_SIGNING_SECRET,
    STATUSPAGE_WEBHOOK_TOKEN,
  };
  /** Requests that go through the request log (all but the PagerDuty intake, which is not logged). */
  let logged = 0;
  let w: ForgeWorld;
  let site: ForgeSiteWorld;

  const send = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
  ) => {
    if (!path.startsWith("/v2/")) logged++;
    const res = await fetch(`${w.svc.url}${path}`, {
      method: init.method ?? "POST",
      headers: init.headers,
      body: init.body,
    });
    await res.arrayBuffer();
    return res.status;
  };

  beforeAll(async () => {
    w = await startForgeWorld(kind, ["acme"], {
      // Every route is asked with credentials it refuses too; the per-client brake must not answer those instead.
      env: {
        LOG_LEVEL: "trace",
        FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN,
        JIRA_WEBHOOK_SECRET,
        SLACK_SIGNING_SECRET,
        STATUSPAGE_WEBHOOK_TOKEN,
        FIREWATCH_AUTH_FAILURE_LIMIT: "100000",
      },
      logDestination: { write: (line: string) => void lines.push(line) },
    });
    site = w.sites[0]!;
    const admin = (method: string, path: string, json?: unknown) =>
      w.svc.api(path, { method, token: ADMIN_TOKEN, json }).then((r) => r.json() as Promise<Record<string, string>>);
    secrets.INTEGRATION_KEY = (await admin("POST", "/api/services", { name: "checkout" })).integrationKey!;
    const { userId } = await admin("GET", "/api/me");
    secrets.API_TOKEN = (await admin("POST", `/api/users/${userId}/tokens`, { name: "log test" })).token!;
    await driveApi();
    await driveForge();
    await driveWebhooks();
    // Let the jobs those calls queued run (their failures are logged too).
    const { prisma } = w.svc.database;
    await eventually(
      "the outbox to settle",
      async () =>
        (await prisma.job.count({
          where: { OR: [{ state: "running" }, { state: "pending", runAt: { lte: new Date() } }] },
        })) === 0 || undefined,
      60_000,
    );
  }, 120_000);
  afterAll(() => w?.stop());

  const filled = (route: string) =>
    route.replace(/:(\w+)/g, (_m, name: string) => (name === "ref" ? "INC-1" : name === "index" ? "0" : randomUUID()));

  async function driveApi() {
    secrets.COOKIE = mark("session-cookie");
    secrets.QUERY_TOKEN = mark("query-token");
    secrets.BASIC_PASSWORD = mark("basic-password");
    secrets.BASIC_CREDENTIALS = Buffer.from(`someone@example.com:${secrets.BASIC_PASSWORD}`).toString("base64");
    const routes = routesOf(w.svc.app).filter((r) => r.includes(" /api/"));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const body = ["POST", "PUT", "PATCH"].includes(method) ? "{}" : undefined;
      const headers = { "content-type": "application/json", cookie: `fw_session=${secrets.COOKIE}` };
      await send(`${filled(path)}?token=${secrets.QUERY_TOKEN}`, {
        method,
        body,
        headers: { ...headers, authorization: `Bearer ${secrets.API_TOKEN}` },
      });
      await send(filled(path), { method, body, headers: { ...headers, authorization: `Bearer ${ADMIN_TOKEN}` } });
      await send(filled(path), {
        method,
        body,
        headers: { ...headers, authorization: `Basic ${secrets.BASIC_CREDENTIALS}` },
      });
    }
  }

  /** Every /api and /forge route as the Forge app calls them: an invocation token and the app's token for Jira. */
  async function driveForge() {
    const routes = routesOf(w.svc.app).filter((r) => r.includes(" /api/") || r.includes(" /forge/"));
    let n = 0;
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const paths = path.endsWith("/:name")
        ? Object.keys(FORGE_RESOLVERS).map((name) => path.replace(":name", name))
        : [filled(path)];
      for (const p of paths) {
        const fit = await site.installation.fit(site.admin);
        const appToken = site.jira.issueAppToken();
        secrets[`FORGE_INVOCATION_TOKEN_${++n}`] = fit;
        secrets[`FORGE_APP_TOKEN_${n}`] = appToken;
        const body =
          method === "GET"
            ? undefined
            : p === "/forge/events"
              ? JSON.stringify({ eventType: "avi:forge:installed:app" })
              : "{}";
        await send(p, {
          method,
          body,
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${fit}`,
            "x-forge-oauth-system": appToken,
          },
        });
      }
    }
    secrets.FORGED_INVOCATION_TOKEN = `${mark("forged")}.${mark("claims")}.${mark("signature")}`;
    await send("/forge/events", {
      body: "{}",
      headers: { "content-type": "application/json", authorization: `Bearer ${secrets.FORGED_INVOCATION_TOKEN}` },
    });
  }

  async function driveWebhooks() {
    const key = secrets.INTEGRATION_KEY!;
    const trigger = { ...JSON.parse(fixture("pagerduty/trigger.json")), routing_key: key };
    expect(
      await send("/v2/enqueue", { body: JSON.stringify(trigger), headers: { "content-type": "application/json" } }),
    ).toBe(202);
    expect(
      await send(`/webhooks/alertmanager/${key}`, {
        body: fixture("alertmanager/firing.json"),
        headers: { "content-type": "application/json" },
      }),
    ).toBe(200);

    const jira = fixture("jira/issue_created.json");
    secrets.JIRA_SIGNATURE = hmac(JIRA_WEBHOOK_SECRET, jira);
    const jiraHeaders = {
      "content-type": "application/json",
      "x-hub-signature": `sha256=${secrets.JIRA_SIGNATURE}`,
      "x-atlassian-webhook-identifier": randomUUID(),
    };
    expect(await send("/webhooks/jira", { body: jira, headers: jiraHeaders })).toBe(202);

    const now = String(Math.floor(Date.now() / 1000));
    const event = JSON.stringify({
      ...JSON.parse(fixture("slack/message.json")),
      event_id: `Ev${randomBytes(5).toString("hex")}`,
    });
    secrets.SLACK_EVENT_SIGNATURE = hmac(SLACK_SIGNING_SECRET, `v0:${now}:${event}`);
    const slack = (signature: string) => ({ "x-slack-request-timestamp": now, "x-slack-signature": `v0=${signature}` });
    expect(
      await send("/webhooks/slack/events", {
        body: event,
        headers: { "content-type": "application/json", ...slack(secrets.SLACK_EVENT_SIGNATURE) },
      }),
    ).toBe(200);
    const command = fixture("slack/slash-command.txt").trim();
    secrets.SLACK_COMMAND_SIGNATURE = hmac(SLACK_SIGNING_SECRET, `v0:${now}:${command}`);
    secrets.SLACK_VERIFICATION_TOKEN = new URLSearchParams(command).get("token")!;
    await send("/webhooks/slack/commands", {
      body: command,
      headers: { "content-type": "application/x-www-form-urlencoded", ...slack(secrets.SLACK_COMMAND_SIGNATURE) },
    });

    const statuspage = fixture("statuspage/incident-webhook.json");
    expect(
      await send(`/webhooks/statuspage/${STATUSPAGE_WEBHOOK_TOKEN}`, {
        body: statuspage,
        headers: { "content-type": "application/json" },
      }),
    ).toBe(202);
    secrets.WRONG_STATUSPAGE_TOKEN = mark("mistyped-statuspage-token");
    expect(
      await send(`/webhooks/statuspage/${secrets.WRONG_STATUSPAGE_TOKEN}`, {
        body: statuspage,
        headers: { "content-type": "application/json" },
      }),
    ).toBe(401);
    // A body that fails to inflate: its failure is logged with the path.
    await send(`/webhooks/statuspage/${STATUSPAGE_WEBHOOK_TOKEN}`, {
      body: gzipSync(statuspage).subarray(0, 40),
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });

    // Routes other parts of Firewatch may add (Twilio's per-service voice webhook, heartbeat pings): their keys stay out too.
    secrets.TWILIO_SIGNATURE = mark("twilio-signature");
    await send(`/webhooks/twilio/voice/${key}`, {
      body: "CallSid=CA1&From=%2B15551234567",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": secrets.TWILIO_SIGNATURE },
    });
    secrets.HEARTBEAT_TOKEN = mark("heartbeat-token");
    await send(`/heartbeats/${secrets.HEARTBEAT_TOKEN}`, { method: "GET" });
  }

  it("logs every request it was sent", () => {
    const requests = lines.filter((l) => /"msg":"request (completed|errored|aborted)"/.test(l));
    expect(requests.length).toBeGreaterThanOrEqual(logged);
  });

  it("has no secret in any line", () => {
    const log = lines.join("");
    const found = Object.entries(secrets).filter(([, value]) => log.includes(value));
    expect(found.map(([what]) => what)).toEqual([]);
  });

  it("still says which route was asked, with the secret parts of the path replaced", () => {
    const paths = lines.map((l) => (JSON.parse(l) as { req?: { path?: string } }).req?.path).filter(Boolean);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/webhooks/statuspage/[redacted]",
        "/webhooks/alertmanager/[redacted]",
        "/webhooks/jira",
        "/webhooks/slack/events",
        "/api/services?token=[redacted]",
      ]),
    );
  });
});
