import { randomUUID } from "node:crypto";
import { contactAddress, InvalidContactAddressDomainError } from "../../domain/contact-address.ts";
import type { Principal } from "../../domain/principal.ts";
import type { ContactKind, ContactMethod } from "../../ports/notifier-port.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { OutboundPort } from "../../ports/outbound-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireSelfOrAdmin } from "../shared/require-role.ts";
import { OWN_OR_ADMIN } from "./oncall-errors.ts";

/**
 * Adds a contact method (the person themselves or an admin) and, unless told otherwise, a notification rule using it at `delayMinutes`.
 * The address is checked for its kind, and a webhook's host against the outbound policy, before anything is written.
 * @throws InvalidContactAddressDomainError naming what to enter, NotFoundUseCaseError
 */
export async function addContactMethod(
  deps: UseCaseDeps & { readonly outbound: OutboundPort },
  by: Principal,
  userId: string,
  input: { kind: ContactKind; address: string; delayMinutes?: number | null },
): Promise<ContactMethod> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  const address = contactAddress(input.kind, input.address);
  // Outside the transaction: a slow resolver must not hold a database connection.
  if (input.kind === "webhook") await vetWebhook(deps.outbound, new URL(address));
  return deps.uow.run(async (tx) => {
    if (!(await tx.oncall.findUser(by.tenantId, userId))) throw new NotFoundUseCaseError("user", userId);
    const contact: ContactMethod = { id: randomUUID(), userId, kind: input.kind, address };
    await tx.oncall.insertContact(contact);
    if (input.delayMinutes !== null) {
      await tx.oncall.insertNotificationRule({
        id: randomUUID(),
        userId,
        contactMethodId: contact.id,
        delayMinutes: input.delayMinutes ?? 0,
      });
    }
    return contact;
  });
}

/** @throws InvalidContactAddressDomainError when the outbound policy refuses the URL's host or it does not resolve */
export async function vetWebhook(outbound: OutboundPort, url: URL): Promise<void> {
  try {
    await outbound.vet(url);
  } catch (error) {
    if (isIntegrationError(error, "rejected")) {
      throw new InvalidContactAddressDomainError(
        "CONTACT.DESTINATION_REFUSED",
        `\`address\`: ${error.message}; enter a URL on the public internet, or ask the operator to allow this one with FIREWATCH_OUTBOUND_ALLOW.`,
      );
    }
    if (isIntegrationError(error, "transient")) {
      throw new InvalidContactAddressDomainError(
        "CONTACT.HOST_UNRESOLVED",
        `\`address\`: ${error.message}; check the host name in the URL.`,
      );
    }
    throw error;
  }
}
