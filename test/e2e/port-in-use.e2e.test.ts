// `firewatch start` on a port another program holds exits non-zero with one line naming the port and
// HOST, instead of logging "listening" and serving nothing (Express 5 hands the bind error to its callback).
import net, { type AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { e2eEnvironment, runFirewatch } from "../support/service-process.ts";

const pglite = DATABASE_KINDS.find((kind) => kind.name === "pglite")!;

describe("a taken port", () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("stops start-up with exit 1 and one line naming the port and HOST", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    cleanups.push(() => new Promise((resolve) => holder.close(resolve)));
    const { port } = holder.address() as AddressInfo;
    const env = await e2eEnvironment(pglite, cleanups, { PORT: String(port) });

    const result = await runFirewatch(["start"], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      `firewatch: port ${port} is in use on all interfaces (HOST unset): stop the program that holds it, or set PORT to a free port`,
    ]);
    expect(result.stdout).not.toContain("Firewatch is listening");
  }, 120_000);
});
