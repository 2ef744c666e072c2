// A page's personal sign-in link (`/signin/<token>`), in the mail and as the Slack DM's "Open in Firewatch" url
// button (https://docs.slack.dev/reference/block-kit/block-elements/button-element): opening it asks to continue as
// the person and changes nothing (Slack's unfurler and mail scanners open links too); confirming spends the link,
// sets the session cookie and sends the browser on to the incident (303 See Other). The incident channel's summary
// never carries a personal link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { mailPart, SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { alertOpensIncident, openLink } from "../support/paged-incident.ts";
import { eventually, startTestService, TestClock, type TestService } from "../support/running-service.ts";

const SIGNING_SECRET = "signin-links-signing-secret";
const HOUR_MS = 3_600_000;

describe.each(DATABASE_KINDS)("sign-in links on $name", (kind) => {
  const slack = new SlackEmulator();
  const smtp = new SmtpCapture();
  const clock = new TestClock();
  let svc: TestService;
  let service: { id: string; integrationKey: string };

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  /** A fresh browser: no cookie, no token, redirects not followed. */
  /** An alert opens an incident; resolves with it, Alice's page DM and the sign-in links of her DM and her mail. */
  const pagedIncident = async (summary: string) => {
    const incident = await alertOpensIncident(svc, service, summary);
    const mail = await eventually("Alice's page mail", async () =>
      smtp.mailsTo("alice@example.com").find((m) => m.raw.includes(`${incident.key} triggered`)),
    );
    const page = await eventually("Alice's page DM", async () => {
      const dm = slack.dmChannel("U0ALICE");
      return dm ? slack.channelMessages(dm).find((m) => m.text?.includes(incident.key)) : undefined;
    });
    const actions = (page.blocks as any[]).find((b) => b.type === "actions");
    const button = actions.elements.find((e: any) => e.action_id === "open");
    const mailLink = mailPart(mail.raw, "text/plain")!.match(/^Open in Firewatch \(signs you in\): (\S+)$/m)![1]!;
    return { incident, dm: slack.dmChannel("U0ALICE")!, page, button, mailLink };
  };

  beforeAll(async () => {
    const apiUrl = `${await slack.start()}/api/`;
    svc = await startTestService(kind, {
      clock,
      env: {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: apiUrl,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SMTP_URL: await smtp.start(),
      },
    });
    slack.configureInteractivity({ url: `${svc.url}/webhooks/slack/interactions`, signingSecret: SIGNING_SECRET });
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "email", address: "alice@example.com" });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 0,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: alice.id }] }],
    });
    service = await call("POST", "/api/services", { name: "checkout", escalationPolicyId: policy.id });
  });
  afterAll(async () => {
    await svc?.stop();
    await smtp.stop();
    const unexpected = slack.unexpected();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("puts an Open in Firewatch url button beside the DM's buttons; a click on it changes nothing", async () => {
    const { incident, dm, page, button } = await pagedIncident("Checkout 5xx above 5%");
    expect(button).toMatchObject({ type: "button", text: { type: "plain_text", text: "Open in Firewatch" } });
    expect(button.url).toMatch(new RegExp(`^${svc.url}/signin/[A-Za-z0-9_-]{43}$`));
    const ids = (page.blocks as any[]).find((b) => b.type === "actions").elements.map((e: any) => e.action_id);
    expect(ids).toEqual(["firewatch_acknowledge", "firewatch_resolve", "firewatch_escalate", "open"]);
    // Slack posts a block_actions click for a url button too: answered 200, nothing done, the link not spent.
    expect((await slack.click("U0ALICE", dm, page.ts, "open")).status).toBe(200);
    expect((await call("GET", `/api/incidents/${incident.key}`)).status).toBe("triggered");
    expect((await openLink(button.url)).status).toBe(200);
    // No message outside Alice's DM carries a personal link (the incident channel's summary has none).
    const elsewhere = await eventually("the incident channel's summary", async () => {
      const others = slack.messages().filter((m) => m.channel !== dm);
      return others.some((m) => m.metadata?.event_type === "firewatch_incident_summary") && others;
    });
    expect(JSON.stringify(elsewhere)).not.toMatch(/\/(signin|act)\//);
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("asks to continue on GET, signs a fresh browser in on POST and sends it to the incident, once", async () => {
    const { incident, button, mailLink } = await pagedIncident("Search latency over SLO");
    expect(mailLink).not.toBe(button.url);
    const asked = await openLink(mailLink);
    expect(asked.status).toBe(200);
    expect(asked.html).toContain(`Continue as Alice Adams to ${incident.key}`);
    expect(asked.html).toMatch(/<form method="post">/);
    expect(asked.headers.get("set-cookie")).toBeNull();

    const signedIn = await openLink(mailLink, "POST");
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe(`/incidents/${incident.key}`);
    const cookie = signedIn.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^fw_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    const me = await fetch(`${svc.url}/api/me`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: "Alice Adams", role: "responder" });

    const again = await openLink(mailLink, "POST");
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(again.html).toContain("This link was already used");
    expect(again.html).toContain('<a href="/">Sign in with an API token</a>');
    expect((await openLink(mailLink)).status).toBe(410);
    // The DM's link is its own, and still works.
    expect((await openLink(button.url, "POST")).status).toBe(303);
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("refuses a sign-in link after an hour", async () => {
    const { incident, mailLink } = await pagedIncident("Login errors after deploy");
    clock.advance(HOUR_MS + 60_000);
    try {
      expect((await openLink(mailLink)).status).toBe(410);
      const late = await openLink(mailLink, "POST");
      expect(late.status).toBe(410);
      expect(late.html).toContain("This link has expired");
      expect(late.headers.get("set-cookie")).toBeNull();
    } finally {
      clock.reset();
    }
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });
});
