import { randomBytes, randomUUID } from "node:crypto";
import {
  DEFAULT_CONVERSATION,
  mirrorPolicy,
  type ConversationDefaults,
  type MirrorMode,
} from "../../domain/conversation.ts";
import type { Principal } from "../../domain/principal.ts";
import { DEFAULT_TICKET_DEFAULTS, validServiceName, type Service, type TicketDefaults } from "../../domain/service.ts";
import type { Severity } from "../../domain/severity.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";

export interface ServiceInput {
  readonly name?: string;
  readonly description?: string;
  readonly defaultSeverity?: Severity;
  readonly tickets?: Partial<TicketDefaults>;
  readonly escalationPolicyId?: string | null;
  readonly conversation?: { channelSeverities?: readonly Severity[]; mode?: MirrorMode; reaction?: string | null };
}

const ADMINS_ONLY = "Only an admin can change services.";

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
    return tx.services.insert({
      id: randomUUID(),
      tenantId: by.tenantId,
      name,
      description: input.description ?? "",
      integrationKey: randomBytes(16).toString("hex"),
      defaultSeverity: input.defaultSeverity ?? "SEV3",
      tickets: mergeTickets(DEFAULT_TICKET_DEFAULTS, input.tickets),
      escalationPolicyId: await policyOf(tx, by, input.escalationPolicyId),
      conversation: mergeConversation(DEFAULT_CONVERSATION, input.conversation),
    });
  });
}

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
    return tx.services.update({
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
      updatedAt: deps.clock.now(),
    });
  });
}

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError, ConflictUseCaseError while incidents refer to it */
export async function deleteService(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    if (!(await tx.services.findById(by.tenantId, id))) throw new NotFoundUseCaseError("service", id);
    if (await tx.services.hasIncidents(id)) {
      throw new ConflictUseCaseError(
        "SERVICE.IN_USE",
        "This service has incidents; it cannot be deleted while they exist.",
      );
    }
    await tx.services.delete(by.tenantId, id);
  });
}

/** @throws InvalidInputDomainError for mode "reaction" without a reaction */
function mergeConversation(base: ConversationDefaults, changes: ServiceInput["conversation"]): ConversationDefaults {
  if (!changes) return base;
  const mode = changes.mode ?? base.mode;
  const policy = mirrorPolicy(mode, changes.reaction === undefined ? base.reaction : changes.reaction);
  return {
    ...policy,
    channelSeverities: changes.channelSeverities ? [...new Set(changes.channelSeverities)] : base.channelSeverities,
  };
}

function mergeTickets(base: TicketDefaults, changes: Partial<TicketDefaults> | undefined): TicketDefaults {
  if (!changes) return base;
  return { ...base, ...changes, priorities: { ...base.priorities, ...changes.priorities } };
}

async function policyOf(tx: Transaction, by: Principal, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  if (!(await tx.oncall.findPolicy(by.tenantId, id))) throw new NotFoundUseCaseError("policy", id);
  return id;
}
