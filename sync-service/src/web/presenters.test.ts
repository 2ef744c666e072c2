// GET /api/me's body: who the caller is, and the sandbox's links only when the service runs as one.
import { describe, expect, it } from "vitest";
import { presentMe } from "./presenters.ts";

const principal = { userId: "u1", tenantId: "t1", name: "Ada", role: "admin" as const, trackerAccountId: "acc-1" };

describe("presentMe", () => {
  it("says who the caller is, and nothing of the tenant or tracker account", () => {
    expect(presentMe(principal)).toEqual({ userId: "u1", name: "Ada", role: "admin" });
  });

  it("carries the sandbox's links in a sandbox", () => {
    const sandbox = { links: [{ name: "Slack", url: "/sandbox/slack/_view/" }] };
    expect(presentMe(principal, sandbox)).toEqual({ userId: "u1", name: "Ada", role: "admin", sandbox });
  });
});
