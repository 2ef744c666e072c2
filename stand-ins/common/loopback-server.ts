// The HTTP server under every emulator: 127.0.0.1 on a free port, and a stop that also cuts
// requests left hanging on purpose (fault `hang`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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
