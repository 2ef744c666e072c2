import net, { type AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it } from "vitest";
import { listen, ListenRefusedWebError } from "./listen.ts";

describe("listening", () => {
  it("answers on HOST, with a URL naming it", async () => {
    const { server, url } = await listen(express(), 0, "127.0.0.1");
    try {
      expect(url).toBe(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.close();
    }
  });

  it("shows loopback in the URL when it listens on all interfaces", async () => {
    const { server, url } = await listen(express(), 0, null);
    try {
      expect(url).toBe(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.close();
    }
  });

  it("refuses a taken port, naming it and HOST", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const refused = await listen(express(), port, "127.0.0.1").catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ListenRefusedWebError);
      expect(refused).toMatchObject({
        code: "SERVER.PORT_IN_USE",
        message: `port ${port} is in use on HOST 127.0.0.1: stop the program that holds it, or set PORT to a free port`,
      });
    } finally {
      holder.close();
    }
  });

  it("refuses a HOST that is no address of this machine", async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local interface.
    await expect(listen(express(), 0, "192.0.2.1")).rejects.toMatchObject({
      code: "SERVER.HOST_UNAVAILABLE",
      message: expect.stringMatching(/^HOST 192\.0\.2\.1 is not an address of this machine/),
    });
  });
});
