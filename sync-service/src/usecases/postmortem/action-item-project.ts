import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";

/**
 * The Jira project the incident's action items are filed in (its service's, else the tenant's default); null
 * when there is none.
 * @throws NotFoundUseCaseError
 */
export async function actionItemProject(deps: UseCaseDeps, by: Principal, ref: string): Promise<string | null> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    return service?.tickets.projectKey ?? (await tx.tenants.settings(by.tenantId)).tickets.projectKey;
  });
}
