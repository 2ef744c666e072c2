// The notifier port for contact kind "email" (pages, reminders of overdue action items, status updates), over SMTP with
// nodemailer (https://nodemailer.com/smtp/).
// SMTP reply classes (https://www.rfc-editor.org/rfc/rfc5321#section-4.2.1): a 5yz reply is a
// permanent refusal (550 mailbox unavailable, 553 bad address), so the page moves on to the person's
// next contact method; a 4yz reply (451, 452) and a dropped or timed-out connection are transient and
// the page job backs off. nodemailer puts the reply code on the error as `responseCode`.
import { createTransport, type NodemailerError } from "nodemailer";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type {
  ContactMethod,
  Delivery,
  NotifierPort,
  PageMessage,
  ReminderMessage,
  StatusUpdateMessage,
} from "../../ports/notifier-port.ts";
import { oneLine } from "../../domain/text.ts";
import { pageHtml, pageSubject, pageText, reminderHtml, reminderText } from "./email-messages.ts";
import {
  statusUpdateHtml,
  statusUpdateMessageId,
  statusUpdateSubject,
  statusUpdateText,
} from "./email-status-update.ts";

export interface EmailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; query parameters become nodemailer options. */
  readonly smtpUrl: string;
  /** The From header, e.g. `Firewatch <pages@example.com>`. */
  readonly from: string;
  /** Connect, greeting and idle-socket limit; 10 s unless set. */
  readonly timeoutMs?: number;
}

// nodemailer waits up to 2 min to connect, 30 s for the greeting and 10 min on an idle socket
// (https://nodemailer.com/smtp/#connection-options, defaults in
// https://nodemailer.com/extras/smtp-connection/#options-reference). A hung or black-holed SMTP
// server would hold a page worker that long while the incident waits; 10 s fails fast and the job
// backs off instead. Timeouts set in the SMTP URL's query string still win over these.
const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends pages and reminders by e-mail. @throws IntegrationError (rejected) on a 5xx reply or a malformed address */
export function emailNotifier(settings: EmailSettings | null): NotifierPort {
  if (!settings) {
    const notConfigured = async (): Promise<Delivery> => {
      throw new IntegrationError(
        "email",
        "not_configured",
        "E-mail pages and reminders need SMTP_URL and a From address",
      );
    };
    return { send: notConfigured, remind: notConfigured, inform: notConfigured };
  }
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    url: settings.smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  const mail = async (
    contact: ContactMethod,
    name: string,
    content: { subject: string; text: string; html: string; headers: Record<string, string>; messageId?: string },
  ): Promise<Delivery> => {
    if (contact.kind !== "email")
      throw new IntegrationError("email", "rejected", `Contact ${contact.id} is ${contact.kind}, not email`);
    if (!/^[^\s@]+@[^\s@]+$/.test(contact.address)) {
      throw new IntegrationError("email", "rejected", `Contact ${contact.id} is not an e-mail address`);
    }
    try {
      const info = await transport.sendMail({
        from: settings.from,
        // An object, not a string: the address is one mailbox and is never read as a list.
        to: { name, address: contact.address },
        ...content,
        // RFC 3834: keeps vacation responders from answering.
        headers: { ...content.headers, "Auto-Submitted": "auto-generated" },
      });
      return { providerId: info.messageId };
    } catch (error) {
      throw rejectionOf(error, contact) ?? error;
    }
  };
  return {
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      return mail(contact, message.recipientName, {
        subject: pageSubject(message),
        text: pageText(message),
        html: pageHtml(message),
        headers: { "X-Firewatch-Page-Id": message.pageId },
      });
    },
    async remind(contact: ContactMethod, reminder: ReminderMessage): Promise<Delivery> {
      return mail(contact, reminder.recipientName, {
        subject: `Overdue action item ${reminder.issueKey}: ${oneLine(reminder.itemTitle)}`,
        text: reminderText(reminder),
        html: reminderHtml(reminder),
        headers: { "X-Firewatch-Reminder-Id": reminder.reminderId },
      });
    },
    // SMTP cannot be asked what it already took: a retry sends again, under the same Message-ID.
    async inform(contact: ContactMethod, update: StatusUpdateMessage): Promise<Delivery> {
      return mail(contact, update.recipientName, {
        subject: statusUpdateSubject(update),
        text: statusUpdateText(update),
        html: statusUpdateHtml(update),
        messageId: statusUpdateMessageId(update),
        headers: { "X-Firewatch-Status-Update-Delivery": update.deliveryId },
      });
    },
  };
}

/** A permanent SMTP refusal as a rejected IntegrationError; null for anything worth retrying. */
function rejectionOf(error: unknown, contact: ContactMethod): IntegrationError | null {
  const smtp = error as NodemailerError;
  const code = smtp.responseCode;
  // 503 (bad sequence of commands) is a session-state error, not a refusal of the page; nodemailer
  // marks it non-permanent too (its `permanent` flag, since 10.2), so it is retried on a new connection.
  if (typeof code === "number" && code >= 500 && code < 600 && code !== 503) {
    const reply = smtp.response ?? smtp.message;
    return new IntegrationError(
      "email",
      "rejected",
      `SMTP server refused the message to contact ${contact.id} (${code}): ${reply}`,
      { cause: error },
    );
  }
  // nodemailer's own envelope checks (no recipient, CR/LF or <> in an address) fail before any reply.
  if (smtp.code === "EENVELOPE" && code === undefined) {
    return new IntegrationError("email", "rejected", `Contact ${contact.id} cannot be mailed: ${smtp.message}`, {
      cause: error,
    });
  }
  return null;
}
