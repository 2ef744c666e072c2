// A client that reaches every route of the service the way its real callers do, so hostile input gets past
// authentication to the parsers: the admin token on /api, a Forge Invocation Token on /forge, Jira's
// X-Hub-Signature (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks) and
// Slack's v0 signature (https://docs.slack.dev/authentication/verifying-requests-from-slack) over the exact
// bytes sent, Twilio's X-Twilio-Signature over the URL and form fields (made by Twilio's own library), Statuspage's
// token in the path and a service's integration key for Alertmanager.
import { createHmac, randomUUID } from "node:crypto";
import twilio from "twilio";
import { gunzipSync } from "node:zlib";
import { ConfluenceEmulator, SPACE_KEY } from "../../stand-ins/confluence/index.ts";
import { JiraEmulator } from "../../stand-ins/jira/index.ts";
import type { TestDatabaseKind } from "./databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "./forge-setup.ts";
import { ADMIN_TOKEN } from "./running-service.ts";

export const JIRA_WEBHOOK_SECRET = "jira-webhook-secret-for-hostile-tests";
export const SLACK_SIGNING_SECRET = "slack-signing-secret-for-hostile-tests";
export const STATUSPAGE_WEBHOOK_TOKEN = "statuspage-token-for-hostile-tests";
export const TWILIO_AUTH_TOKEN = "twilio-auth-token-for-hostile-tests";
const SITE = "fuzz";

export interface HostileRequest {
  readonly method: string;
  /** The path as sent, already percent-encoded, with its query string. */
  readonly path: string;
  readonly body?: string | Buffer;
  readonly headers?: Record<string, string>;
  /** Send without the credentials the route needs (default: with them). */
  readonly anonymous?: boolean;
}

export interface Answer {
  readonly status: number;
  readonly text: string;
  /** The parsed JSON answer, or undefined when it was not JSON. */
  readonly json: any;
}

export interface HostileWorld {
  readonly world: ForgeWorld;
  readonly site: ForgeSiteWorld;
  /** The standalone tenant's Jira (JIRA_BASE_URL), which the admin token's /api calls reach. */
  readonly jira: JiraEmulator;
  /** An Alertmanager/Events v2 integration key of a service of the standalone tenant. */
  readonly integrationKey: string;
  /** An open incident of the standalone tenant. */
  readonly incidentKey: string;
  send(request: HostileRequest): Promise<Answer>;
  stop(): Promise<void>;
}

/** The body's bytes as the service will read them (after a valid Content-Encoding: gzip), which is what the webhooks sign. */
function signedBytes(body: string | Buffer, headers: Record<string, string>): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
  if (headers["content-encoding"] !== "gzip") return bytes;
  try {
    return gunzipSync(bytes);
  } catch {
    return bytes; // corrupt on purpose: the service must refuse it before the signature matters
  }
}

/** The credentials the route at `path` wants, as headers. */
async function credentials(
  path: string,
  body: Buffer,
  site: ForgeSiteWorld,
  baseUrl: string,
): Promise<Record<string, string>> {
  if (path.startsWith("/api/")) return { authorization: `Bearer ${ADMIN_TOKEN}` };
  if (path.startsWith("/forge/")) {
    // Resolvers as the site's Jira administrator (Jira tells the service so), with what the app's resolvers pass on (forge-app/remote), so admin resolvers are reached too;
    // events and the scheduled trigger as Forge itself (no user), the only token those routes take.
    const person = path.startsWith("/forge/resolvers/") ? site.admin : null;
    return {
      authorization: `Bearer ${await site.installation.fit(person)}`,
      "x-forge-oauth-system": site.jira.issueAppToken(),
      "x-firewatch-site-url": `https://${SITE}.atlassian.net`,
    };
  }
  if (path.startsWith("/webhooks/jira")) {
    return {
      "x-hub-signature": `sha256=${createHmac("sha256", JIRA_WEBHOOK_SECRET).update(body).digest("hex")}`,
      "x-atlassian-webhook-identifier": randomUUID(),
    };
  }
  if (path.startsWith("/webhooks/slack/")) {
    const ts = String(Math.floor(Date.now() / 1000));
    const digest = createHmac("sha256", SLACK_SIGNING_SECRET).update(`v0:${ts}:`).update(body).digest("hex");
    return { "x-slack-request-timestamp": ts, "x-slack-signature": `v0=${digest}` };
  }
  if (path.startsWith("/webhooks/twilio/")) {
    const params = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
    return { "x-twilio-signature": twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${baseUrl}${path}`, params) };
  }
  return {};
}

/**
 * A Forge world (one site, "fuzz") whose service also has a standalone Jira and Confluence and every webhook secret
 * configured (an action whose integration is missing is refused before any input reaches it).
 */
export async function startHostileWorld(kind: TestDatabaseKind): Promise<HostileWorld> {
  const jira = new JiraEmulator();
  const jiraUrl = await jira.start();
  const confluence = new ConfluenceEmulator();
  const confluenceUrl = await confluence.start();
  const world = await startForgeWorld(kind, [SITE], {
    env: {
      JIRA_BASE_URL: jiraUrl,
      JIRA_EMAIL: jira.email,
      JIRA_API_TOKEN: jira.apiToken,
      JIRA_WEBHOOK_SECRET,
      CONFLUENCE_BASE_URL: confluenceUrl,
      CONFLUENCE_SPACE_KEY: SPACE_KEY,
      SLACK_SIGNING_SECRET,
      STATUSPAGE_WEBHOOK_TOKEN,
      TWILIO_AUTH_TOKEN,
      // Hostile requests are refused by the thousand from one address; the sign-in brake must not answer in the parsers' place.
      FIREWATCH_AUTH_FAILURE_LIMIT: "1000000",
    },
  });
  const site = world.sites[0]!;
  const integrationKey = (await world.svc.createService("hostile-input target")).integrationKey;
  const incident = await world.svc.api("/api/incidents", { method: "POST", json: { title: "hostile-input target" } });
  const incidentKey = ((await incident.json()) as { key: string }).key;
  return {
    world,
    site,
    jira,
    integrationKey,
    incidentKey,
    async send({ method, path, body, headers = {}, anonymous = false }) {
      const bytes = body === undefined ? Buffer.alloc(0) : signedBytes(body, headers);
      const auth = anonymous ? {} : await credentials(path, bytes, site, world.svc.url);
      const res = await fetch(`${world.svc.url}${path}`, {
        method,
        headers: { ...headers, ...auth },
        body: method === "GET" || method === "HEAD" ? undefined : body,
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, text, json };
    },
    async stop() {
      await world.stop();
      await jira.stop();
      await confluence.stop();
    },
  };
}
