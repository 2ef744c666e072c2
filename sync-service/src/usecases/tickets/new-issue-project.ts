import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";
import { projectForNewIssue } from "./ticket-deps.ts";

/**
 * Where a create request of the incident would put its issue (for checking the caller may create there first).
 * @throws NotFoundUseCaseError, InvalidInputDomainError (no project)
 */
export async function newIssueProject(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  requested?: string,
): Promise<string> {
  return deps.uow.run(async (tx) =>
    projectForNewIssue(tx, by.tenantId, await findIncident(tx, by.tenantId, ref), requested),
  );
}
