// Reading a captured message the way a mail client lists it: its top-level headers (folded lines joined, RFC 5322
// §2.2.3) with encoded words decoded (RFC 2047: =?utf-8?Q?…?= and =?utf-8?B?…?=, as nodemailer writes a subject
// that is not ASCII), and the text and HTML parts.
import type { CapturedMail } from "./index.ts";
import { decodeQuotedPrintable, mailPart } from "./parts.ts";

export interface ReadMail {
  readonly to: string[];
  readonly from: string;
  readonly subject: string;
  readonly receivedAt: number;
  readonly text: string | undefined;
  readonly html: string | undefined;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (whole, charset: string, encoding: string, text: string) => {
      if (!/^(utf-8|us-ascii|iso-8859-1)$/i.test(charset)) return whole;
      if (encoding.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      return decodeQuotedPrintable(text.replace(/_/g, " "));
    });
}

/** The message's top-level headers, lower-cased names, first value of each. */
export function headersOf(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

export function readMail(mail: CapturedMail): ReadMail {
  const headers = headersOf(mail.raw);
  const type = headers.get("content-type") ?? "text/plain";
  const single = !/^multipart\//i.test(type);
  const body = () => {
    const split = mail.raw.search(/\r?\n\r?\n/);
    const text = split < 0 ? "" : mail.raw.slice(split).replace(/^\r?\n\r?\n/, "");
    return /quoted-printable/i.test(headers.get("content-transfer-encoding") ?? "")
      ? decodeQuotedPrintable(text)
      : text;
  };
  return {
    to: mail.to,
    from: headers.get("from") ?? "",
    subject: headers.get("subject") ?? "(no subject)",
    receivedAt: mail.receivedAt,
    text: single ? (/^text\/html/i.test(type) ? undefined : body()) : mailPart(mail.raw, "text/plain"),
    html: single ? (/^text\/html/i.test(type) ? body() : undefined) : mailPart(mail.raw, "text/html"),
  };
}
