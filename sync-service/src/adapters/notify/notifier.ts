// One NotifierPort over the per-kind adapters (email, webhook, slack), chosen by the contact method.
import {
  NotifierNotConfiguredError,
  type ContactKind,
  type ContactMethod,
  type Delivery,
  type NotifierPort,
  type PageMessage,
} from "../../ports/notifier-port.ts";

/** Sends through the notifier for `contact.kind`. @throws NotifierNotConfiguredError when that kind has none */
export function compositeNotifier(byKind: Partial<Record<ContactKind, NotifierPort>>): NotifierPort {
  return {
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      const notifier = byKind[contact.kind];
      if (!notifier) throw new NotifierNotConfiguredError(`No notifier for ${contact.kind} contacts (contact ${contact.id})`);
      return notifier.send(contact, message);
    },
  };
}
