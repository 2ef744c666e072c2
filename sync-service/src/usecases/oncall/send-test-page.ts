import { randomUUID } from "node:crypto";
import type { Principal } from "../../domain/principal.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { NotifierPort, PageMessage } from "../../ports/notifier-port.ts";
import type { OutboundPort } from "../../ports/outbound-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { requireSelfOrAdmin } from "../shared/require-role.ts";
import { vetWebhook } from "./add-contact-method.ts";
import { contactOf } from "./contact-methods.ts";
import { OWN_OR_ADMIN } from "./oncall-errors.ts";

export interface TestPageOutcome {
  readonly outcome: "sent" | "failed";
  /** What the provider said: accepted (with its id), or why not. */
  readonly detail: string;
}

const NO_INCIDENT = "00000000-0000-0000-0000-000000000000";

/**
 * Sends a test page through the same notifier a real page takes, with no incident, and tells what became of it.
 * A webhook's URL is checked against the outbound policy first, as when it is saved. Nothing is recorded.
 * @throws InvalidContactAddressDomainError (a refused webhook), ForbiddenUseCaseError, NotFoundUseCaseError
 */
export async function sendTestPage(
  deps: UseCaseDeps & { readonly notifier: NotifierPort; readonly outbound: OutboundPort; readonly publicUrl: string },
  by: Principal,
  userId: string,
  id: string,
): Promise<TestPageOutcome> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  const { contact, name } = await deps.uow.run(async (tx) => {
    const user = await tx.oncall.findUser(by.tenantId, userId);
    return { contact: await contactOf(tx, by, userId, id), name: user!.name };
  });
  if (contact.kind === "webhook") await vetWebhook(deps.outbound, new URL(contact.address));
  const message: PageMessage = {
    pageId: `test-${randomUUID()}`,
    incidentId: NO_INCIDENT,
    incidentKey: "TEST",
    title: `Test page for ${name} from Firewatch; nothing to do`,
    severity: "SEV4",
    status: "test",
    url: `${deps.publicUrl}/people`,
    level: null,
    // Nothing to act on, and no one-time links to mint for a test.
    actionUrls: null,
    signInUrl: null,
    recipientName: name,
    mayHaveBeenSent: false,
    test: true,
  };
  try {
    const delivery = await deps.notifier.send(contact, message);
    const id = delivery.providerId ? ` (its id: ${delivery.providerId})` : "";
    return { outcome: "sent", detail: `The ${contact.kind} provider accepted the test page${id}.` };
  } catch (error) {
    // Adapters' errors name the contact and the provider's status, never a secret or a remote body.
    const said = isIntegrationError(error) || (error as Error)?.name === "Error" ? (error as Error).message : null;
    return { outcome: "failed", detail: said ?? `The ${contact.kind} provider could not be reached; try again later.` };
  }
}
