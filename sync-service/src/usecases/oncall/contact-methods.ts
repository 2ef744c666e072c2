// A person's contact methods with their notification rules: listed, changed and removed by the person
// themselves or an admin. An address is checked for its kind on every change, as when it was added.
import { contactAddress } from "../../domain/contact-address.ts";
import type { Principal } from "../../domain/principal.ts";
import type { ContactKind, ContactMethod } from "../../ports/notifier-port.ts";
import type { OutboundPort } from "../../ports/outbound-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireSelfOrAdmin } from "../shared/require-role.ts";
import { vetWebhook } from "./add-contact-method.ts";
import { OWN_OR_ADMIN } from "./oncall-errors.ts";

/** A contact method with the rules that use it ("notify me N minutes after I am paged"), soonest first. */
export interface ContactMethodWithRules extends ContactMethod {
  readonly rules: readonly { readonly id: string; readonly delayMinutes: number }[];
}

export interface ContactMethodChanges {
  readonly kind?: ContactKind;
  readonly address?: string;
  /** Replaces the method's rules; an empty list keeps the method without paging through it. */
  readonly rules?: readonly { readonly delayMinutes: number }[];
}

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError (user) */
export async function listContactMethods(
  deps: UseCaseDeps,
  by: Principal,
  userId: string,
): Promise<ContactMethodWithRules[]> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  return deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    return withRules(tx, userId, await tx.oncall.listContacts(userId));
  });
}

/**
 * Changes a contact method's kind, address or rules; the address (the stored one when only the kind changes) is
 * checked for the kind, and a webhook's host against the outbound policy, before anything is written.
 * @throws InvalidContactAddressDomainError naming the address, ForbiddenUseCaseError, NotFoundUseCaseError
 */
export async function updateContactMethod(
  deps: UseCaseDeps & { readonly outbound: OutboundPort },
  by: Principal,
  userId: string,
  id: string,
  changes: ContactMethodChanges,
): Promise<ContactMethodWithRules> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  const current = await deps.uow.run((tx) => contactOf(tx, by, userId, id));
  const kind = changes.kind ?? current.kind;
  const address = contactAddress(kind, changes.address ?? current.address);
  // Outside the transaction: a slow resolver must not hold a database connection.
  if (kind === "webhook") await vetWebhook(deps.outbound, new URL(address));
  return deps.uow.run(async (tx) => {
    const contact = { ...(await contactOf(tx, by, userId, id)), kind, address };
    await tx.people.updateContact(contact);
    if (changes.rules)
      await tx.people.replaceNotificationRules(
        userId,
        id,
        changes.rules.map((r) => r.delayMinutes),
      );
    return (await withRules(tx, userId, [contact]))[0]!;
  });
}

/** Removes a contact method and its rules; pages already sent keep naming it. @throws ForbiddenUseCaseError, NotFoundUseCaseError */
export async function deleteContactMethod(deps: UseCaseDeps, by: Principal, userId: string, id: string): Promise<void> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  await deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    if (!(await tx.people.deleteContact(userId, id))) throw new NotFoundUseCaseError("contact method", id);
  });
}

/** The tenant's person `userId`. @throws NotFoundUseCaseError */
export async function personOf(tx: Transaction, by: Principal, userId: string) {
  const user = await tx.oncall.findUser(by.tenantId, userId);
  if (!user) throw new NotFoundUseCaseError("user", userId);
  return user;
}

/** The person's contact method `id`. @throws NotFoundUseCaseError */
export async function contactOf(tx: Transaction, by: Principal, userId: string, id: string): Promise<ContactMethod> {
  await personOf(tx, by, userId);
  const contact = await tx.people.findContact(userId, id);
  if (!contact) throw new NotFoundUseCaseError("contact method", id);
  return contact;
}

async function withRules(
  tx: Transaction,
  userId: string,
  contacts: readonly ContactMethod[],
): Promise<ContactMethodWithRules[]> {
  const rules = await tx.oncall.listNotificationRules(userId);
  return contacts.map((c) => ({
    id: c.id,
    userId: c.userId,
    kind: c.kind,
    address: c.address,
    rules: rules.filter((r) => r.contactMethodId === c.id).map((r) => ({ id: r.id, delayMinutes: r.delayMinutes })),
  }));
}
