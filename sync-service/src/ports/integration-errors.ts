// One model for what goes wrong when Firewatch calls an outside system, whichever port the call goes through.
// The kind says who has to act, and so what a job does about it:
//   rejected        the system refused this request (bad input, a target that is gone): fix the input; never retried.
//   access          it refused Firewatch's credentials or a permission: an admin must act. The integration shows
//                   unhealthy and its jobs wait without wearing down (usecases/shared/integration-health.ts).
//   not_configured  Firewatch has nothing to call it with (no URL, token or settings): as for access.
//   transient       it said "later" (a 429, a 503 with Retry-After, a search index behind a write): the job runs
//                   again after `retryAfterMs`, or backs off when the system did not say.
// Any other error (a 5xx, a timeout, a refused connection) is transient as well: the job backs off.

/** The outside system, as GET /api/integrations and the logs name it; `outbound` is the policy for tenants' URLs. */
export type IntegrationName =
  "jira" | "confluence" | "slack" | "statuspage" | "email" | "twilio" | "webhook" | "outbound";

export type IntegrationErrorKind = "rejected" | "access" | "not_configured" | "transient";

export interface IntegrationErrorOptions {
  readonly cause?: unknown;
  /** For `transient`: how long the system asked Firewatch to wait. */
  readonly retryAfterMs?: number;
}

export class IntegrationError extends Error {
  override name = "IntegrationError";
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly integration: IntegrationName,
    readonly kind: IntegrationErrorKind,
    message: string,
    options: IntegrationErrorOptions = {},
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Whether `error` is an IntegrationError of one of `kinds` (of any kind when none is named). */
export function isIntegrationError(error: unknown, ...kinds: IntegrationErrorKind[]): error is IntegrationError {
  return error instanceof IntegrationError && (kinds.length === 0 || kinds.includes(error.kind));
}

/** A rejection callers tell apart: the issue does not exist, or Firewatch may not see it. */
export class TicketNotFoundError extends IntegrationError {
  override name = "TicketNotFoundError";
  constructor(integration: IntegrationName, message: string, options: { cause?: unknown } = {}) {
    super(integration, "rejected", message, options);
  }
}

/**
 * A transient error callers tell apart: the tracker's search index does not hold the issue yet (a fresh create),
 * so what it answers about the issue is not yet true.
 */
export class TicketNotIndexedError extends IntegrationError {
  override name = "TicketNotIndexedError";
  constructor(integration: IntegrationName, message: string, retryAfterMs: number) {
    super(integration, "transient", message, { retryAfterMs });
  }
}
