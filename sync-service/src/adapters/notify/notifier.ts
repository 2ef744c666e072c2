// One NotifierPort over the per-kind adapters (email, webhook, slack), chosen by the contact method.
import { IntegrationError, type IntegrationName } from "../../ports/integration-errors.ts";
import type {
  ContactKind,
  ContactMethod,
  Delivery,
  NotifierPort,
  PageMessage,
  ReminderMessage,
  StatusUpdateMessage,
} from "../../ports/notifier-port.ts";

/** Who carries each kind of contact. */
const PROVIDER: Record<ContactKind, IntegrationName> = {
  email: "email",
  slack: "slack",
  sms: "twilio",
  voice: "twilio",
  webhook: "webhook",
};

/** Sends through the notifier for `contact.kind`. @throws IntegrationError (not_configured) when that kind has none */
export function compositeNotifier(byKind: Partial<Record<ContactKind, NotifierPort>>): NotifierPort {
  const notifierFor = (contact: ContactMethod): NotifierPort => {
    const notifier = byKind[contact.kind];
    if (!notifier)
      throw new IntegrationError(
        PROVIDER[contact.kind],
        "not_configured",
        `No notifier for ${contact.kind} contacts (contact ${contact.id})`,
      );
    return notifier;
  };
  return {
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      return notifierFor(contact).send(contact, message);
    },
    async remind(contact: ContactMethod, reminder: ReminderMessage): Promise<Delivery> {
      return notifierFor(contact).remind(contact, reminder);
    },
    async inform(contact: ContactMethod, update: StatusUpdateMessage): Promise<Delivery> {
      return notifierFor(contact).inform(contact, update);
    },
  };
}
