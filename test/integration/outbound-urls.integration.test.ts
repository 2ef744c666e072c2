// docs/security.md "Outbound URLs", over real HTTP: a webhook contact method may not lead Firewatch to its
// own loopback, a private network or a cloud metadata service — refused when it is saved, and again when
// a page is sent (a contact saved while its host was allowed, then no longer) — and nothing of a
// receiver's answer but its status line reaches the timeline or the outbox. Every contact address is
// checked for its kind when saved. The receiver stands in on loopback, allowed by host name
// (FIREWATCH_OUTBOUND_ALLOW=localhost), so literal loopback addresses stay refused.
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseTarget } from "../../sync-service/src/adapters/persistence/database.ts";
import { DATABASE_KINDS, type TestDatabaseKind } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

const SECRET = "ami-role-secret-7f3a9c";

/** A database that outlives one start of the service, so a test can start it again over the same data. */
async function keptDatabase(kind: TestDatabaseKind): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (kind.name === "postgres") return kind.create();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-outbound-"));
  return {
    target: { kind: "pglite", dataDir: dir },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe.each(DATABASE_KINDS)("outbound URLs and contact addresses on $name", (kind) => {
  const received: string[] = [];
  let receiver: Server;
  let port: number;
  let database: Awaited<ReturnType<typeof keptDatabase>>;
  let svc: TestService;

  const call = async (method: string, route: string, json?: unknown) => {
    const res = await svc.api(route, { method, json });
    return { status: res.status, body: (await res.json()) as any };
  };
  const created = async (route: string, json: unknown) => {
    const res = await call("POST", route, json);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  let people = 0;
  const person = () => created("/api/users", { name: `Person ${++people}`, email: `person${people}@example.com` });
  /** Opens an incident on a service whose policy pages `userId` first. */
  const incidentFor = async (userId: string) => {
    const policy = await created("/api/escalation-policies", {
      name: `policy ${userId}`,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: userId }] }],
    });
    const service = await created("/api/services", { name: `service ${userId}`, escalationPolicyId: policy.id });
    return created("/api/incidents", { title: "Checkout errors", serviceId: service.id, severity: "SEV2" });
  };
  const pageEntries = async (key: string) =>
    ((await call("GET", `/api/incidents/${key}/timeline`)).body.entries as any[]).filter((e) =>
      e.type.startsWith("page."),
    );

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      received.push(request.url ?? "");
      request.resume();
      if (request.url === "/gone") response.writeHead(410, "Gone " + SECRET).end(`hook deleted; ${SECRET}`);
      else if (request.url === "/down") response.writeHead(500).end(`stack trace with ${SECRET}`);
      else response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    port = (receiver.address() as AddressInfo).port;
    database = await keptDatabase(kind);
    svc = await startTestService(kind, { database: database.target, env: { FIREWATCH_OUTBOUND_ALLOW: "localhost" } });
  });
  afterAll(async () => {
    await svc?.stop();
    await database?.drop();
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it.each([
    ["loopback", () => `http://127.0.0.1:${port}/ok`, "127.0.0.1 is a loopback address"],
    ["loopback as one decimal number", () => `http://2130706433:${port}/ok`, "127.0.0.1 is a loopback address"],
    ["loopback in hexadecimal", () => `http://0x7f.1:${port}/ok`, "127.0.0.1 is a loopback address"],
    ["loopback, IPv6", () => `http://[::1]:${port}/ok`, "::1 is a loopback address"],
    ["loopback, IPv4-mapped IPv6", () => `http://[::ffff:127.0.0.1]:${port}/ok`, "::ffff:7f00:1 is a loopback address"],
    [
      "the metadata service",
      () => "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "169.254.169.254 is a link-local address",
    ],
    ["a private network", () => "https://10.0.0.5/hook", "10.0.0.5 is a private address"],
    ["a private network, 192.168/16", () => "http://192.168.1.10:8080/", "192.168.1.10 is a private address"],
  ])("refuses a webhook to %s when it is saved, naming the field", async (_, address, why) => {
    const user = await person();
    const before = await svc.database.prisma.contactMethod.count();
    const res = await call("POST", `/api/users/${user.id}/contact-methods`, { kind: "webhook", address: address() });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "CONTACT.DESTINATION_REFUSED",
      fields: [{ path: "address", message: expect.stringContaining(`${why}, not a public one`) }],
    });
    expect(res.body.error.message).toMatch(/^`address`: .*FIREWATCH_OUTBOUND_ALLOW/);
    expect(await svc.database.prisma.contactMethod.count()).toBe(before);
  });

  it("refuses a webhook whose host name does not resolve", async () => {
    const user = await person();
    const res = await call("POST", `/api/users/${user.id}/contact-methods`, {
      kind: "webhook",
      address: "https://hooks.nowhere.invalid/p",
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "CONTACT.HOST_UNRESOLVED",
      message: expect.stringMatching(/^`address`: hooks\.nowhere\.invalid does not resolve/),
      fields: [{ path: "address" }],
    });
  });

  it.each([
    ["email", "call me", /"call me" is not an e-mail address; enter one such as/],
    ["sms", "call me", /"call me" is not a phone number in international form; enter \+ then the country code/],
    ["voice", "415 555 2671", /is not a phone number in international form/],
    ["slack", "@ana", /"@ana" is not a Slack member ID; enter one such as U012AB3CD/],
    ["webhook", "file:///etc/passwd", /a webhook must be an http:\/\/ or https:\/\/ URL, not file:/],
    ["webhook", "gopher://localhost:6379/_FLUSHALL", /a webhook must be an http:\/\/ or https:\/\/ URL, not gopher:/],
    ["webhook", "javascript:alert(1)", /not javascript:/],
  ])(
    "refuses a %s contact %j with a message naming the field and what to enter",
    async (contactKind, address, message) => {
      const user = await person();
      const res = await call("POST", `/api/users/${user.id}/contact-methods`, { kind: contactKind, address });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: "CONTACT.INVALID_ADDRESS",
        fields: [{ path: "address", message: expect.stringMatching(message) }],
      });
      expect(res.body.error.message).toMatch(/^`address`: /);
    },
  );

  it("stores a phone number in E.164 form", async () => {
    const user = await person();
    const saved = await created(`/api/users/${user.id}/contact-methods`, { kind: "sms", address: "+1 (415) 555-2671" });
    expect(saved.address).toBe("+14155552671");
  });

  it("shows only the status line of a webhook's failed answer on the timeline, nothing of its body", async () => {
    const user = await person();
    const contact = await created(`/api/users/${user.id}/contact-methods`, {
      kind: "webhook",
      address: `http://localhost:${port}/gone`,
    });
    const incident = await incidentFor(user.id);
    const [failed] = await eventually("the failed page", async () => {
      const entries = await pageEntries(incident.key);
      return entries.length > 0 ? entries : undefined;
    });
    expect(received).toContain("/gone");
    expect(failed.type).toBe("page.failed");
    expect(failed.body).toBe(
      `Could not page ${user.name} by webhook: webhook http://localhost:${port} (contact ${contact.id}) answered 410 Gone`,
    );
    expect(JSON.stringify((await call("GET", `/api/incidents/${incident.key}/timeline`)).body)).not.toContain(SECRET);
  });

  it("keeps a 5xx answer's body out of the page job's error in the outbox", async () => {
    const user = await person();
    await created(`/api/users/${user.id}/contact-methods`, {
      kind: "webhook",
      address: `http://localhost:${port}/down`,
    });
    const incident = await incidentFor(user.id);
    const job = await eventually("the page job's first failure", async () => {
      const jobs = (await call("GET", "/api/jobs?limit=500")).body.jobs as any[];
      return jobs.find((j) => j.payload?.incidentId === incident.id && j.lastError);
    });
    expect(job.lastError).toContain(`webhook http://localhost:${port} (contact `);
    expect(job.lastError).toContain("answered 500 Internal Server Error");
    expect(JSON.stringify(job)).not.toContain(SECRET);
  });

  it("refuses at send time a webhook saved while its host was allowed, once FIREWATCH_OUTBOUND_ALLOW no longer allows it", async () => {
    const user = await person();
    const contact = await created(`/api/users/${user.id}/contact-methods`, {
      kind: "webhook",
      address: `http://localhost:${port}/rebound`,
    });
    await svc.stop();
    svc = await startTestService(kind, { database: database.target });
    const incident = await incidentFor(user.id);
    const [failed] = await eventually("the refused page", async () => {
      const entries = await pageEntries(incident.key);
      return entries.length > 0 ? entries : undefined;
    });
    expect(failed).toMatchObject({
      type: "page.failed",
      body: `Could not page ${user.name} by webhook: webhook http://localhost:${port} (contact ${contact.id}) refused: localhost resolves to a loopback address, not a public one`,
    });
    expect(received).not.toContain("/rebound");
  });
});
