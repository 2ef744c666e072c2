// Teams over the API: named sets of the tenant's people, set up by admins, read by everyone; a team is an
// escalation-policy target whose level pages every active member, and a team a policy targets is not deleted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("teams API on $name", (kind) => {
  let svc: TestService;
  let ada: any;
  let bob: any;
  let cy: any;
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
  const person = (name: string, role = "responder") =>
    ok("POST", "/api/users", { name, email: `${name.toLowerCase()}@example.com`, role });

  beforeAll(async () => {
    svc = await startTestService(kind);
    [ada, bob, cy] = [await person("Ada"), await person("Bob"), await person("Cy")];
  });
  afterAll(() => svc?.stop());

  it("creates, lists, reads, changes and deletes a team", async () => {
    const created = await call("POST", "/api/teams", { name: " Payments ", members: [ada.id, bob.id, ada.id] });
    expect(created).toEqual({
      status: 201,
      body: { id: expect.any(String), tenantId: ada.tenantId, name: "Payments", members: [ada.id, bob.id] },
    });
    const id = created.body.id;
    await ok("POST", "/api/teams", { name: "Data" });
    expect((await ok("GET", "/api/teams")).teams.map((t: any) => [t.name, t.members.length])).toEqual([
      ["Data", 0],
      ["Payments", 2],
    ]);
    expect(await call("PATCH", `/api/teams/${id}`, { members: [cy.id, bob.id] })).toMatchObject({
      status: 200,
      body: { name: "Payments", members: [cy.id, bob.id] },
    });
    expect(await call("PATCH", `/api/teams/${id}`, { name: "Billing" })).toMatchObject({
      body: { name: "Billing", members: [cy.id, bob.id] },
    });
    expect((await ok("GET", `/api/teams/${id}`)).members).toEqual([cy.id, bob.id]);
    expect(await call("DELETE", `/api/teams/${id}`)).toEqual({ status: 204, body: null });
    expect(await call("GET", `/api/teams/${id}`)).toMatchObject({
      status: 404,
      body: { error: { code: "TEAM.NOT_FOUND" } },
    });
  });

  it("refuses a bad field naming it, an unknown member, a taken name, and writes nothing", async () => {
    const team = await ok("POST", "/api/teams", { name: "Infra", members: [ada.id] });
    const stranger = randomUUID();
    for (const [method, path, json, code, field] of [
      ["POST", "/api/teams", { name: "" }, "REQUEST.INVALID", "name"],
      ["POST", "/api/teams", { name: "X", members: ["bob"] }, "REQUEST.INVALID", "members[0]"],
      ["POST", "/api/teams", { name: "X", members: [ada.id, stranger] }, "TEAM.UNKNOWN_MEMBER", "members[1]"],
      ["POST", "/api/teams", { name: "X", lead: ada.id }, "REQUEST.INVALID", "lead"],
      ["PATCH", `/api/teams/${team.id}`, {}, "REQUEST.INVALID", "at least one"],
      ["PATCH", `/api/teams/${team.id}`, { name: "Renamed", members: [stranger] }, "TEAM.UNKNOWN_MEMBER", "members[0]"],
    ] as const) {
      const res = await call(method, path, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toContain(field);
    }
    expect((await call("POST", "/api/teams", { name: "Infra" })).body.error).toMatchObject({
      code: "TEAM.NAME_TAKEN",
      message: expect.stringContaining("name"),
    });
    expect(await ok("GET", `/api/teams/${team.id}`)).toMatchObject({ name: "Infra", members: [ada.id] });
    expect((await ok("GET", "/api/teams")).teams.map((t: any) => t.name)).not.toContain("X");
  });

  it("lets responders and viewers read teams, only admins change them", async () => {
    const team = await ok("POST", "/api/teams", { name: "Web", members: [bob.id] });
    const viewer = await person("Vi", "viewer");
    for (const who of [bob, viewer]) {
      const token = (await ok("POST", `/api/users/${who.id}/tokens`, { name: "t" })).token;
      expect((await call("GET", "/api/teams", undefined, token)).status).toBe(200);
      expect((await call("GET", `/api/teams/${team.id}`, undefined, token)).status).toBe(200);
      for (const [method, path, json] of [
        ["POST", "/api/teams", { name: "Mine" }],
        ["PATCH", `/api/teams/${team.id}`, { members: [who.id] }],
        ["DELETE", `/api/teams/${team.id}`, undefined],
      ] as const) {
        expect(await call(method, path, json, token)).toMatchObject({
          status: 403,
          body: { error: { code: "AUTH.ADMIN_REQUIRED" } },
        });
      }
    }
    expect(await ok("GET", `/api/teams/${team.id}`)).toMatchObject({ name: "Web", members: [bob.id] });
  });

  it("neither shows nor changes another tenant's team", async () => {
    const tenantId = randomUUID();
    const id = randomUUID();
    await svc.database.prisma.tenant.create({ data: { id: tenantId, name: "other" } });
    await svc.database.prisma.team.create({ data: { id, tenantId, name: "Theirs" } });
    for (const [method, json] of [
      ["GET", undefined],
      ["PATCH", { name: "Mine" }],
      ["DELETE", undefined],
    ] as const)
      expect(await call(method, `/api/teams/${id}`, json)).toMatchObject({ status: 404 });
    expect((await ok("GET", "/api/teams")).teams.map((t: any) => t.id)).not.toContain(id);
    expect(await svc.database.prisma.team.findUnique({ where: { id } })).toMatchObject({ name: "Theirs" });
  });

  it("pages every active member when a policy level targets the team, and keeps a team in use", async () => {
    const dee = await person("Dee");
    const eve = await person("Eve");
    const team = await ok("POST", "/api/teams", { name: "On call", members: [dee.id, eve.id, ada.id] });
    await ok("DELETE", `/api/users/${ada.id}`);
    const policy = await ok("POST", "/api/escalation-policies", {
      name: "team first",
      levels: [{ delayMinutes: 5, targets: [{ type: "team", id: team.id }] }],
    });
    expect(
      (
        await call("POST", "/api/escalation-policies", {
          name: "unknown team",
          levels: [{ delayMinutes: 5, targets: [{ type: "team", id: randomUUID() }] }],
        })
      ).body.error.code,
    ).toBe("TEAM.NOT_FOUND");
    const service = await ok("POST", "/api/services", { name: "team-svc", escalationPolicyId: policy.id });
    const incident = await ok("POST", "/api/incidents", { title: "Queue stuck", serviceId: service.id });
    const level = await eventually("the escalation level on the timeline", async () =>
      (await ok("GET", `/api/incidents/${incident.key}/timeline`)).entries.find(
        (e: any) => e.type === "escalation.level",
      ),
    );
    expect(level.body).toBe("Escalation level 1: paging Dee, Eve");
    const response = await ok("GET", `/api/incidents/${incident.key}/response`);
    expect(response.levels[0]).toMatchObject({
      targets: [{ type: "team", id: team.id, name: "On call" }],
      onCall: [{ name: "Dee" }, { name: "Eve" }],
    });

    const refused = await call("DELETE", `/api/teams/${team.id}`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: "TEAM.IN_USE" } } });
    expect(refused.body.error.message).toContain('"team first"');
    expect((await call("GET", `/api/teams/${team.id}`)).status).toBe(200);
  });
});
