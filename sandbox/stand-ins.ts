// The sandbox's vendors: the stand-ins of Jira, Confluence, Slack, Statuspage, Twilio and an SMTP inbox, the
// environment that points the service at them, and the wiring that points their webhooks back at the service.
// `npm run demo` serves them on the service's own port (under /sandbox/<vendor>); the story's test starts them on
// loopback ports of their own (`startStandInsOnLoopback`). Both use `standInEnv` and `connectStandIns`, so the
// service is configured the same way in each.
import { ConfluenceEmulator } from "../stand-ins/confluence/index.ts";
import { JiraEmulator } from "../stand-ins/jira/index.ts";
import { SlackEmulator } from "../stand-ins/slack/index.ts";
import { SmtpCapture } from "../stand-ins/smtp/index.ts";
import { DEFAULT_COMPONENTS, StatuspageEmulator } from "../stand-ins/statuspage/index.ts";
import { TwilioEmulator } from "../stand-ins/twilio/index.ts";

/** The shared secrets between the service and its stand-in vendors (nothing here guards anything real). */
export const SANDBOX_SECRETS = {
  jiraWebhook: "sandbox-jira-webhook-secret",
  slackSigning: "sandbox-slack-signing-secret",
  statuspageWebhookToken: "sandbox-statuspage-webhook-token",
} as const;

/** The Confluence space postmortems go to (the Confluence stand-in's seeded space). */
export const SANDBOX_SPACE_KEY = "ENG";

/** The public status page's component the story's service maps to, beside the stand-in's default ones. */
export const CI_COMPONENT = { id: "cmp0ci", name: "CI pipeline" } as const;

/** The Twilio account's second number, the CI service's own line (live call routing); the first sends the pages. */
export const CI_LINE = "+14155550100";

export interface StandIns {
  readonly jira: JiraEmulator;
  readonly confluence: ConfluenceEmulator;
  readonly slack: SlackEmulator;
  readonly statuspage: StatuspageEmulator;
  readonly twilio: TwilioEmulator;
  readonly mail: SmtpCapture;
}

/** Where each stand-in answers, as the service calls it. */
export interface StandInUrls {
  /** The Jira site (jira.js `host`), e.g. http://127.0.0.1:3000/sandbox/jira */
  readonly jira: string;
  /** The Confluence site (its API under `<url>/wiki`). */
  readonly confluence: string;
  /** Slack's Web API root, ending in `/api/`. */
  readonly slackApi: string;
  /** Statuspage's API root, ending in `/v1`. */
  readonly statuspageApi: string;
  /** Twilio's REST root (the `/2010-04-01/…` paths go under it). */
  readonly twilioApi: string;
  /** smtp://host:port of the inbox. */
  readonly smtp: string;
}

/** New stand-ins as the sandbox wants them: the status page has a "CI pipeline" component. */
export function createStandIns(): StandIns {
  return {
    jira: new JiraEmulator(),
    confluence: new ConfluenceEmulator(),
    slack: new SlackEmulator(),
    statuspage: new StatuspageEmulator({ components: [CI_COMPONENT, ...DEFAULT_COMPONENTS] }),
    twilio: new TwilioEmulator({ numbers: ["+15005550006", CI_LINE] }),
    mail: new SmtpCapture(),
  };
}

/** The service's environment for talking to the stand-ins at `urls` (merge it over PORT, PUBLIC_URL and the rest). */
export function standInEnv(standIns: StandIns, urls: StandInUrls): Record<string, string> {
  const { jira, slack, statuspage, twilio } = standIns;
  return {
    JIRA_BASE_URL: urls.jira,
    JIRA_EMAIL: jira.email,
    JIRA_API_TOKEN: jira.apiToken,
    JIRA_WEBHOOK_SECRET: SANDBOX_SECRETS.jiraWebhook,
    CONFLUENCE_BASE_URL: urls.confluence,
    CONFLUENCE_SPACE_KEY: SANDBOX_SPACE_KEY,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SANDBOX_SECRETS.slackSigning,
    SLACK_API_URL: urls.slackApi,
    STATUSPAGE_API_KEY: statuspage.apiKey,
    STATUSPAGE_PAGE_ID: statuspage.pageId,
    STATUSPAGE_API_URL: urls.statuspageApi,
    STATUSPAGE_WEBHOOK_TOKEN: SANDBOX_SECRETS.statuspageWebhookToken,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: twilio.numbers[0]!,
    TWILIO_API_URL: urls.twilioApi,
    SMTP_URL: urls.smtp,
    // The stand-ins answer on loopback: let the tenant-configured URLs (webhook contact methods) reach them too.
    FIREWATCH_OUTBOUND_ALLOW: "127.0.0.0/8,::1/128,localhost",
  };
}

/** Points every stand-in's webhooks (Jira, Slack events and buttons, Statuspage, texts back) at the service. */
export function connectStandIns(standIns: StandIns, serviceUrl: string): void {
  const { jira, slack, statuspage, twilio } = standIns;
  jira.registerWebhook({ url: `${serviceUrl}/webhooks/jira`, secret: SANDBOX_SECRETS.jiraWebhook });
  slack.configureEvents({ url: `${serviceUrl}/webhooks/slack/events`, signingSecret: SANDBOX_SECRETS.slackSigning });
  slack.configureInteractivity({
    url: `${serviceUrl}/webhooks/slack/interactions`,
    signingSecret: SANDBOX_SECRETS.slackSigning,
  });
  statuspage.configureWebhook(`${serviceUrl}/webhooks/statuspage/${SANDBOX_SECRETS.statuspageWebhookToken}`);
  twilio.setSmsUrl(`${serviceUrl}/webhooks/twilio/sms`);
}

/** Starts new stand-ins each on a loopback port of its own (tests); `stop` closes them all. */
export async function startStandInsOnLoopback(): Promise<{
  standIns: StandIns;
  urls: StandInUrls;
  stop(): Promise<void>;
}> {
  const standIns = createStandIns();
  const { jira, confluence, slack, statuspage, twilio, mail } = standIns;
  const jiraUrl = await jira.start();
  const confluenceUrl = await confluence.start();
  await slack.start();
  await statuspage.start();
  const urls: StandInUrls = {
    jira: jiraUrl,
    confluence: confluenceUrl,
    slackApi: slack.apiUrl,
    statuspageApi: statuspage.apiUrl,
    twilioApi: await twilio.start(),
    smtp: await mail.start(),
  };
  const stop = async () => {
    await jira.settled();
    await twilio.settled();
    await Promise.all([jira.stop(), confluence.stop(), slack.stop(), statuspage.stop(), twilio.stop(), mail.stop()]);
  };
  return { standIns, urls, stop };
}
