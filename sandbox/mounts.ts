// `npm run demo` serves the stand-ins on the service's own port: each HTTP one mounted at
// <public URL>/sandbox/<vendor> (the URLs it gives out, and where the service calls it), the SMTP one a real
// listener on a loopback port of its own (SMTP is not HTTP) whose mailbox pages are mounted like the others'.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Mountable, StandInHandler } from "../stand-ins/common/mount.ts";
import type { SmtpCapture } from "../stand-ins/smtp/index.ts";
import type { StandIns, StandInUrls } from "./stand-ins.ts";

/** Where the stand-ins live on the service's port. */
export const SANDBOX_PATH = "/sandbox";

export interface StandInPage {
  /** What a person calls it: "Jira", "Slack", … */
  readonly name: string;
  /** Its pages, as a path on the service (`/sandbox/jira/_view/`). */
  readonly path: string;
  /** One line on what is there. */
  readonly what: string;
}

export interface MountedStandIns {
  /** Where the service reaches each stand-in (for standInEnv). */
  readonly urls: StandInUrls;
  /** Handlers for the service's `mounts` option. */
  readonly mounts: readonly { path: string; handler: StandInHandler }[];
  /** The stand-ins' pages, for /sandbox/, the console's banner and the terminal. */
  readonly pages: readonly StandInPage[];
}

const view = (vendor: string) => `${SANDBOX_PATH}/${vendor}/_view/`;

export const STAND_IN_PAGES: readonly StandInPage[] = [
  { name: "Jira", path: view("jira"), what: "issues: comment, transition, label (fires the webhooks)" },
  { name: "Confluence", path: view("confluence"), what: "the postmortem pages" },
  { name: "Slack", path: view("slack"), what: "channels and DMs, with working buttons" },
  { name: "Statuspage", path: view("statuspage"), what: "the public status page" },
  { name: "Phone (Twilio)", path: view("twilio"), what: "texts and calls; reply ACK" },
  { name: "Mailbox", path: view("mail"), what: "the e-mail Firewatch sent" },
];

/**
 * Mounts the HTTP stand-ins at `<publicUrl>/sandbox/<vendor>` and starts the SMTP listener.
 * @param publicUrl the service's URL as people and the stand-ins reach it, e.g. http://127.0.0.1:3000
 */
export async function mountStandIns(standIns: StandIns, publicUrl: string): Promise<MountedStandIns> {
  const base = (vendor: string) => `${publicUrl}${SANDBOX_PATH}/${vendor}`;
  const { jira, confluence, slack, statuspage, twilio, mail } = standIns;
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
  const mailbox = mailboxHandler(mail, base("mail"));
  if (mailbox) mounts.push({ path: `${SANDBOX_PATH}/mail`, handler: mailbox });
  const urls: StandInUrls = {
    jira: jira.baseUrl,
    confluence: confluence.baseUrl,
    slackApi: slack.apiUrl,
    statuspageApi: statuspage.apiUrl,
    twilioApi: twilio.baseUrl,
    smtp: await mail.start(),
  };
  return { urls, mounts, pages: STAND_IN_PAGES };
}

/**
 * The mailbox pages' handler, where the SMTP stand-in has them (its `handleHttp`, answering for `baseUrl`); until
 * then the mailbox link answers 404.
 */
function mailboxHandler(mail: SmtpCapture, baseUrl: string): StandInHandler | undefined {
  const pages = mail as unknown as {
    baseUrl?: string;
    handleHttp?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  };
  if (typeof pages.handleHttp !== "function") return undefined;
  pages.baseUrl = baseUrl;
  return (req, res) => pages.handleHttp!.call(mail, req, res);
}
