// The HTTP server under every emulator: 127.0.0.1 on a free port, and a stop that also cuts
// requests left hanging on purpose (fault `hang`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mountBase, type Mountable, type StandInHandler } from "./mount.ts";

export class LoopbackServer {
  private server: Server | undefined;

  constructor(private readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {}

  /** @returns the base URL, e.g. http://127.0.0.1:40123 */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The handler itself, for a stand-in mounted on another server instead (common/mount.ts). */
  get handler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
    return this.handle;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * The HTTP side of a stand-in: on its own loopback port (`start`) or at another server's path (`mount`); every
 * absolute URL it gives out starts with `url`.
 */
export abstract class StandInHttpServer implements Mountable {
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  url = "";

  async start(): Promise<string> {
    this.url = await this.server.start();
    return this.url;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Serves at `baseUrl` from another server (see mount.ts) instead of listening. */
  mount(baseUrl: string): StandInHandler {
    this.url = mountBase(baseUrl);
    return this.server.handler;
  }

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
