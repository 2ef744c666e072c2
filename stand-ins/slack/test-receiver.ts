// A small stand-in for the service's Slack endpoint, for the emulator's own tests: it records every request, checks
// the signature with node:crypto the way "Verifying requests from Slack" says (HMAC-SHA256 of "v0:<ts>:<raw body>",
// constant-time compare, timestamp within five minutes) and answers what the test tells it to.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LoopbackServer } from "../common/loopback-server.ts";

export interface ReceivedRequest {
  headers: IncomingMessage["headers"];
  rawBody: string;
  /** Parsed JSON, or the form fields of a form body. */
  body: Record<string, any>;
  signatureValid: boolean;
  /** The timestamp is within five minutes of now. */
  fresh: boolean;
}

export interface Answer {
  status: number;
  body?: string;
  contentType?: string;
  delayMs?: number;
}

export class TestReceiver {
  readonly received: ReceivedRequest[] = [];
  /** How to answer each request (default 200, empty body). */
  answer: (req: ReceivedRequest) => Answer = () => ({ status: 200 });
  inFlight = 0;
  maxInFlight = 0;
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  url = "";

  constructor(private readonly secret: string) {}

  async start(): Promise<string> {
    this.url = `${await this.server.start()}/slack/events`;
    return this.url;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const ts = String(req.headers["x-slack-request-timestamp"] ?? "");
    const expected = Buffer.from(`v0=${createHmac("sha256", this.secret).update(`v0:${ts}:${rawBody}`).digest("hex")}`);
    const given = Buffer.from(String(req.headers["x-slack-signature"] ?? ""));
    const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
    const fresh = Math.abs(Date.now() / 1000 - Number(ts)) <= 60 * 5;
    const form = String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded");
    const body = form ? Object.fromEntries(new URLSearchParams(rawBody)) : (JSON.parse(rawBody) as Record<string, any>);
    const entry: ReceivedRequest = { headers: req.headers, rawBody, body, signatureValid, fresh };
    this.received.push(entry);
    const answer = this.answer(entry);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    this.inFlight -= 1;
    if (!res.destroyed)
      res.writeHead(answer.status, { "Content-Type": answer.contentType ?? "text/plain" }).end(answer.body ?? "");
  }
}
