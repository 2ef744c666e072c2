// Checking who a list names (a play's or a service's subscribers and responders) against the tenant, at save.
import {
  MAX_SUBSCRIBERS_PER_LIST,
  subscriberEmail,
  subscriberKey,
  type PlayResponder,
  type SubscriberRef,
} from "../../domain/crisis.ts";
import { AppError, InvalidInputDomainError } from "../../domain/errors.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";

const unknown = (field: string, what: string, id: string) =>
  new InvalidInputDomainError(
    "CRISIS.UNKNOWN_REFERENCE",
    `\`${field}\`: no ${what} ${JSON.stringify(id)} exists in this site; pick one from the list.`,
  );

function checkLength(field: string, count: number): void {
  if (count > MAX_SUBSCRIBERS_PER_LIST)
    throw new InvalidInputDomainError(
      "CRISIS.TOO_MANY",
      `\`${field}\`: at most ${MAX_SUBSCRIBERS_PER_LIST} entries; subscribe a team instead of its members.`,
    );
}

/** The subscribers, addresses checked and lower-cased, duplicates dropped. @throws InvalidInputDomainError naming the field */
export async function validSubscribers(
  tx: Transaction,
  tenantId: string,
  refs: readonly SubscriberRef[],
  field: string,
): Promise<SubscriberRef[]> {
  checkLength(field, refs.length);
  const seen = new Set<string>();
  const out: SubscriberRef[] = [];
  for (const ref of refs) {
    const valid = await validSubscriber(tx, tenantId, ref, field);
    const { kind, ref: key } = subscriberKey(valid);
    if (seen.has(`${kind}:${key}`)) continue;
    seen.add(`${kind}:${key}`);
    out.push(valid);
  }
  return out;
}

/** One subscriber, checked. @throws InvalidInputDomainError (InvalidContactAddressDomainError for an address) */
export async function validSubscriber(
  tx: Transaction,
  tenantId: string,
  ref: SubscriberRef,
  field: string,
): Promise<SubscriberRef> {
  if ("userId" in ref) {
    if (!(await tx.oncall.findUser(tenantId, ref.userId))) throw unknown(field, "person", ref.userId);
    return { userId: ref.userId };
  }
  if ("teamId" in ref) {
    if (!(await tx.teams.find(tenantId, ref.teamId))) throw unknown(field, "team", ref.teamId);
    return { teamId: ref.teamId };
  }
  try {
    return { email: subscriberEmail(ref.email) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new InvalidInputDomainError(error.code, `\`${field}\`: ${error.message}`, { cause: error });
  }
}

/** A play's responders, each found in the tenant. @throws InvalidInputDomainError naming the field */
export async function validResponders(
  tx: Transaction,
  tenantId: string,
  responders: readonly PlayResponder[],
  field: string,
): Promise<PlayResponder[]> {
  checkLength(field, responders.length);
  const out = new Map<string, PlayResponder>();
  for (const r of responders) {
    const found =
      r.type === "user"
        ? await tx.oncall.findUser(tenantId, r.id)
        : r.type === "team"
          ? await tx.teams.find(tenantId, r.id)
          : await tx.oncall.findSchedule(tenantId, r.id);
    if (!found) throw unknown(field, r.type === "user" ? "person" : r.type, r.id);
    out.set(`${r.type}:${r.id}`, { type: r.type, id: r.id });
  }
  return [...out.values()];
}

/** The display name of each subscriber: the person's or team's name, or the address. */
export async function subscriberName(tx: Transaction, tenantId: string, ref: SubscriberRef): Promise<string> {
  if ("userId" in ref) return (await tx.oncall.findUser(tenantId, ref.userId))?.name ?? "(removed person)";
  if ("teamId" in ref) return (await tx.teams.find(tenantId, ref.teamId))?.name ?? "(removed team)";
  return ref.email;
}
