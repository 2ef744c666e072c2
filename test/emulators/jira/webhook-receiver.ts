// A tiny HTTP endpoint that records webhook deliveries (raw body + headers), for tests of the emulator and of code
// that consumes Jira webhooks. `respondWith` sets the status answered to the next deliveries.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  json: Record<string, any>;
  receivedAt: number;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  url = "";
  private statuses: number[] = [];
  private server: Server | undefined;

  /** Answer the next deliveries with these statuses (then 204 again). */
  respondWith(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        this.received.push({ headers: req.headers, raw, json: JSON.parse(raw) as Record<string, any>, receivedAt: Date.now() });
        res.writeHead(this.statuses.shift() ?? 204).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jira-webhook`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  byEvent(event: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json.webhookEvent === event);
  }
}

/** What a consumer must do: HMAC-SHA256 of the raw body with the shared secret, compared in constant time. */
export function verifyJiraSignature(raw: string, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(raw, "utf8").digest();
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
