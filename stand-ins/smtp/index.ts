// A real SMTP listener on loopback that keeps every message it is handed, and reads back a message's text and HTML
// parts (multipart/alternative, quoted-printable or base64, as nodemailer writes them: RFC 2045 §6.7, §6.8).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  readonly to: string[];
  readonly raw: string;
}

function decodeQuotedPrintable(body: string): string {
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

/** The SMTP stand-in: `start()` gives the `SMTP_URL` to configure; `mails` fills as the service sends. */
export class SmtpCapture {
  readonly mails: CapturedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, done) => {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  mailsTo(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
