import type { IncomingMessage, ServerResponse } from "node:http";
import type { ClientLimits } from "../config.ts";
import type { AccessRepository } from "../ports/access-repository.ts";
import type { Clock } from "../domain/clock.ts";
import type { PostmortemTemplate } from "../domain/postmortem/template.ts";
import type { ActionItemSla } from "../domain/postmortem/action-item.ts";
import type { DocumentPorts } from "../ports/document-port.ts";
import type { Logger } from "../logger.ts";
import type { JobStore } from "../ports/jobs.ts";
import type { TicketPorts } from "../ports/ticket-port.ts";
import type { InstallationRepository } from "../ports/installation-repository.ts";
import type { InvocationVerifier } from "../ports/invocation-verifier.ts";
import type { AlertIntakeUnitOfWork, UnitOfWork } from "../ports/unit-of-work.ts";
import type { OutboundPort } from "../ports/outbound-port.ts";
import type { NotifierPort } from "../ports/notifier-port.ts";

/**
 * A request handler the service serves under `path` before anything of its own (`npm run demo` mounts the stand-ins
 * this way): it gets `req.url` with `path` taken off, and none of the service's headers, limits or parsers.
 */
export interface ExtraMount {
  readonly path: string;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => unknown;
}

/** Set when the service runs as a sandbox: the console says so on every page and links to `links`. */
export interface SandboxInfo {
  readonly links: readonly { readonly name: string; readonly url: string }[];
}

/** What the HTTP layer needs, built once in server.ts (or by a test). */
export interface WebContext {
  readonly uow: UnitOfWork;
  /** The hot path every monitoring event takes. */
  readonly intake: AlertIntakeUnitOfWork;
  /** Each tenant's Jira: for the synchronous rule back-test and for links to issues; writes go through jobs. */
  readonly tickets: TicketPorts;
  readonly clock: Clock;
  readonly access: AccessRepository;
  readonly jobStore: JobStore;
  readonly log: Logger;
  readonly publicUrl: string;
  /** The outbound policy, for URLs a tenant saves (webhook contact methods). */
  readonly outbound: OutboundPort;
  /** The notifier pages go through, for a person's test page (real pages go through jobs). */
  readonly notifier: NotifierPort;
  /** Jira's site (for issue links in answers) and the secret its webhooks are signed with. */
  readonly jira: { readonly baseUrl: string | null; readonly webhookSecret: string | null };
  /** Secrets that authenticate Slack's requests and Statuspage's notifications. */
  readonly slack: { readonly botConfigured: boolean; readonly signingSecret: string | null };
  readonly statusPage: { readonly apiConfigured: boolean; readonly webhookToken: string | null };
  /** The Twilio auth token its callbacks are signed with (null: Twilio is not set up); whether texts and calls can be sent. */
  readonly twilio: { readonly authToken: string | null; readonly configured: boolean };
  /** Whether pages and reminders can go out by e-mail (SMTP_URL). */
  readonly email: { readonly configured: boolean };
  /** Incident e-mail (FIREWATCH_SMTP_PORT): the domain services' addresses are shown with; null when off. */
  readonly emailIntake: { readonly domain: string } | null;
  /** Postmortem templates, loaded and validated at start. */
  readonly templates: readonly PostmortemTemplate[];
  /** For reading the postmortem page when `complete` is asked for; writes go through jobs. */
  readonly documents: DocumentPorts;
  /** Forge installations as tenants: their sites, users and the app tokens Forge sends. */
  readonly installations: InstallationRepository;
  /** Verifies Forge Invocation Tokens; null when FORGE_APP_ID is not set (then `/forge` refuses everything). */
  readonly forge: InvocationVerifier | null;
  /** FIREWATCH_UNINSTALLED_RETENTION_DAYS, in ms: how long an uninstalled site's data is kept. */
  readonly uninstalledRetentionMs: number;
  readonly actionItemSla: ActionItemSla;
  /** Tells the worker that a job is due now. */
  readonly nudgeWorker: () => void;
  /** Per-client budgets of failed sign-ins and webhook requests, and which proxies to believe. */
  readonly limits: ClientLimits;
  /** Answers whether the database is reachable. */
  readonly ping: () => Promise<void>;
  /** Handlers served ahead of everything else (ExtraMount). */
  readonly mounts?: readonly ExtraMount[];
  /** Present only in a sandbox (`npm run demo`); GET /api/me passes it to the console. */
  readonly sandbox?: SandboxInfo;
}
