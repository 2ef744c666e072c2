// A drill declared by API runs the whole flow over real HTTP against the stand-ins, and everything it sends says so:
// the on-call person's page by e-mail (SMTP), SMS and call (Twilio), the incident's Slack channel (drill- name,
// pinned summary), the Jira issue ([DRILL] summary, firewatch-drill label). A public status post is refused (409)
// before Statuspage hears anything, and a drill cannot be edited into a real incident.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { mailPart, SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { StatuspageEmulator } from "../../stand-ins/statuspage/index.ts";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";
import { twilioEnv } from "../support/twilio-env.ts";

const ALICE = "+14155550101";
const SIGNING_SECRET = "drill-test-signing-secret";

describe.each(DATABASE_KINDS)("a drill on $name", (kind) => {
  const smtp = new SmtpCapture();
  const phone = new TwilioEmulator();
  const slack = new SlackEmulator();
  const statuspage = new StatuspageEmulator();
  let w: JiraWorld;
  let drill: any;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    const [smtpUrl, slackUrl] = [await smtp.start(), await slack.start()];
    await phone.start();
    await statuspage.start();
    w = await startJiraWorld(kind, {
      env: {
        SMTP_URL: smtpUrl,
        ...twilioEnv(phone),
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: `${slackUrl}/api/`,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        STATUSPAGE_API_KEY: statuspage.apiKey,
        STATUSPAGE_PAGE_ID: statuspage.pageId,
        STATUSPAGE_API_URL: statuspage.apiUrl,
        STATUSPAGE_WEBHOOK_TOKEN: "drill-test-statuspage-token",
      },
    });
    slack.configureEvents({ url: `${w.svc.url}/webhooks/slack/events`, signingSecret: SIGNING_SECRET });
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    for (const [kind, address] of [
      ["email", "alice@example.com"],
      ["sms", ALICE],
      ["voice", ALICE],
      ["slack", "U0ALICE"],
    ])
      await call("POST", `/api/users/${alice.id}/contact-methods`, { kind, address });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 0,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: alice.id }] }],
    });
    const service = await call("POST", "/api/services", { name: "Checkout", escalationPolicyId: policy.id });
    drill = await call("POST", "/api/incidents", {
      title: "Checkout failover",
      severity: "SEV1",
      serviceId: service.id,
      drill: true,
    });
  });
  afterAll(async () => {
    await w?.stop();
    const unexpected = [...slack.unexpected(), ...w.jira.unexpected(), ...statuspage.unexpected()];
    await Promise.all([smtp.stop(), phone.stop(), slack.stop(), statuspage.stop()]);
    expect(unexpected).toEqual([]);
  });

  it("is a drill on every read, and stays one", async () => {
    expect(drill).toMatchObject({ drill: true, title: "Checkout failover" });
    expect(await call("GET", `/api/incidents/${drill.key}`)).toMatchObject({ drill: true });
    const listed = (await call("GET", "/api/incidents?drill=true")).incidents;
    expect(listed.map((i: any) => i.key)).toContain(drill.key);
    const edit = await w.call("PATCH", `/api/incidents/${drill.key}`, { drill: false });
    expect(edit.status).toBe(400);
    const [declared] = await w.timeline(drill.key);
    expect(declared.body).toBe(`admin declared a drill, ${drill.key}: Checkout failover`);
  });

  it("pages the on-call person marked DRILL by e-mail, SMS and call", async () => {
    const mail = await eventually("Alice's page mail", async () =>
      smtp.mailsTo("alice@example.com").find((m) => m.raw.includes(`${drill.key} triggered`)),
    );
    expect(mail.raw).toMatch(new RegExp(`^Subject: \\[DRILL\\] \\[SEV1\\] ${drill.key} triggered`, "m"));
    expect(mailPart(mail.raw, "text/plain")).toMatch(/^DRILL: this is a practice incident/);
    const text = await eventually("Alice's text", async () =>
      phone.messagesTo(ALICE).find((m) => m.includes(`${drill.key} triggered`)),
    );
    expect(text).toMatch(new RegExp(`^DRILL: \\[SEV1\\] ${drill.key} triggered: Checkout failover`));
    const ringing = await eventually("Alice's call", async () =>
      phone.calls().find((c) => c.to === ALICE && String(c.twiml).includes(`${drill.key},`)),
    );
    expect(String(ringing.twiml)).toMatch(/<Say[^>]*>This is a drill\. Firewatch page\./);
    const dm = await eventually("Alice's Slack page", async () =>
      slack.requests({ method: "chat.postMessage" }).find((r) => String(r.args.text).includes(`${drill.key}:`)),
    );
    expect(String(dm.args.text)).toMatch(new RegExp(`^\\[DRILL\\] \\[SEV1\\] ${drill.key}`));
  });

  it("declares a drill from Slack with --drill", async () => {
    const res = await slack.sendCommand(`${w.svc.url}/webhooks/slack/commands`, {
      userId: "U0ALICE",
      channelId: "C0GENERAL",
      text: "declare Game day --drill sev3",
      command: "/incident",
    });
    const { text } = res.body as { text: string };
    const key = /declared a drill, (INC-\d+)/.exec(text)![1]!;
    expect(await call("GET", `/api/incidents/${key}`)).toMatchObject({
      drill: true,
      title: "Game day",
      severity: "SEV3",
    });
  });

  it("opens a drill- Slack channel whose pinned summary says DRILL", async () => {
    const name = `drill-inc-${drill.number}-checkout-failover`;
    const channel = await eventually("the drill's channel", async () => slack.channelByName(name));
    const summary = await eventually("the pinned summary", async () =>
      slack.channelMessages(channel.id).find((m) => m.pinned),
    );
    expect(summary.text).toMatch(new RegExp(`^\\[DRILL\\] ${drill.key}`));
    expect(JSON.stringify(summary.blocks)).toContain("never posted for a drill");
  });

  it("creates its Jira issue with [DRILL] in the summary and the firewatch-drill label", async () => {
    await call("POST", `/api/incidents/${drill.key}/jira-issues`, { projectKey: "CI" });
    const linked = await eventually("the linked issue", async () => {
      const { issues } = await call("GET", `/api/incidents/${drill.key}/jira-issues`);
      return issues.find((i: any) => i.state === "linked");
    });
    const issue = w.jira.issue(linked.issueKey)!;
    expect(issue.summary).toBe(`[DRILL] [${drill.key}] Checkout failover`);
    expect(issue.labels).toContain("firewatch-drill");
  });

  it("refuses a public status post with 409, and Statuspage hears nothing", async () => {
    const res = await w.call("POST", `/api/incidents/${drill.key}/status-posts`, {
      status: "investigating",
      body: "We are looking into it.",
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "STATUS_POST.DRILL" });
    expect(res.body.error.message).toContain("is a drill");
    expect(statuspage.requests()).toEqual([]);
    expect((await call("GET", `/api/incidents/${drill.key}/status-posts`)).posts ?? []).toEqual([]);
  });
});
