// One NotifierPort over the per-kind adapters (email, webhook, slack), chosen by the contact method.
import {
  NotifierNotConfiguredError,
  type ContactKind,
  type ContactMethod,
  type Delivery,
  type NotifierPort,
  type PageMessage,
  type ReminderMessage,
} from "../../ports/notifier-port.ts";

/** Sends through the notifier for `contact.kind`. @throws NotifierNotConfiguredError when that kind has none */
export function compositeNotifier(byKind: Partial<Record<ContactKind, NotifierPort>>): NotifierPort {
  const notifierFor = (contact: ContactMethod): NotifierPort => {
    const notifier = byKind[contact.kind];
    if (!notifier)
      throw new NotifierNotConfiguredError(`No notifier for ${contact.kind} contacts (contact ${contact.id})`);
    return notifier;
  };
  return {
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      return notifierFor(contact).send(contact, message);
    },
    async remind(contact: ContactMethod, reminder: ReminderMessage): Promise<Delivery> {
      return notifierFor(contact).remind(contact, reminder);
    },
  };
}
