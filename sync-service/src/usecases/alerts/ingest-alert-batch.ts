import type { AlertEvent } from "../../domain/alert.ts";
import type { Service } from "../../domain/service.ts";
import type { IntakeDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { applyAlertEvent, type AlertOutcome } from "./ingest-alert-event.ts";

export interface InboundDelivery {
  readonly source: string;
  /** Unique per delivery to one service (e.g. a digest of the body); a redelivery with the same key changes nothing. */
  readonly key: string;
  readonly payload: unknown;
}

/**
 * The inbox key of a delivery to a service. One notification may be sent to several services (one
 * Alertmanager receiver with two webhook_configs, or two tenants' services): each must act on it, so the
 * key names the tenant and the service. The `/` separators keep these keys apart from the bare digests
 * stored before, which named no service.
 */
export function serviceDeliveryKey(service: Pick<Service, "tenantId" | "id">, deliveryKey: string): string {
  return `${service.tenantId}/${service.id}/${deliveryKey}`;
}

/**
 * Records a webhook delivery in the inbox and applies its events, all in one transaction: either the
 * delivery and every effect are stored, or nothing is. The service is looked up first, so an unknown key
 * is a 404 whatever was delivered before. @returns null for a duplicate delivery @throws NotFoundUseCaseError for an unknown service
 */
export async function ingestAlertBatch(
  deps: IntakeDeps,
  integrationKey: string,
  delivery: InboundDelivery,
  events: readonly AlertEvent[],
): Promise<AlertOutcome[] | null> {
  return deps.intake.run(async (tx) => {
    const service = await tx.intake.serviceByIntegrationKey(integrationKey);
    if (!service) throw new NotFoundUseCaseError("service", integrationKey);
    if (!(await tx.inbox.record(delivery.source, serviceDeliveryKey(service, delivery.key), delivery.payload)))
      return null;
    const now = deps.clock.now();
    const outcomes: AlertOutcome[] = [];
    for (const event of events) outcomes.push(await applyAlertEvent(tx, now, integrationKey, event));
    return outcomes;
  });
}
