// Where the service listens (docs/configuration.md): HOST picks the interface (all of them by default),
// and a port that is taken stops start-up with a message naming the port and HOST instead of a service
// that says it listens and serves nothing.
import net, { type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService } from "../support/running-service.ts";

// Listening does not depend on the database: the embedded one is enough.
const kind = DATABASE_KINDS.find((k) => k.name === "pglite")!;

describe("where the service listens", () => {
  it("binds to loopback only with HOST=127.0.0.1, and its URL says so", async () => {
    const svc = await startTestService(kind, { env: { HOST: "127.0.0.1" } });
    try {
      const address = svc.server.address() as AddressInfo;
      expect(address).toMatchObject({ address: "127.0.0.1", family: "IPv4" });
      expect(svc.url).toBe(`http://127.0.0.1:${address.port}`);
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    } finally {
      await svc.stop();
    }
  });

  it("listens on all interfaces without HOST", async () => {
    const svc = await startTestService(kind);
    try {
      expect(["::", "0.0.0.0"]).toContain((svc.server.address() as AddressInfo).address);
    } finally {
      await svc.stop();
    }
  });

  it("refuses a port that is taken, naming the port and HOST", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      await expect(startTestService(kind, { env: { PORT: String(port), HOST: "127.0.0.1" } })).rejects.toThrow(
        `port ${port} is in use on HOST 127.0.0.1`,
      );
    } finally {
      holder.close();
    }
  });
});
