import type { ContactKind } from "../domain/contact-address.ts";
import type { DeliveryReport } from "../domain/delivery-report.ts";

export type { ContactKind, DeliveryReport };

export interface ContactMethod {
  readonly id: string;
  readonly userId: string;
  readonly kind: ContactKind;
  /** email: the address; slack: the Slack member id (U…, W…); sms/voice: an E.164 number; webhook: the http(s) URL (domain/contact-address.ts). */
  readonly address: string;
}

/** A page's personal one-time links (see domain/page-link.ts), for channels that can show a link. */
export interface PageLinkUrls {
  /** `PUBLIC_URL/act/<token>` links that acknowledge or resolve, after a confirmation page; null when not sent. */
  readonly actionUrls: { readonly acknowledge: string; readonly resolve: string } | null;
  /** `PUBLIC_URL/signin/<token>`: signs the person in to the console at the incident; null when not sent. */
  readonly signInUrl: string | null;
}

/** One page: what the person is told about the incident. */
export interface PageMessage extends PageLinkUrls {
  readonly pageId: string;
  readonly incidentId: string;
  readonly incidentKey: string;
  readonly title: string;
  readonly severity: string;
  readonly status: string;
  /** The incident in Firewatch. */
  readonly url: string;
  /** Escalation level (1-based) that paged, or null for a responder added by hand; and the person's name. */
  readonly level: number | null;
  readonly recipientName: string;
  /** The incident's conference bridge (its own, or its service's), for every channel that can show a link. */
  readonly bridge?: { readonly url: string; readonly dialIn?: string } | null;
  /**
   * An earlier attempt of this page started and did not record its outcome (the service died, or the
   * provider timed out): it may have been delivered. Providers that can look up what they sent (Slack)
   * check before sending again; the others send again (at-least-once).
   */
  readonly mayHaveBeenSent: boolean;
  /**
   * A test page a person sent to check a contact method (no incident, `incidentKey` "TEST"): nothing to answer, so
   * it carries no buttons, reply hint or key prompt, and its delivery is not tracked.
   */
  readonly test?: boolean;
  /** A practice incident: every channel says DRILL first (domain/drill-marks.ts). */
  readonly drill?: boolean;
}

/** A reminder to the owner of an overdue action item (Slack DM or e-mail only). */
export interface ReminderMessage {
  /** Names the reminder (`<itemId>:<date>`); the same on a retry of the same day's reminder. */
  readonly reminderId: string;
  readonly incidentKey: string;
  readonly incidentTitle: string;
  readonly itemTitle: string;
  readonly issueKey: string;
  /** The issue in the tracker, when its base URL is known. */
  readonly issueUrl: string | null;
  /** `YYYY-MM-DD`. */
  readonly dueDate: string;
  readonly daysOverdue: number;
  readonly recipientName: string;
  /** The incident in Firewatch. */
  readonly url: string;
}

/** An internal status update, told to one subscriber (Slack DM or e-mail only). */
export interface StatusUpdateMessage {
  /** Names this delivery: the same on every retry of it (the e-mail's Message-ID, the Slack message's metadata). */
  readonly deliveryId: string;
  readonly incidentKey: string;
  readonly incidentTitle: string;
  readonly severity: string;
  readonly status: string;
  readonly message: string;
  readonly author: string;
  readonly postedAt: Date;
  readonly recipientName: string;
  /** The incident in Firewatch. */
  readonly url: string;
  readonly bridge: { readonly url: string; readonly dialIn?: string } | null;
  /** The incident is a drill: the update says DRILL first. */
  readonly drill?: boolean;
  /** An earlier attempt started and did not record its outcome: Slack looks in the DM before posting again. */
  readonly mayHaveBeenSent: boolean;
}

export interface Delivery {
  /** The provider's id for what was sent (a Slack message ts, an SMTP message id), when it gives one. */
  readonly providerId: string | null;
}

/**
 * The notifier capability. `send` throws an IntegrationError (integration-errors.ts) that is not transient when
 * this contact method cannot work (bad address, channel not found, 4xx, no provider configured): the page moves
 * on to the person's next rule; any other error is transient and the page job is retried.
 */
export interface NotifierPort {
  send(contact: ContactMethod, message: PageMessage): Promise<Delivery>;
  /** Reminds an action item's owner; errors as for `send` (channels that do not carry reminders reject them). */
  remind(contact: ContactMethod, reminder: ReminderMessage): Promise<Delivery>;
  /** Tells a subscriber of a status update; errors as for `send` (SMS, voice and webhooks reject it). */
  inform(contact: ContactMethod, update: StatusUpdateMessage): Promise<Delivery>;
}
