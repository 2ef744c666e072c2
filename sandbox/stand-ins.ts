// The sandbox's stand-ins, set up the way an admin sets up the real products for Firewatch: each HTTP one mounted on
// the service's own port under /sandbox/<vendor>, the SMTP one a real listener on a loopback port of its own (SMTP is
// not HTTP). `serviceEnv` is what Firewatch is configured with to use them; `connect` then points each one back at the
// service, as an admin registers a Jira webhook, a Slack app's Request URLs, a Statuspage webhook and a Twilio
// number's messaging URL.
import { randomBytes } from "node:crypto";
import type { Mountable, StandInHandler } from "../stand-ins/common/mount.ts";
import { ConfluenceEmulator, SPACE_KEY } from "../stand-ins/confluence/index.ts";
import { JiraEmulator } from "../stand-ins/jira/index.ts";
import { SlackEmulator } from "../stand-ins/slack/index.ts";
import { SmtpCapture } from "../stand-ins/smtp/index.ts";
import { StatuspageEmulator } from "../stand-ins/statuspage/index.ts";
import { TwilioEmulator } from "../stand-ins/twilio/index.ts";

/** Where the stand-ins live on the service's port. */
export const SANDBOX_PATH = "/sandbox";

/**
 * The stand-ins' credentials, the same on every run so a person can call their APIs too (docs/sandbox.md): they
 * guard nothing but a local stand-in. The secrets the stand-ins sign their calls to Firewatch with are made per run.
 */
export const SANDBOX_CREDENTIALS = {
  jira: { email: "firewatch-bot@example.com", apiToken: "sandbox-jira-api-token" },
  slack: { botToken: "xoxb-sandbox-bot-token" },
  statuspage: { apiKey: "sandbox-statuspage-api-key" },
  twilio: { accountSid: `AC${"5a".repeat(16)}`, authToken: "sandbox-twilio-auth-token" },
} as const;

export interface StandInPage {
  /** What a person calls it: "Jira", "Slack", … */
  readonly name: string;
  /** Its pages, as a path on the service (`/sandbox/jira/_view/`). */
  readonly path: string;
  /** One line on what is there. */
  readonly what: string;
}

export interface SandboxStandIns {
  readonly jira: JiraEmulator;
  readonly confluence: ConfluenceEmulator;
  readonly slack: SlackEmulator;
  readonly statuspage: StatuspageEmulator;
  readonly twilio: TwilioEmulator;
  readonly mail: SmtpCapture;
  /** Handlers for the service's `mounts` option. */
  readonly mounts: readonly { path: string; handler: StandInHandler }[];
  /** The environment that configures Firewatch against them. */
  readonly serviceEnv: Record<string, string>;
  readonly pages: readonly StandInPage[];
  /** Points every stand-in that calls Firewatch at the service listening at `serviceUrl`. */
  connect(serviceUrl: string): Promise<void>;
  stop(): Promise<void>;
}

const secret = (name: string) => `sandbox-${name}-${randomBytes(12).toString("hex")}`;

/**
 * Makes the stand-ins and mounts the HTTP ones at `<publicUrl>/sandbox/<vendor>` (the URLs they give out); starts the
 * SMTP listener. @param publicUrl the service's URL as people and the stand-ins reach it, e.g. http://127.0.0.1:3000
 */
export async function createStandIns(publicUrl: string): Promise<SandboxStandIns> {
  const jira = new JiraEmulator(SANDBOX_CREDENTIALS.jira);
  // One Atlassian account for both products, as on a real site: Confluence takes the Jira credentials.
  const confluence = new ConfluenceEmulator(SANDBOX_CREDENTIALS.jira);
  const slack = new SlackEmulator(SANDBOX_CREDENTIALS.slack);
  const statuspage = new StatuspageEmulator(SANDBOX_CREDENTIALS.statuspage);
  const twilio = new TwilioEmulator(SANDBOX_CREDENTIALS.twilio);
  const mail = new SmtpCapture();
  const base = (vendor: string) => `${publicUrl}${SANDBOX_PATH}/${vendor}`;
  const http: [string, Mountable][] = [
    ["jira", jira],
    ["confluence", confluence],
    ["slack", slack],
    ["statuspage", statuspage],
    ["twilio", twilio],
  ];
  const mounts = http.map(([vendor, standIn]) => ({
    path: `${SANDBOX_PATH}/${vendor}`,
    handler: standIn.mount(base(vendor)),
  }));
  // The mailbox page comes with the SMTP stand-in's own handler, when it has one (stand-ins/smtp).
  const mailbox = (mail as Partial<Mountable>).mount?.(base("mail"));
  if (mailbox) mounts.push({ path: `${SANDBOX_PATH}/mail`, handler: mailbox });
  const smtpUrl = await mail.start();
  const secrets = { jiraWebhook: secret("jira"), slackSigning: secret("slack"), statuspageWebhook: secret("sp") };
  const serviceEnv = {
    JIRA_BASE_URL: jira.baseUrl,
    JIRA_EMAIL: jira.email,
    JIRA_API_TOKEN: jira.apiToken,
    JIRA_WEBHOOK_SECRET: secrets.jiraWebhook,
    CONFLUENCE_BASE_URL: confluence.baseUrl,
    CONFLUENCE_SPACE_KEY: SPACE_KEY,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: secrets.slackSigning,
    SLACK_API_URL: slack.apiUrl,
    STATUSPAGE_API_KEY: statuspage.apiKey,
    STATUSPAGE_PAGE_ID: statuspage.pageId,
    STATUSPAGE_API_URL: statuspage.apiUrl,
    STATUSPAGE_WEBHOOK_TOKEN: secrets.statuspageWebhook,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: twilio.numbers[0]!,
    TWILIO_API_URL: twilio.baseUrl,
    SMTP_URL: smtpUrl,
  };
  const view = (vendor: string) => `${SANDBOX_PATH}/${vendor}/_view/`;
  const pages: StandInPage[] = [
    { name: "Jira", path: view("jira"), what: "issues: comment, transition, label (fires the webhooks)" },
    { name: "Confluence", path: view("confluence"), what: "the postmortem pages" },
    { name: "Slack", path: view("slack"), what: "channels and DMs, with working buttons" },
    { name: "Statuspage", path: view("statuspage"), what: "the public status page" },
    { name: "Phone (Twilio)", path: view("twilio"), what: "texts and calls; reply ACK" },
    { name: "Mailbox", path: view("mail"), what: "the e-mail Firewatch sent" },
  ];
  return {
    jira,
    confluence,
    slack,
    statuspage,
    twilio,
    mail,
    mounts,
    serviceEnv,
    pages,
    async connect(serviceUrl) {
      const hooks = `${serviceUrl}/webhooks`;
      // Jira Cloud retries a delivery that failed; https://developer.atlassian.com/cloud/jira/platform/webhooks/
      jira.registerWebhook({
        url: `${hooks}/jira`,
        secret: secrets.jiraWebhook,
        retry: { attempts: 3, delayMs: 1_000 },
      });
      const signingSecret = secrets.slackSigning;
      slack.configureEvents({ url: `${hooks}/slack/events`, signingSecret });
      slack.configureInteractivity({ url: `${hooks}/slack/interactions`, signingSecret });
      // Slack checks an Events Request URL with a challenge before it sends anything there.
      const verified = await slack.verifyUrl();
      if (verified.status !== 200) throw new Error(`the service refused Slack's url_verification: ${verified.status}`);
      statuspage.configureWebhook(`${hooks}/statuspage/${secrets.statuspageWebhook}`);
      twilio.setSmsUrl(`${hooks}/twilio/sms`);
    },
    async stop() {
      await Promise.allSettled([jira.stop(), confluence.stop(), slack.stop(), statuspage.stop(), twilio.stop()]);
      await mail.stop();
    },
  };
}
