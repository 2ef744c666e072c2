import type { Principal } from "../../domain/principal.ts";
import { planNextDrill } from "../drills/scheduled-drills.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./service-input.ts";

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError, ConflictUseCaseError while incidents refer to it */
export async function deleteService(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    const service = await tx.services.findById(by.tenantId, id);
    if (!service) throw new NotFoundUseCaseError("service", id);
    if (await tx.services.hasIncidents(id)) {
      throw new ConflictUseCaseError(
        "SERVICE.IN_USE",
        "This service has incidents; it cannot be deleted while they exist.",
      );
    }
    await tx.services.delete(by.tenantId, id);
    // Its scheduled drill job would find no service; drop it now rather than leave it waiting.
    if (service.drillSchedule) await planNextDrill(tx, { ...service, drillSchedule: null }, deps.clock.now());
  });
}
