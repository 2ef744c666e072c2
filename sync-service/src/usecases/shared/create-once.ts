import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { CreatedIssue, RemoteIssue } from "../../ports/ticket-port.ts";
import type { TicketPort } from "../../ports/ticket-port.ts";

/** What was sent to the tracker for one link or action item. */
export interface CreateTarget {
  /** The link or action item id: the issue created for it carries it (its firewatch-link-<id> label). */
  readonly id: string;
  /** When a create request for it last went out; null when none did. */
  readonly createSentAt: Date | null;
}

/**
 * Finds the issue created for `target`, or creates it — never twice. A create request that timed out, or whose
 * answer a crash lost, may still have been carried out by the tracker, and its search lags writes. So `recordSent`
 * stores the moment before each create is sent, and while the issue is not found and that moment is less than
 * the tracker's `createSettleMs` ago, the job waits (without wearing down its attempts) instead of creating again.
 */
export async function findOrCreateOnce(
  tracker: TicketPort,
  now: () => Date,
  target: CreateTarget,
  recordSent: (at: Date) => Promise<void>,
  create: () => Promise<CreatedIssue>,
): Promise<RemoteIssue | CreatedIssue> {
  const found = await tracker.findByLinkId(target.id);
  if (found) return found;
  if (target.createSentAt) {
    const wait = target.createSentAt.getTime() + tracker.createSettleMs - now().getTime();
    if (wait > 0) {
      throw new RetryLaterJobError(
        `an earlier create request for ${target.id} has no known outcome and Jira's search may not show it yet; looking again in ${Math.ceil(wait / 1000)} s`,
        wait,
        { countsAsAttempt: false },
      );
    }
  }
  await recordSent(now());
  return create();
}
