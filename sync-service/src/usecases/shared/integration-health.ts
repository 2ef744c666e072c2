import { isIntegrationError } from "../../ports/integration-errors.ts";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { UseCaseDeps } from "./deps.ts";

/** While credentials are rejected or missing, jobs wait this long between tries, without wearing down. */
export const UNHEALTHY_RETRY_MS = 5 * 60_000;

const healthyRecordedAt = new Map<string, number>();

/**
 * Runs a call to an outside system for a tenant and keeps its health in GET /api/integrations current: an
 * IntegrationError that needs an admin (kind `access` or `not_configured`) marks it unhealthy and keeps the job
 * for later without counting the attempt; success marks it healthy again.
 */
export async function withIntegrationHealth<T>(
  deps: UseCaseDeps,
  tenantId: string,
  name: string,
  call: () => Promise<T>,
): Promise<T> {
  const key = `${tenantId}:${name}`;
  try {
    const result = await call();
    const now = deps.clock.now();
    if (now.getTime() - (healthyRecordedAt.get(key) ?? 0) > 60_000) {
      healthyRecordedAt.set(key, now.getTime());
      await deps.uow.run((tx) =>
        tx.integrations.record(tenantId, { name, healthy: true, lastError: null, checkedAt: now }),
      );
    }
    return result;
  } catch (error) {
    if (!isIntegrationError(error, "access", "not_configured")) throw error;
    healthyRecordedAt.delete(key);
    const message = error instanceof Error ? error.message : String(error);
    await deps.uow.run((tx) =>
      tx.integrations.record(tenantId, { name, healthy: false, lastError: message, checkedAt: deps.clock.now() }),
    );
    throw new RetryLaterJobError(`${name}: ${message}`, UNHEALTHY_RETRY_MS, { cause: error, countsAsAttempt: false });
  }
}
