// Escalation policies as a list with their levels and the services using each, and their removal: a policy in
// use is kept (409 naming the services), an admin's alone; another tenant's is not there.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("escalation policies API on $name", (kind) => {
  let svc: TestService;
  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
  };
  const ok = async (method: string, path: string, json?: unknown) => {
    const res = await call(method, path, json);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };

  beforeAll(async () => {
    svc = await startTestService(kind);
  });
  afterAll(() => svc?.stop());

  it("lists every policy by name with its levels and the services using it", async () => {
    const ada = await ok("POST", "/api/users", { name: "Ada", email: "ada@example.com" });
    const levels = [{ delayMinutes: 5, targets: [{ type: "user", id: ada.id }] }];
    const web = await ok("POST", "/api/escalation-policies", { name: "Web", repeat: 1, levels });
    const db = await ok("POST", "/api/escalation-policies", { name: "Database", levels });
    const checkout = await ok("POST", "/api/services", { name: "checkout", escalationPolicyId: web.id });
    const search = await ok("POST", "/api/services", { name: "search", escalationPolicyId: web.id });
    await ok("POST", "/api/services", { name: "unpaged" });
    const viewer = await ok("POST", "/api/users", { name: "Vi", email: "vi@example.com", role: "viewer" });
    const token = (await ok("POST", `/api/users/${viewer.id}/tokens`, { name: "t" })).token;
    const list = await call("GET", "/api/escalation-policies", undefined, token);
    expect(list).toEqual({
      status: 200,
      body: {
        policies: [
          { id: db.id, tenantId: db.tenantId, name: "Database", repeat: 0, levels, services: [] },
          {
            id: web.id,
            tenantId: web.tenantId,
            name: "Web",
            repeat: 1,
            levels,
            services: expect.arrayContaining([
              { id: checkout.id, name: "checkout" },
              { id: search.id, name: "search" },
            ]),
          },
        ],
      },
    });
    expect(list.body.policies[1].services).toHaveLength(2);
  });

  it("refuses to delete a policy in use, naming the services; deletes one that is not", async () => {
    const { policies } = await ok("GET", "/api/escalation-policies");
    const web = policies.find((p: any) => p.name === "Web");
    const db = policies.find((p: any) => p.name === "Database");
    const refused = await call("DELETE", `/api/escalation-policies/${web.id}`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "POLICY.IN_USE" } } });
    expect(refused.body.error.message).toContain('"checkout"');
    expect(refused.body.error.message).toContain('"search"');
    expect((await call("GET", `/api/escalation-policies/${web.id}`)).status).toBe(200);

    const responder = await ok("POST", "/api/users", { name: "Re", email: "re@example.com" });
    const token = (await ok("POST", `/api/users/${responder.id}/tokens`, { name: "t" })).token;
    expect(await call("DELETE", `/api/escalation-policies/${db.id}`, undefined, token)).toMatchObject({
      status: 403,
      body: { error: { code: "AUTH.ADMIN_REQUIRED" } },
    });
    expect(await call("DELETE", `/api/escalation-policies/${db.id}`)).toEqual({ status: 204, body: null });
    expect((await call("GET", `/api/escalation-policies/${db.id}`)).status).toBe(404);
    expect(await call("DELETE", `/api/escalation-policies/${db.id}`)).toMatchObject({
      status: 404,
      body: { error: { code: "POLICY.NOT_FOUND" } },
    });
    expect(await call("DELETE", "/api/escalation-policies/not-a-uuid")).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining("policy id") } },
    });
  });

  it("neither lists nor deletes another tenant's policy", async () => {
    const tenantId = randomUUID();
    const id = randomUUID();
    await svc.database.prisma.tenant.create({ data: { id: tenantId, name: "other" } });
    await svc.database.prisma.escalationPolicy.create({ data: { id, tenantId, name: "Theirs", levels: [] } });
    expect((await ok("GET", "/api/escalation-policies")).policies.map((p: any) => p.id)).not.toContain(id);
    expect(await call("DELETE", `/api/escalation-policies/${id}`)).toMatchObject({ status: 404 });
    expect(await svc.database.prisma.escalationPolicy.count({ where: { id } })).toBe(1);
  });
});
