import { randomBytes, randomUUID } from "node:crypto";
import { DEFAULT_CONVERSATION } from "../../domain/conversation.ts";
import type { Principal } from "../../domain/principal.ts";
import { DEFAULT_TICKET_DEFAULTS, validServiceName, type Service } from "../../domain/service.ts";
import { planNextDrill } from "../drills/scheduled-drills.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
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
import { DEFAULT_CRISIS } from "../../domain/crisis.ts";
import { callRouting } from "../../domain/call-routing.ts";

/** @throws ForbiddenUseCaseError, InvalidInputDomainError, ConflictUseCaseError when the name is taken */
export async function createService(
  deps: UseCaseDeps,
  by: Principal,
  input: ServiceInput & { name: string },
): Promise<Service> {
  requireAdmin(by, ADMINS_ONLY);
  const name = validServiceName(input.name);
  return deps.uow.run(async (tx) => {
    if ((await tx.services.list(by.tenantId)).some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw new ConflictUseCaseError("SERVICE.NAME_TAKEN", `A service named ${JSON.stringify(name)} already exists.`);
    }
    const saved = await tx.services.insert({
      id: randomUUID(),
      tenantId: by.tenantId,
      name,
      description: input.description ?? "",
      integrationKey: randomBytes(16).toString("hex"),
      defaultSeverity: input.defaultSeverity ?? "SEV3",
      tickets: mergeTickets(DEFAULT_TICKET_DEFAULTS, input.tickets),
      escalationPolicyId: await policyOf(tx, by, input.escalationPolicyId),
      conversation: mergeConversation(DEFAULT_CONVERSATION, input.conversation),
      crisis: await crisisOf(tx, by, DEFAULT_CRISIS, input.crisis),
      callRouting: callRouting(null, input.callRouting),
      drillSchedule: drillScheduleOf(input.drillSchedule ?? null),
    });
    if (saved.drillSchedule) await planNextDrill(tx, saved, deps.clock.now());
    return saved;
  });
}
