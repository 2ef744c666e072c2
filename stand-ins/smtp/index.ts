// A real SMTP listener on loopback that keeps every message it is handed, and reads back a message's text and HTML
// parts (parts.ts). Its mailbox is also a web page (mail-view.ts): `startHttp()` serves it on its own port, or a host
// mounts `handleHttp` and sets `baseUrl` to where it is mounted.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { LoopbackServer } from "../common/loopback-server.ts";
import type { StandInView } from "../common/view/view-server.ts";
import { mailView } from "./mail-view.ts";

export { mailPart } from "./parts.ts";

export interface CapturedMail {
  readonly to: string[];
  readonly raw: string;
  /** When the message arrived (ms since the epoch). */
  readonly receivedAt: number;
}

/** The SMTP stand-in: `start()` gives the `SMTP_URL` to configure; `mails` fills as the service sends. */
export class SmtpCapture {
  readonly mails: CapturedMail[] = [];
  /** Where the mailbox pages are reached (`<baseUrl>/_view/`): set by startHttp(), or by whoever mounts handleHttp. */
  baseUrl = "";
  private readonly view: StandInView = mailView({ mails: this.mails, baseUrl: () => this.baseUrl });
  private readonly http = new LoopbackServer((req, res) => this.handleHttp(req, res));
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData: (stream, session, done) => {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, receivedAt: Date.now() });
        done();
      });
    },
  });

  constructor() {
    // A client that vanishes mid-session (a service killed while sending) is the connection's error, which
    // smtp-server re-emits on the server: unheard, it would end this process. A mail server keeps serving; the
    // message cut short is not kept, as it was never accepted.
    this.server.on("error", () => {});
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** Serves the mailbox pages on 127.0.0.1, a free port; returns that base URL. */
  async startHttp(): Promise<string> {
    this.baseUrl = await this.http.start();
    return this.baseUrl;
  }

  /** The mailbox pages' request handler (paths under `/_view/`, with or without `baseUrl`'s path in front). */
  async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mailbox");
    if (this.view.handles(url.pathname)) return this.view.handle(req, res, url);
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("The mailbox's pages are under /_view/.");
  }

  mailsTo(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await this.http.stop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
