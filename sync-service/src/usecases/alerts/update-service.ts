import { callRouting } from "../../domain/call-routing.ts";
import type { Principal } from "../../domain/principal.ts";
import { validServiceName, type Service } from "../../domain/service.ts";
import { planNextDrill } from "../drills/scheduled-drills.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import {
  ADMINS_ONLY,
  crisisOf,
  drillScheduleOf,
  mergeConversation,
  mergeTickets,
  policyOf,
  type ServiceInput,
} from "./service-input.ts";

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError, InvalidInputDomainError */
export async function updateService(
  deps: UseCaseDeps,
  by: Principal,
  id: string,
  input: ServiceInput,
): Promise<Service> {
  requireAdmin(by, ADMINS_ONLY);
  return deps.uow.run(async (tx) => {
    const current = await tx.services.findById(by.tenantId, id);
    if (!current) throw new NotFoundUseCaseError("service", id);
    const saved = await tx.services.update({
      ...current,
      name: input.name === undefined ? current.name : validServiceName(input.name),
      description: input.description ?? current.description,
      defaultSeverity: input.defaultSeverity ?? current.defaultSeverity,
      tickets: mergeTickets(current.tickets, input.tickets),
      escalationPolicyId:
        input.escalationPolicyId === undefined
          ? current.escalationPolicyId
          : await policyOf(tx, by, input.escalationPolicyId),
      conversation: mergeConversation(current.conversation, input.conversation),
      crisis: await crisisOf(tx, by, current.crisis, input.crisis),
      callRouting: callRouting(current.callRouting, input.callRouting),
      ...(input.drillSchedule !== undefined && { drillSchedule: drillScheduleOf(input.drillSchedule) }),
      updatedAt: deps.clock.now(),
    });
    if (input.drillSchedule !== undefined) await planNextDrill(tx, saved, deps.clock.now());
    return saved;
  });
}
