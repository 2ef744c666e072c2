import type { AlertEvent } from "../domain/alert.ts";
import type { IntakeDeps } from "./deps.ts";
import { applyAlertEvent, type AlertOutcome } from "./ingest-alert-event-use-case.ts";

export interface InboundDelivery {
  readonly source: string;
  /** Unique per delivery; a redelivery with the same key changes nothing. */
  readonly key: string;
  readonly payload: unknown;
}

/**
 * Records a webhook delivery in the inbox and applies its events, all in one transaction: either the
 * delivery and every effect are stored, or nothing is. @returns null for a duplicate delivery @throws NotFoundUseCaseError for an unknown service
 */
export async function ingestAlertBatch(
  deps: IntakeDeps,
  integrationKey: string,
  delivery: InboundDelivery,
  events: readonly AlertEvent[],
): Promise<AlertOutcome[] | null> {
  return deps.intake.run(async (tx) => {
    if (!(await tx.inbox.record(delivery.source, delivery.key, delivery.payload))) return null;
    const now = deps.clock.now();
    const outcomes: AlertOutcome[] = [];
    for (const event of events) outcomes.push(await applyAlertEvent(tx, now, integrationKey, event));
    return outcomes;
  });
}
