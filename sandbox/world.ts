// What the sandbox is made of, as the seeded story and the demo see it: the running service and the stand-ins,
// each reachable over HTTP (in `npm run demo`, mounted on the service's own port under /sandbox/<vendor>).
import type { ConfluenceEmulator } from "../stand-ins/confluence/index.ts";
import type { JiraEmulator } from "../stand-ins/jira/index.ts";
import type { SlackEmulator } from "../stand-ins/slack/index.ts";
import type { SmtpCapture } from "../stand-ins/smtp/index.ts";
import type { StatuspageEmulator } from "../stand-ins/statuspage/index.ts";
import type { TwilioEmulator } from "../stand-ins/twilio/index.ts";
import type { ShiftableClock } from "./clock.ts";

export interface SandboxWorld {
  /** The service's public URL, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** The admin's API token (as written to `<data dir>/admin-token`). */
  readonly adminToken: string;
  /** The service's clock; the story moves it into the past to replay history, then back. */
  readonly clock: ShiftableClock;
  readonly jira: JiraEmulator;
  readonly confluence: ConfluenceEmulator;
  readonly slack: SlackEmulator;
  readonly statuspage: StatuspageEmulator;
  readonly twilio: TwilioEmulator;
  readonly mail: SmtpCapture;
}
