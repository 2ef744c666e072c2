// A page as the person gets it in Slack, in Chromium: an alert opens an incident, Firewatch pages Alice by Slack DM
// with Acknowledge / Resolve buttons, and Alice opens the DM in the Slack emulator's web view (stand-ins/slack/
// view) and clicks Acknowledge there. The click reaches the service as Slack sends it (a signed block_actions form),
// the incident is acknowledged, and the page is rewritten in place. Then, from another page's DM, Alice follows
// "Open in Firewatch" in a fresh browser (no cookie, no token): she confirms the sign-in link, lands on the
// incident signed in, acknowledges it there, stays signed in across a reload, and opens /oncall directly.
// Writes docs/screenshots/slack-page-dm*.png and page-sign-in*.png.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { alertOpensIncident } from "../support/paged-incident.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";
import {
  accessibilityViolations,
  collectPageErrors,
  gone,
  horizontalOverflow,
  launchChromium,
  openContext,
  screenshot,
  seen,
  SEEN_WITHIN_MS,
} from "./support/browser.ts";

const pglite = DATABASE_KINDS.find((k) => k.name === "pglite")!;
const SIGNING_SECRET = "slack-dm-browser-signing-secret";

describe("a page in Slack, acknowledged from the DM", () => {
  const slack = new SlackEmulator();
  let svc: TestService;
  let browser: Browser;
  let context: BrowserContext;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };

  beforeAll(async () => {
    const apiUrl = `${await slack.start()}/api/`;
    [svc, browser] = await Promise.all([
      startTestService(pglite, {
        env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: apiUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET },
      }),
      launchChromium(),
    ]);
    slack.configureInteractivity({ url: `${svc.url}/webhooks/slack/interactions`, signingSecret: SIGNING_SECRET });
    context = await openContext(browser, { viewport: { width: 1100, height: 600 } });
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await svc?.stop();
    const unexpected = slack.unexpected();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("shows the page with its buttons, and Acknowledge acknowledges the incident and rewrites the page", async () => {
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 1,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: alice.id }] }],
    });
    const service = await call("POST", "/api/services", { name: "checkout", escalationPolicyId: policy.id });
    const summary = "Checkout API 5xx above 5% in eu-west-1";
    const alert = await fetch(`${svc.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        routing_key: service.integrationKey,
        event_action: "trigger",
        dedup_key: "checkout-5xx",
        payload: { summary, source: "prometheus", severity: "critical" },
      }),
    });
    expect(alert.status).toBe(202);
    await eventually("Alice's page in Slack", async () => slack.messages({ user: "U0ALICE" }).length > 0);
    const incident = (await call("GET", `/api/incidents?serviceId=${service.id}`)).incidents[0];
    const dm = slack.dmChannel("U0ALICE")!;

    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(slack.viewUrl(dm, "U0ALICE"));
    const messages = page.getByRole("region", { name: "Messages" });
    await seen(messages.getByText(`Alice Adams, you are paged for ${incident.key}: ${summary}`), "the page DM");
    await seen(messages.getByRole("link", { name: `${incident.key}: ${summary}` }), "the link to the incident");
    const acknowledge = await seen(messages.getByRole("button", { name: "Acknowledge" }), "the Acknowledge button");
    await seen(messages.getByRole("button", { name: "Resolve" }), "the Resolve button");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Firewatch");
    expect((await horizontalOverflow(page)).overflow).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "slack-page-dm");

    await acknowledge.click();
    // The rewrite is a job of the service: the view waits up to 3 s for it; later than that, look again.
    const rewritten = messages.getByText(
      new RegExp(`${incident.key}: .* — Acknowledged by Alice Adams at \\d\\d:\\d\\d UTC`),
    );
    await eventually(
      "the page rewritten in place",
      async () => {
        if (await rewritten.isVisible()) return true;
        await page.reload();
        return false;
      },
      SEEN_WITHIN_MS,
    );
    await seen(messages.getByText("(edited)"), "the edited mark");
    await gone(messages.getByRole("button", { name: "Acknowledge" }), "the Acknowledge button");
    expect((await call("GET", `/api/incidents/${incident.key}`)).status).toBe("acknowledged");
    const [click] = slack.deliveries().filter((d) => d.type === "block_actions");
    expect(click).toMatchObject({ status: 200 });
    expect(slack.channelMessages(dm)).toHaveLength(1); // rewritten, not posted again
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "slack-page-dm-acknowledged");
    expect(errors).toEqual([]);
  });

  it("signs in from the page's Open in Firewatch link in a fresh browser, and acknowledges on the incident", async () => {
    const service = (await call("GET", "/api/services")).services.find((x: any) => x.name === "checkout");
    const summary = "Payments queue depth above 10k";
    const before = slack.messages({ user: "U0ALICE" }).length;
    const incident = await alertOpensIncident(svc, service, summary);
    await eventually("Alice's second page", async () => slack.messages({ user: "U0ALICE" }).length > before);

    // A browser that has never seen Firewatch: no cookie, no token.
    const fresh = await openContext(browser, { viewport: { width: 1100, height: 700 } });
    try {
      const page = await fresh.newPage();
      const errors = collectPageErrors(page);
      await page.goto(slack.viewUrl(slack.dmChannel("U0ALICE")!, "U0ALICE"));
      const messages = page.getByRole("region", { name: "Messages" });
      const open = messages
        .getByRole("listitem")
        .filter({ hasText: summary })
        .getByRole("link", { name: "Open in Firewatch" });
      // Slack opens a url button in a new tab; so does the view.
      const [firewatch] = await Promise.all([
        fresh.waitForEvent("page"),
        (await seen(open, "the sign-in link")).click(),
      ]);
      const tabErrors = collectPageErrors(firewatch);
      await seen(
        firewatch.getByRole("heading", { name: `Continue as Alice Adams to ${incident.key}` }),
        "the sign-in confirmation",
      );
      expect(await accessibilityViolations(firewatch)).toEqual([]);
      await screenshot(firewatch, "page-sign-in");
      await firewatch.getByRole("button", { name: "Continue as Alice Adams" }).click();

      await seen(
        firewatch.getByRole("heading", { name: `${incident.key}: ${summary}`, level: 1 }),
        "the incident, signed in",
      );
      expect(new URL(firewatch.url()).pathname).toBe(`/incidents/${incident.key}`);
      await seen(firewatch.getByRole("banner").getByText("Alice Adams"), "who is signed in");
      await firewatch.getByRole("button", { name: "Acknowledge", exact: true }).click();
      await gone(firewatch.getByRole("button", { name: "Acknowledge", exact: true }), "the Acknowledge button");
      expect((await call("GET", `/api/incidents/${incident.key}`)).status).toBe("acknowledged");
      const timeline = await call("GET", `/api/incidents/${incident.key}/timeline`);
      expect(JSON.stringify(timeline)).toContain(`Alice Adams acknowledged ${incident.key}`);
      await screenshot(firewatch, "page-sign-in-incident");

      await firewatch.reload();
      await seen(firewatch.getByRole("heading", { name: `${incident.key}: ${summary}`, level: 1 }), "still signed in");
      await firewatch.goto(`${svc.url}/oncall`);
      await seen(firewatch.getByRole("heading", { name: "On-call", level: 1 }), "the On-call page at its own path");
      expect([...errors, ...tabErrors]).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
