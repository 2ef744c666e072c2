// A tiny HTTP endpoint that records Statuspage webhook deliveries, for tests of the emulator and of code that consumes
// them. `respondWith` sets the statuses answered to the next deliveries; `delayMs` holds each answer back.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  raw: string;
  json: Record<string, any>;
  receivedAt: number;
}

export class StatuspageWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  url = "";
  /** Milliseconds to wait before answering each delivery. */
  delayMs = 0;
  private statuses: number[] = [];
  private server: Server | undefined;

  /** Answer the next deliveries with these statuses (then 200 again). */
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
        const status = this.statuses.shift() ?? 200;
        setTimeout(() => res.writeHead(status).end(), this.delayMs);
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/statuspage-webhook`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Incident deliveries (bodies with `incident`), in arrival order. */
  incidents(): Record<string, any>[] {
    return this.received.filter((r) => "incident" in r.json).map((r) => r.json);
  }

  /** Component deliveries (bodies with `component_update`), in arrival order. */
  componentUpdates(): Record<string, any>[] {
    return this.received.filter((r) => "component_update" in r.json).map((r) => r.json);
  }
}
