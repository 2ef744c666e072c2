// An Internet message (RFC 5322, MIME) → InboundEmail: what intake needs of an e-mail to a service's address.
// mailparser reads the MIME structure (charsets, encodings, HTML → text); the rules here are Firewatch's.
import { createHash } from "node:crypto";
import { simpleParser } from "mailparser";
import { MAX_EMAIL_TEXT, type InboundEmail } from "../../domain/inbound-email.ts";
import { MAX_TITLE_LENGTH } from "../../domain/incident.ts";
import { clip } from "../../domain/text.ts";
import { replyText, subjectParts } from "./email-text.ts";

/** The fields of a parsed message the mapping reads (mailparser's ParsedMail has them). */
export interface MailFields {
  readonly subject?: string | undefined;
  /** The text part, or the HTML part converted to text. */
  readonly text?: string | undefined;
  readonly messageId?: string | undefined;
  readonly inReplyTo?: string | undefined;
  readonly references?: string | readonly string[] | undefined;
  readonly from?: { readonly value: readonly { readonly address?: string | undefined; readonly name: string }[] };
}

/** A Message-ID longer than this is keyed by its digest (inbox and timeline keys stay small). */
const MAX_KEY_ID = 250;
/** How many earlier messages a reply's headers may name that are looked up. */
const MAX_ANSWERS = 20;
/** Code points, so that even a subject of astral characters stays within MAX_TITLE_LENGTH UTF-16 units. */
const MAX_TITLE = Math.floor(MAX_TITLE_LENGTH / 2);

const sha256 = (data: string | Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

/** `<id@host>` (or bare) → `id@host`; null when blank. */
function bareId(value: string): string | null {
  const id = value.trim().replace(/^<|>$/g, "").trim();
  return id ? id : null;
}

/** The inbox key of a Message-ID (see InboundEmail.messageKey). */
export function messageKeyOf(messageId: string): string {
  return messageId.length > MAX_KEY_ID ? sha256(messageId) : messageId;
}

/** Every `<id>` in a header value; a value without brackets is one id. */
function idsIn(value: string | readonly string[] | undefined): string[] {
  const values = value === undefined ? [] : typeof value === "string" ? [value] : [...value];
  return values.flatMap((v) => {
    const bracketed = [...v.matchAll(/<([^<>]+)>/g)].map((m) => m[1]!.trim());
    const ids = bracketed.length ? bracketed : [bareId(v)];
    return ids.filter((id): id is string => Boolean(id));
  });
}

export interface MessageContext {
  /** The message as received, for the key of a message without Message-ID. */
  readonly raw: Buffer;
  /** MAIL FROM of the SMTP envelope: the sender when the message has no From. */
  readonly envelopeFrom: string | null;
  readonly receivedAt: Date;
}

/** PostgreSQL text and jsonb cannot hold NUL; a header may encode one. */
const clean = (value: string | undefined) => (value ?? "").replaceAll("\u0000", "");

/** Maps a parsed message; pure (no clock, no I/O). */
export function toInboundEmail(mail: MailFields, context: MessageContext): InboundEmail {
  const messageId = bareId(clean(mail.messageId));
  const from = mail.from?.value.find((a) => a.address || a.name.trim());
  const senderAddress = clip(clean(from?.address).trim(), 320) || context.envelopeFrom || null;
  const sender = clip(clean(from?.name).replace(/\s+/g, " ").trim() || senderAddress || "unknown sender", 255);
  const subject = subjectParts(clean(mail.subject));
  const inReplyTo = idsIn(clean(mail.inReplyTo));
  const references = typeof mail.references === "string" ? clean(mail.references) : mail.references?.map(clean);
  const answers = [...new Set([...inReplyTo, ...idsIn(references).reverse()])].slice(0, MAX_ANSWERS);
  const text = clip(clean(mail.text).replace(/\r\n?/g, "\n").trim(), MAX_EMAIL_TEXT);
  const isReply = subject.isReply || answers.length > 0;
  return {
    messageKey: messageId ? messageKeyOf(messageId) : sha256(context.raw),
    messageId,
    title: clip(subject.title || `E-mail from ${senderAddress ?? sender}`, MAX_TITLE),
    severity: subject.severity,
    text,
    replyText: replyText(text),
    sender,
    senderAddress,
    isReply,
    incidentNumber: isReply ? subject.incidentNumber : null,
    answers: answers.map(messageKeyOf),
    receivedAt: context.receivedAt,
  };
}

/** Reads a raw message with mailparser and maps it. @throws when the message cannot be parsed at all */
export async function readEmail(raw: Buffer, context: Omit<MessageContext, "raw">): Promise<InboundEmail> {
  // Images stay `cid:` links and plain text is not turned into HTML: only the text is kept.
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  return toInboundEmail(mail, { ...context, raw });
}
