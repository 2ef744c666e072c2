// Whether a Forge user administers their site's Jira: asked of the tracker as the app, remembered for a
// minute per (tenant, account), a denial too; a failed question is neither remembered nor a yes.
import { describe, expect, it } from "vitest";
import type { PermissionQuery, TicketPort, TicketPorts } from "../../ports/ticket-port.ts";
import { ADMIN_ANSWER_TTL_MS, administersTracker } from "./tracker-admin.ts";

function world(admins: Set<string>) {
  const asked: { tenantId: string; accountId: string; query: PermissionQuery }[] = [];
  let failNext = false;
  let now = Date.parse("2026-01-01T00:00:00Z");
  const tickets: TicketPorts = {
    async forTenant(tenantId) {
      return {
        async permissionsOf(accountId: string, query: PermissionQuery) {
          asked.push({ tenantId, accountId, query });
          if (failNext) {
            failNext = false;
            throw new Error("Jira did not answer");
          }
          return { site: admins.has(`${tenantId}/${accountId}`) ? ["administer" as const] : [], issues: [] };
        },
      } as unknown as TicketPort;
    },
  };
  const deps = { tickets, clock: { now: () => new Date(now) } };
  return { deps, asked, admins, advance: (ms: number) => (now += ms), failNextQuestion: () => (failNext = true) };
}

describe("administersTracker", () => {
  it("asks the tenant's tracker for the site's administer right of that account", async () => {
    const w = world(new Set(["t1/ada"]));
    expect(await administersTracker(w.deps, "t1", "ada")).toBe(true);
    expect(await administersTracker(w.deps, "t2", "ada")).toBe(false);
    expect(w.asked).toEqual([
      { tenantId: "t1", accountId: "ada", query: { site: ["administer"] } },
      { tenantId: "t2", accountId: "ada", query: { site: ["administer"] } },
    ]);
  });

  it("remembers a yes and a no for a minute, then asks again", async () => {
    const w = world(new Set(["t1/ada"]));
    await administersTracker(w.deps, "t1", "ada");
    await administersTracker(w.deps, "t1", "bob");
    w.admins.delete("t1/ada");
    w.admins.add("t1/bob");
    w.advance(ADMIN_ANSWER_TTL_MS - 1);
    expect([await administersTracker(w.deps, "t1", "ada"), await administersTracker(w.deps, "t1", "bob")]).toEqual([
      true,
      false,
    ]);
    expect(w.asked).toHaveLength(2);
    w.advance(1);
    expect([await administersTracker(w.deps, "t1", "ada"), await administersTracker(w.deps, "t1", "bob")]).toEqual([
      false,
      true,
    ]);
    expect(w.asked).toHaveLength(4);
  });

  it("lets a failed question fail, remembers nothing of it, and asks again next time", async () => {
    const w = world(new Set(["t1/ada"]));
    w.failNextQuestion();
    await expect(administersTracker(w.deps, "t1", "ada")).rejects.toThrow("Jira did not answer");
    expect(await administersTracker(w.deps, "t1", "ada")).toBe(true);
    expect(w.asked).toHaveLength(2);
  });
});
