import type { AccessRepository } from "../adapters/persistence/access-repository.ts";
import type { Clock } from "../domain/clock.ts";
import type { Logger } from "../logger.ts";
import type { JobStore } from "../ports/jobs.ts";
import type { TicketPort } from "../ports/ticket-port.ts";
import type { AlertIntakeUnitOfWork, UnitOfWork } from "../ports/unit-of-work.ts";

/** What the HTTP layer needs, built once in server.ts (or by a test). */
export interface WebContext {
  readonly uow: UnitOfWork;
  /** The hot path every monitoring event takes. */
  readonly intake: AlertIntakeUnitOfWork;
  /** For the synchronous rule back-test only; everything else reaches Jira through jobs. */
  readonly tickets: TicketPort;
  readonly clock: Clock;
  readonly access: AccessRepository;
  readonly jobStore: JobStore;
  readonly log: Logger;
  readonly publicUrl: string;
  /** Jira's site (for issue links in answers) and the secret its webhooks are signed with. */
  readonly jira: { readonly baseUrl: string | null; readonly webhookSecret: string | null };
  /** Tells the worker that a job is due now. */
  readonly nudgeWorker: () => void;
  /** Answers whether the database is reachable. */
  readonly ping: () => Promise<void>;
}
