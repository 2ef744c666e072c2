// Setting people up over the API: reading, changing and deactivating a person, who may do which, and that the
// tenant always keeps an active admin. A deactivated person's tokens stop at once and they are never paged.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("people API on $name", (kind) => {
  let svc: TestService;
  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
  };
  const person = async (name: string, role = "responder") =>
    (await call("POST", "/api/users", { name, email: `${name.toLowerCase()}@example.com`, role })).body;
  const tokenOf = async (userId: string) =>
    (await call("POST", `/api/users/${userId}/tokens`, { name: "test" })).body.token as string;
  const adminId = async () => (await call("GET", "/api/me")).body.userId as string;

  beforeAll(async () => {
    svc = await startTestService(kind);
  });
  afterAll(() => svc?.stop());

  it("shows one person, and changes their name, e-mail, role and time zone", async () => {
    const ada = await person("Ada");
    expect(await call("GET", `/api/users/${ada.id}`)).toEqual({
      status: 200,
      body: {
        id: ada.id,
        tenantId: ada.tenantId,
        name: "Ada",
        email: "ada@example.com",
        role: "responder",
        timeZone: "UTC",
        active: true,
      },
    });
    const changed = await call("PATCH", `/api/users/${ada.id}`, {
      name: "Ada Lovelace",
      email: "ADA.L@Example.com",
      role: "viewer",
      timeZone: "Europe/London",
    });
    expect(changed).toMatchObject({
      status: 200,
      body: { name: "Ada Lovelace", email: "ada.l@example.com", role: "viewer", timeZone: "Europe/London" },
    });
    expect((await call("GET", `/api/users/${ada.id}`)).body).toEqual(changed.body);
  });

  it("refuses a bad field naming it, and writes nothing", async () => {
    const bo = await person("Bo");
    for (const [json, field] of [
      [{ name: "Bo B", timeZone: "Mars/Olympus" }, "timeZone"],
      [{ name: "Bo B", timeZone: "+01:00" }, "timeZone"],
      [{ name: "Bo B", email: "not-an-address" }, "email"],
      [{ name: "Bo B", role: "owner" }, "role"],
      [{ name: "Bo B", active: "no" }, "active"],
      [{ name: "Bo B", nickname: "b" }, "nickname"],
    ] as const) {
      const res = await call("PATCH", `/api/users/${bo.id}`, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe("REQUEST.INVALID");
      expect(res.body.error.message).toContain(field);
    }
    expect((await call("PATCH", `/api/users/${bo.id}`, {})).body.error.message).toContain("at least one");
    expect((await call("PATCH", `/api/users/${bo.id}`, { email: "ada.l@example.com" })).body.error).toMatchObject({
      code: "USER.EMAIL_TAKEN",
      message: expect.stringContaining("email"),
    });
    expect((await call("GET", `/api/users/${bo.id}`)).body).toMatchObject({ name: "Bo", email: "bo@example.com" });
  });

  it("answers 404 for a person of another tenant or none", async () => {
    const tenantId = randomUUID();
    const other = randomUUID();
    await svc.database.prisma.tenant.create({ data: { id: tenantId, name: "other" } });
    await svc.database.prisma.user.create({
      data: { id: other, tenantId, name: "Other", email: "other@example.com" },
    });
    for (const [method, json] of [
      ["GET", undefined],
      ["PATCH", { name: "mine now" }],
      ["DELETE", undefined],
    ] as const) {
      expect(await call(method, `/api/users/${other}`, json)).toMatchObject({
        status: 404,
        body: { error: { code: "USER.NOT_FOUND" } },
      });
    }
    expect(await svc.database.prisma.user.findUnique({ where: { id: other } })).toMatchObject({
      name: "Other",
      active: true,
    });
  });

  it("lets a person change their own name and time zone, not their role, and nobody else", async () => {
    const cy = await person("Cy");
    const dee = await person("Dee", "viewer");
    const cyToken = await tokenOf(cy.id);
    const deeToken = await tokenOf(dee.id);
    expect(await call("PATCH", `/api/users/${cy.id}`, { name: "Cy C", timeZone: "Asia/Tokyo" }, cyToken)).toMatchObject(
      { status: 200, body: { name: "Cy C", timeZone: "Asia/Tokyo", role: "responder" } },
    );
    expect(await call("PATCH", `/api/users/${dee.id}`, { timeZone: "America/Chicago" }, deeToken)).toMatchObject({
      status: 200,
    });
    for (const [json, token] of [
      [{ role: "admin" }, cyToken],
      [{ active: false }, deeToken],
    ] as const) {
      const self = token === cyToken ? cy.id : dee.id;
      expect(await call("PATCH", `/api/users/${self}`, json, token)).toMatchObject({
        status: 403,
        body: { error: { code: "AUTH.ADMIN_REQUIRED" } },
      });
    }
    expect(await call("PATCH", `/api/users/${dee.id}`, { name: "renamed by Cy" }, cyToken)).toMatchObject({
      status: 403,
    });
    expect(await call("DELETE", `/api/users/${dee.id}`, undefined, cyToken)).toMatchObject({ status: 403 });
    expect(await call("DELETE", `/api/users/${cy.id}`, undefined, deeToken)).toMatchObject({ status: 403 });
    expect((await call("GET", `/api/users/${cy.id}`, undefined, deeToken)).body).toMatchObject({
      name: "Cy C",
      role: "responder",
      active: true,
    });
  });

  it("keeps an active admin: the last one can be neither demoted nor deactivated", async () => {
    const me = await adminId();
    for (const [method, json, what] of [
      ["PATCH", { role: "responder" }, "make them a responder"],
      ["PATCH", { active: false }, "deactivate them"],
      ["DELETE", undefined, "deactivate them"],
    ] as const) {
      expect(await call(method, `/api/users/${me}`, json)).toMatchObject({
        status: 409,
        body: { error: { code: "USER.LAST_ADMIN", message: expect.stringContaining(what) } },
      });
    }
    const eve = await person("Eve", "admin");
    // Both admins demoted at once: the changes are serialised on the admins' rows, and one admin stays.
    const [a, b] = await Promise.all([
      call("PATCH", `/api/users/${eve.id}`, { role: "responder" }),
      call("PATCH", `/api/users/${me}`, { active: false }),
    ]);
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    // The loser is refused as the last admin, or (when the admin's own demotion won) no longer an admin at all.
    expect([a.status, b.status].find((s) => s !== 200)).toBeOneOf([403, 409]);
    const admins = await svc.database.prisma.user.findMany({ where: { role: "admin", active: true } });
    expect(admins).toHaveLength(1);
    if (b.status === 200) {
      // The bootstrap admin was deactivated and their token revoked with them: brought back for the tests that follow.
      expect((await call("GET", "/api/me")).status).toBe(401);
      await svc.database.prisma.user.update({ where: { id: me }, data: { active: true } });
      await svc.database.prisma.apiToken.updateMany({ where: { userId: me }, data: { revokedAt: null } });
    }
    expect(await call("PATCH", `/api/users/${eve.id}`, { role: "responder" })).toMatchObject({ status: 200 });
  });

  it("deactivates on DELETE: the person's token is refused at once, they are never paged, their history stays", async () => {
    const fay = await person("Fay");
    const gus = await person("Gus");
    const fayToken = await tokenOf(fay.id);
    expect((await call("GET", "/api/me", undefined, fayToken)).status).toBe(200);
    // Fay is also signed in to the console (a session cookie made from her token).
    const session = await fetch(`${svc.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: fayToken }),
    });
    expect(session.status).toBe(201);
    const cookie = session.headers.get("set-cookie")!.split(";")[0]!;
    const meByCookie = async () => (await fetch(`${svc.url}/api/me`, { headers: { cookie } })).status;
    expect(await meByCookie()).toBe(200);
    const policy = (
      await call("POST", "/api/escalation-policies", {
        name: "fay then gus",
        levels: [
          {
            delayMinutes: 5,
            targets: [
              { type: "user", id: fay.id },
              { type: "user", id: gus.id },
            ],
          },
        ],
      })
    ).body;
    const service = (await call("POST", "/api/services", { name: "people-svc", escalationPolicyId: policy.id })).body;

    expect(await call("DELETE", `/api/users/${fay.id}`)).toMatchObject({
      status: 200,
      body: { id: fay.id, name: "Fay", active: false },
    });
    expect(await call("GET", "/api/me", undefined, fayToken)).toMatchObject({
      status: 401,
      body: { error: { code: "AUTH.INVALID_TOKEN" } },
    });
    expect(await meByCookie()).toBe(401);
    const incident = (await call("POST", "/api/incidents", { title: "Disk full", serviceId: service.id })).body;
    const level = await eventually("the escalation level on the timeline", async () =>
      (await call("GET", `/api/incidents/${incident.key}/timeline`)).body.entries.find(
        (e: any) => e.type === "escalation.level",
      ),
    );
    expect(level.body).toBe("Escalation level 1: paging Gus");
    expect(await call("POST", `/api/incidents/${incident.key}/responders`, { userId: fay.id })).toMatchObject({
      status: 409,
      body: { error: { code: "USER.DEACTIVATED" } },
    });
    // Still listed and readable; activated again, their old token stays revoked.
    expect((await call("GET", "/api/users?limit=100")).body.users.map((u: any) => u.name)).toContain("Fay");
    expect(await call("PATCH", `/api/users/${fay.id}`, { active: true })).toMatchObject({ body: { active: true } });
    expect((await call("GET", "/api/me", undefined, fayToken)).status).toBe(401);
  });
});
