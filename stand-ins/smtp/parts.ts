// The parts of a raw message as nodemailer writes them: multipart/alternative with a text and an HTML part, each
// quoted-printable or base64 (RFC 2045 §6.7, §6.8).

export function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The decoded body of the first part of `type` (text/plain, text/html) in a raw message. */
export function mailPart(raw: string, type: "text/plain" | "text/html"): string | undefined {
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!new RegExp(`^Content-Type: ${type}`, "im").test(headers)) continue;
    const body = part
      .slice(split)
      .replace(/^\r?\n\r?\n/, "")
      .replace(/\r?\n--[^\r\n]+--\s*$/, "");
    if (/^Content-Transfer-Encoding: quoted-printable/im.test(headers)) return decodeQuotedPrintable(body);
    if (/^Content-Transfer-Encoding: base64/im.test(headers)) return Buffer.from(body, "base64").toString("utf8");
    return body;
  }
  return undefined;
}
