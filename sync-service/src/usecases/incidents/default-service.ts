import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";

/** The service incidents declared without one are on; null when none is set (or the one set was deleted). */
export async function readDefaultService(deps: UseCaseDeps, by: Principal): Promise<string | null> {
  return deps.uow.run(async (tx) => {
    const { defaultServiceId } = await tx.tenants.settings(by.tenantId);
    return defaultServiceId && (await tx.services.findById(by.tenantId, defaultServiceId)) ? defaultServiceId : null;
  });
}

/** Sets (or, with null, clears) the default service. @throws NotFoundUseCaseError for a service not the tenant's */
export async function setDefaultService(deps: UseCaseDeps, by: Principal, serviceId: string | null): Promise<void> {
  await deps.uow.run(async (tx) => {
    if (serviceId && !(await tx.services.findById(by.tenantId, serviceId)))
      throw new NotFoundUseCaseError("service", serviceId);
    await tx.tenants.setDefaultService(by.tenantId, serviceId);
  });
}
