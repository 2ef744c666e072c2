import type { AlertEvent } from "./alert.ts";
import { alertSeverityOf, type Severity } from "./severity.ts";
import type { NewTimelineEntry } from "./timeline-entries.ts";

/** Bodies are cut to this many characters: the incident description and a note both take it. */
export const MAX_EMAIL_TEXT = 10_000;

/**
 * An e-mail to a service's address (`<integrationKey>@…`), as intake needs it; formats/email reads it from the
 * MIME message. Opens an incident, or is a note on the incident it answers.
 */
export interface InboundEmail {
  /**
   * What identifies the message in the inbox: its Message-ID, or `sha256:<hex>` of the raw message when it has
   * none (or one too long to key by), so a redelivery of the same message is recognised.
   */
  readonly messageKey: string;
  /** The Message-ID as written (without angle brackets), when there is one. */
  readonly messageId: string | null;
  /** The subject on one line, severity tag taken off; "E-mail from …" when blank. */
  readonly title: string;
  /** From a `[SEV1]`…`[SEV4]` tag in the subject; null takes the service's default. */
  readonly severity: Severity | null;
  /** The body as text (HTML converted), at most MAX_EMAIL_TEXT characters. */
  readonly text: string;
  /** The body without the quoted earlier message a reply carries: the note's text. */
  readonly replyText: string;
  /** Who sent it, as the timeline names them: the From name, else the address. */
  readonly sender: string;
  readonly senderAddress: string | null;
  /** Whether it reads as a reply: a `Re:`-like subject, or In-Reply-To / References. */
  readonly isReply: boolean;
  /** The incident number a reply's subject names (`INC-42`); null when none, or not a reply. */
  readonly incidentNumber: number | null;
  /** The message keys it answers: In-Reply-To first, then References from the newest. */
  readonly answers: readonly string[];
  readonly receivedAt: Date;
}

/** The trigger an e-mail that opens an incident stands for; severity from its tag or the service's default. */
export function emailAlertEvent(email: InboundEmail, defaultSeverity: Severity): AlertEvent {
  return {
    origin: "email",
    eventId: email.messageKey,
    action: "trigger",
    dedupKey: email.messageKey,
    summary: email.title,
    source: email.sender,
    severity: alertSeverityOf(email.severity ?? defaultSeverity),
    occurredAt: email.receivedAt,
    details: {
      from: email.senderAddress,
      messageId: email.messageId,
      body: email.text,
    },
    description: email.text,
  };
}

/** A reply as a note on the incident it answers, keyed by the message so a redelivery is one entry. */
export function emailNoteEntry(incidentId: string, id: string, email: InboundEmail): NewTimelineEntry & { id: string } {
  return {
    id,
    incidentId,
    type: "note",
    source: "email",
    sourceId: email.messageKey,
    occurredAt: email.receivedAt,
    author: email.sender,
    body: email.replyText || email.text || email.title,
    data: { via: "email", from: email.senderAddress, messageId: email.messageId, subject: email.title },
  };
}
