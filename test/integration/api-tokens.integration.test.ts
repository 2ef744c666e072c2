// A person's API tokens over the API: issued once (by an admin), listed with their last use (recorded at most
// once a minute), and revoked by the person or an admin — a revoked token is refused from the next request on.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("API tokens on $name", (kind) => {
  let svc: TestService;
  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
  };
  const person = async (name: string, role = "responder") =>
    (await call("POST", "/api/users", { name, email: `${name.toLowerCase()}@example.com`, role })).body;

  beforeAll(async () => {
    svc = await startTestService(kind);
  });
  afterAll(() => svc?.stop());

  it("issues a token shown once, lists it with its last use, and revokes it at once", async () => {
    const ada = await person("Ada");
    const issued = await call("POST", `/api/users/${ada.id}/tokens`, { name: "laptop" });
    expect(issued).toEqual({
      status: 201,
      body: {
        id: expect.any(String),
        userId: ada.id,
        name: "laptop",
        createdAt: expect.any(String),
        lastUsedAt: null,
        token: expect.stringMatching(/^fw_/),
      },
    });
    const { id, token } = issued.body;
    const list = async () => (await call("GET", `/api/users/${ada.id}/tokens`)).body.tokens;
    expect(await list()).toEqual([{ id, name: "laptop", createdAt: issued.body.createdAt, lastUsedAt: null }]);

    expect((await call("GET", "/api/me", undefined, token)).status).toBe(200);
    const [used] = await list();
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(issued.body.createdAt));
    // Within the minute, another use writes nothing.
    expect((await call("GET", "/api/me", undefined, token)).status).toBe(200);
    expect((await list())[0].lastUsedAt).toBe(used.lastUsedAt);
    // A minute later (set back in the database), the next use records it again.
    const earlier = new Date(Date.now() - 120_000);
    await svc.database.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: earlier } });
    await call("GET", "/api/me", undefined, token);
    expect(Date.parse((await list())[0].lastUsedAt)).toBeGreaterThan(earlier.getTime());

    expect(await call("DELETE", `/api/users/${ada.id}/tokens/${id}`)).toEqual({ status: 204, body: null });
    expect(await call("GET", "/api/me", undefined, token)).toMatchObject({
      status: 401,
      body: { error: { code: "AUTH.INVALID_TOKEN" } },
    });
    expect(await list()).toEqual([]);
    expect(await call("DELETE", `/api/users/${ada.id}/tokens/${id}`)).toMatchObject({
      status: 404,
      body: { error: { code: "TOKEN.NOT_FOUND" } },
    });
  });

  it("lets a person list and revoke their own tokens, nobody else's", async () => {
    const bo = await person("Bo", "viewer");
    const cy = await person("Cy");
    const boToken = (await call("POST", `/api/users/${bo.id}/tokens`, { name: "bo" })).body;
    const cyToken = (await call("POST", `/api/users/${cy.id}/tokens`, { name: "cy" })).body;
    expect((await call("GET", `/api/users/${bo.id}/tokens`, undefined, boToken.token)).body.tokens).toMatchObject([
      { id: boToken.id, name: "bo" },
    ]);
    for (const [method, path] of [
      ["GET", `/api/users/${cy.id}/tokens`],
      ["DELETE", `/api/users/${cy.id}/tokens/${cyToken.id}`],
      ["POST", `/api/users/${bo.id}/tokens`],
    ] as const) {
      expect(await call(method, path, method === "POST" ? { name: "more" } : undefined, boToken.token)).toMatchObject({
        status: 403,
      });
    }
    expect((await call("GET", "/api/me", undefined, cyToken.token)).status).toBe(200);
    // Another person's token is not reached through this person.
    expect(await call("DELETE", `/api/users/${bo.id}/tokens/${cyToken.id}`)).toMatchObject({ status: 404 });
    // Revoking the token in use signs out.
    expect((await call("DELETE", `/api/users/${bo.id}/tokens/${boToken.id}`, undefined, boToken.token)).status).toBe(
      204,
    );
    expect((await call("GET", "/api/me", undefined, boToken.token)).status).toBe(401);
  });

  it("refuses a bad id naming it, and a person of another tenant with 404", async () => {
    const dee = await person("Dee");
    expect(await call("DELETE", `/api/users/${dee.id}/tokens/not-a-uuid`)).toMatchObject({
      status: 400,
      body: { error: { code: "REQUEST.INVALID", message: expect.stringContaining("token id") } },
    });
    const tenantId = randomUUID();
    const other = randomUUID();
    const tokenId = randomUUID();
    await svc.database.prisma.tenant.create({ data: { id: tenantId, name: "other" } });
    await svc.database.prisma.user.create({ data: { id: other, tenantId, name: "Other", email: "o@example.com" } });
    await svc.database.prisma.apiToken.create({
      data: { id: tokenId, userId: other, name: "theirs", tokenHash: "x".repeat(64) },
    });
    for (const [method, path] of [
      ["GET", `/api/users/${other}/tokens`],
      ["DELETE", `/api/users/${other}/tokens/${tokenId}`],
    ] as const) {
      expect(await call(method, path)).toMatchObject({ status: 404, body: { error: { code: "USER.NOT_FOUND" } } });
    }
    expect(await svc.database.prisma.apiToken.findUnique({ where: { id: tokenId } })).toMatchObject({
      revokedAt: null,
    });
  });
});
