// What creating and changing services share: the input, who may, and how changes merge into the stored defaults.
import { mirrorPolicy, type ConversationDefaults, type MirrorMode } from "../../domain/conversation.ts";
import { validDrillSchedule, type DrillSchedule } from "../../domain/drill-schedule.ts";
import type { Principal } from "../../domain/principal.ts";
import type { TicketDefaults } from "../../domain/service.ts";
import type { CallRoutingInput } from "../../domain/call-routing.ts";
import type { Severity } from "../../domain/severity.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { conferenceBridge, type CrisisDefaults, type SubscriberRef } from "../../domain/crisis.ts";
import { validSubscribers } from "../crisis/subscriber-refs.ts";

export interface ServiceInput {
  readonly name?: string;
  readonly description?: string;
  readonly defaultSeverity?: Severity;
  readonly tickets?: Partial<TicketDefaults>;
  readonly escalationPolicyId?: string | null;
  readonly conversation?: { channelSeverities?: readonly Severity[]; mode?: MirrorMode; reaction?: string | null };
  readonly crisis?: {
    readonly responsePlayId?: string | null;
    readonly conferenceBridge?: { url: string; dialIn?: string | null } | null;
    readonly subscribers?: readonly SubscriberRef[];
  };
  /** null: the service's number takes no calls; absent: unchanged. */
  readonly callRouting?: CallRoutingInput | null;
  /** null clears it; absent keeps it. */
  readonly drillSchedule?: DrillScheduleInput | null;
}

export type DrillScheduleInput = Omit<DrillSchedule, "title" | "severity"> & {
  readonly title?: string | null;
  readonly severity?: Severity | null;
};

/** The drill schedule to store. @throws InvalidInputDomainError naming the bad field */
export function drillScheduleOf(input: DrillScheduleInput | null): DrillSchedule | null {
  return input && validDrillSchedule({ ...input, title: input.title ?? null, severity: input.severity ?? null });
}

/** The refusal of service changes to anyone but an admin (requireAdmin). */
export const ADMINS_ONLY = "Only an admin can change services.";

/** The stored chat defaults with `changes` applied. @throws InvalidInputDomainError for mode "reaction" without a reaction */
export function mergeConversation(
  base: ConversationDefaults,
  changes: ServiceInput["conversation"],
): ConversationDefaults {
  if (!changes) return base;
  const mode = changes.mode ?? base.mode;
  const policy = mirrorPolicy(mode, changes.reaction === undefined ? base.reaction : changes.reaction);
  return {
    ...policy,
    channelSeverities: changes.channelSeverities ? [...new Set(changes.channelSeverities)] : base.channelSeverities,
  };
}

/** The stored ticket defaults with `changes` applied, priorities merged severity by severity. */
export function mergeTickets(base: TicketDefaults, changes: Partial<TicketDefaults> | undefined): TicketDefaults {
  if (!changes) return base;
  return { ...base, ...changes, priorities: { ...base.priorities, ...changes.priorities } };
}

/** The escalation policy id to store: null for none. @throws NotFoundUseCaseError when the tenant has no such policy */
export async function policyOf(tx: Transaction, by: Principal, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  if (!(await tx.oncall.findPolicy(by.tenantId, id))) throw new NotFoundUseCaseError("policy", id);
  return id;
}

/** The stored crisis defaults with `changes` applied, each checked against the tenant. @throws NotFoundUseCaseError, InvalidInputDomainError */
export async function crisisOf(
  tx: Transaction,
  by: Principal,
  base: CrisisDefaults,
  changes: ServiceInput["crisis"],
): Promise<CrisisDefaults> {
  if (!changes) return base;
  const { responsePlayId: playId, conferenceBridge: bridge, subscribers } = changes;
  if (playId && !(await tx.crisis.findPlay(by.tenantId, playId)))
    throw new NotFoundUseCaseError("response play", playId);
  return {
    responsePlayId: playId === undefined ? base.responsePlayId : playId,
    conferenceBridge: bridge === undefined ? base.conferenceBridge : bridge && conferenceBridge(bridge),
    subscribers:
      subscribers === undefined
        ? base.subscribers
        : await validSubscribers(tx, by.tenantId, subscribers, "subscribers"),
  };
}
