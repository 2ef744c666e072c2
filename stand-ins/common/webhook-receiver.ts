// A tiny HTTP endpoint that records webhook deliveries (raw body, parsed JSON, headers), for tests of the
// emulators and of code that consumes their webhooks. `respondWith` sets the statuses answered to the next
// deliveries; `delayMs` holds each answer back.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./http-request.ts";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  json: Record<string, any>;
  receivedAt: number;
}

export class RecordingWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  url = "";
  /** Milliseconds to wait before answering each delivery. */
  delayMs = 0;
  private statuses: number[] = [];
  private server: Server | undefined;

  /** `path` names the endpoint in its URL; `okStatus` is what it answers when nothing else is queued. */
  constructor(
    private readonly path: string,
    private readonly okStatus: number,
  ) {}

  /** Answer the next deliveries with these statuses (then `okStatus` again). */
  respondWith(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  async start(): Promise<string> {
    const server = createServer(async (req, res) => {
      const raw = await readBody(req);
      this.received.push({
        headers: req.headers,
        raw,
        json: JSON.parse(raw) as Record<string, any>,
        receivedAt: Date.now(),
      });
      const status = this.statuses.shift() ?? this.okStatus;
      setTimeout(() => res.writeHead(status).end(), this.delayMs);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${this.path}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
