// A person's contact methods and notification rules over the API: listed with their rules, changed (the address
// checked for its kind as when it was added), removed, and tried with a test page through the real notifier —
// Slack and Twilio stand-ins, a webhook receiver, and e-mail left unconfigured. The person themselves or an admin.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";
import { twilioEnv } from "../support/twilio-env.ts";

describe.each(DATABASE_KINDS)("contact methods API on $name", (kind) => {
  let svc: TestService;
  const slack = new SlackEmulator();
  const twilio = new TwilioEmulator();
  const hooks: { url: string; body: any }[] = [];
  let receiver: Server;
  let hookUrl: string;
  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null } as { status: number; body: any };
  };
  const person = async (name: string, role = "responder") =>
    (await call("POST", "/api/users", { name, email: `${name.toLowerCase()}@example.com`, role })).body;
  const tokenOf = async (userId: string) =>
    (await call("POST", `/api/users/${userId}/tokens`, { name: "test" })).body.token as string;
  const add = async (userId: string, json: unknown) => {
    const res = await call("POST", `/api/users/${userId}/contact-methods`, json);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let raw = "";
      request.on("data", (c: Buffer) => (raw += c.toString()));
      request.on("end", () => {
        hooks.push({ url: request.url ?? "", body: JSON.parse(raw) });
        response.writeHead(request.url === "/gone" ? 410 : 204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    hookUrl = `http://localhost:${(receiver.address() as AddressInfo).port}`;
    const slackUrl = await slack.start();
    await twilio.start();
    svc = await startTestService(kind, {
      env: {
        FIREWATCH_OUTBOUND_ALLOW: "localhost",
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: `${slackUrl}/api/`,
        ...twilioEnv(twilio),
      },
    });
  });
  afterAll(async () => {
    await svc?.stop();
    await slack.stop();
    await twilio.stop();
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it("lists a person's contact methods with their rules, and changes kind, address and rules", async () => {
    const ada = await person("Ada");
    const sms = await add(ada.id, { kind: "sms", address: "+1 415 555 0100", delayMinutes: 0 });
    const mail = await add(ada.id, { kind: "email", address: "ada@example.com", delayMinutes: null });
    expect(await call("GET", `/api/users/${ada.id}/contact-methods`)).toEqual({
      status: 200,
      body: {
        contactMethods: [
          {
            id: sms.id,
            userId: ada.id,
            kind: "sms",
            address: "+14155550100",
            rules: [{ id: expect.any(String), delayMinutes: 0 }],
          },
          { id: mail.id, userId: ada.id, kind: "email", address: "ada@example.com", rules: [] },
        ],
      },
    });
    const changed = await call("PATCH", `/api/users/${ada.id}/contact-methods/${sms.id}`, {
      kind: "voice",
      rules: [{ delayMinutes: 10 }, { delayMinutes: 2 }],
    });
    expect(changed).toMatchObject({
      status: 200,
      body: {
        id: sms.id,
        kind: "voice",
        address: "+14155550100",
        rules: [{ delayMinutes: 2 }, { delayMinutes: 10 }],
      },
    });
    expect(
      await call("PATCH", `/api/users/${ada.id}/contact-methods/${mail.id}`, { address: " ada.l@example.com " }),
    ).toMatchObject({ status: 200, body: { address: "ada.l@example.com", rules: [] } });
    expect(await call("DELETE", `/api/users/${ada.id}/contact-methods/${mail.id}`)).toMatchObject({ status: 204 });
    const after = (await call("GET", `/api/users/${ada.id}/contact-methods`)).body.contactMethods;
    expect(after.map((c: any) => c.id)).toEqual([sms.id]);
    expect(await svc.database.prisma.notificationRule.count({ where: { contactMethodId: mail.id } })).toBe(0);
  });

  it("checks an address for its kind on PATCH as on POST, naming the field, and writes nothing", async () => {
    const bo = await person("Bo");
    const sms = await add(bo.id, { kind: "sms", address: "+14155550101", delayMinutes: 5 });
    const path = `/api/users/${bo.id}/contact-methods/${sms.id}`;
    for (const [json, code, field] of [
      [{ address: "not a number" }, "CONTACT.INVALID_ADDRESS", "address"],
      [{ kind: "slack" }, "CONTACT.INVALID_ADDRESS", "address"],
      [{ kind: "email", address: "bo@" }, "CONTACT.INVALID_ADDRESS", "address"],
      [{ kind: "webhook", address: "http://10.0.0.5/hook" }, "CONTACT.DESTINATION_REFUSED", "address"],
      [{ kind: "pager" }, "REQUEST.INVALID", "kind"],
      [{ rules: [{ delayMinutes: -1 }] }, "REQUEST.INVALID", "rules[0].delayMinutes"],
      [{ rules: [{ delayMinutes: 1 }], address: "+14155550101", extra: 1 }, "REQUEST.INVALID", "extra"],
      [{}, "REQUEST.INVALID", "at least one"],
    ] as const) {
      const res = await call("PATCH", path, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toContain(field);
    }
    expect((await call("GET", `/api/users/${bo.id}/contact-methods`)).body.contactMethods).toMatchObject([
      { kind: "sms", address: "+14155550101", rules: [{ delayMinutes: 5 }] },
    ]);
    const unknown = randomUUID();
    expect(
      await call("PATCH", `/api/users/${bo.id}/contact-methods/${unknown}`, { address: "+14155550102" }),
    ).toMatchObject({ status: 404, body: { error: { code: "CONTACT_METHOD.NOT_FOUND" } } });
    // Another person's method is not reached through this person.
    const cy = await person("Cy");
    expect(await call("DELETE", `/api/users/${cy.id}/contact-methods/${sms.id}`)).toMatchObject({ status: 404 });
  });

  it("lets a person manage their own methods and rules, and refuses them anyone else's", async () => {
    const dee = await person("Dee", "viewer");
    const eve = await person("Eve");
    const deeToken = await tokenOf(dee.id);
    const own = await call(
      "POST",
      `/api/users/${dee.id}/contact-methods`,
      { kind: "email", address: "dee@example.com" },
      deeToken,
    );
    expect(own.status).toBe(201);
    expect(
      await call(
        "PATCH",
        `/api/users/${dee.id}/contact-methods/${own.body.id}`,
        { rules: [{ delayMinutes: 3 }] },
        deeToken,
      ),
    ).toMatchObject({ status: 200, body: { rules: [{ delayMinutes: 3 }] } });
    expect((await call("GET", `/api/users/${dee.id}/contact-methods`, undefined, deeToken)).status).toBe(200);
    const eves = await add(eve.id, { kind: "email", address: "eve@example.com" });
    for (const [method, path, json] of [
      ["GET", `/api/users/${eve.id}/contact-methods`, undefined],
      ["POST", `/api/users/${eve.id}/contact-methods`, { kind: "email", address: "x@example.com" }],
      ["PATCH", `/api/users/${eve.id}/contact-methods/${eves.id}`, { address: "dee@example.com" }],
      ["DELETE", `/api/users/${eve.id}/contact-methods/${eves.id}`, undefined],
      ["POST", `/api/users/${eve.id}/contact-methods/${eves.id}/test`, undefined],
    ] as const) {
      expect(await call(method, path, json, deeToken), `${method} ${path}`).toMatchObject({
        status: 403,
        body: { error: { code: "AUTH.ADMIN_REQUIRED" } },
      });
    }
    expect((await call("GET", `/api/users/${eve.id}/contact-methods`)).body.contactMethods).toMatchObject([
      { id: eves.id, address: "eve@example.com" },
    ]);
  });

  it("answers 404 for a person of another tenant", async () => {
    const tenantId = randomUUID();
    const other = randomUUID();
    const contact = randomUUID();
    await svc.database.prisma.tenant.create({ data: { id: tenantId, name: "other" } });
    await svc.database.prisma.user.create({ data: { id: other, tenantId, name: "Other", email: "o@example.com" } });
    await svc.database.prisma.contactMethod.create({
      data: { id: contact, userId: other, kind: "email", address: "o@example.com" },
    });
    for (const [method, path, json] of [
      ["GET", `/api/users/${other}/contact-methods`, undefined],
      ["PATCH", `/api/users/${other}/contact-methods/${contact}`, { address: "mine@example.com" }],
      ["DELETE", `/api/users/${other}/contact-methods/${contact}`, undefined],
      ["POST", `/api/users/${other}/contact-methods/${contact}/test`, undefined],
    ] as const) {
      expect(await call(method, path, json), `${method} ${path}`).toMatchObject({
        status: 404,
        body: { error: { code: "USER.NOT_FOUND" } },
      });
    }
    expect(await svc.database.prisma.contactMethod.findUnique({ where: { id: contact } })).toMatchObject({
      address: "o@example.com",
    });
  });

  it("sends a test page through the real notifier and answers its outcome, with no incident", async () => {
    const fay = await person("Fay");
    const fayToken = await tokenOf(fay.id);
    const dm = await add(fay.id, { kind: "slack", address: "U0ALICE" });
    const sms = await add(fay.id, { kind: "sms", address: "+14155550123" });
    const hook = await add(fay.id, { kind: "webhook", address: `${hookUrl}/ok` });
    const gone = await add(fay.id, { kind: "webhook", address: `${hookUrl}/gone` });
    const mail = await add(fay.id, { kind: "email", address: "fay@example.com" });
    const test = (c: { id: string }) =>
      call("POST", `/api/users/${fay.id}/contact-methods/${c.id}/test`, undefined, fayToken);

    expect(await test(dm)).toEqual({
      status: 200,
      body: { outcome: "sent", detail: expect.stringContaining("slack") },
    });
    const [message] = slack.messages({ user: "U0ALICE" });
    expect(message!.text).toContain("TEST");
    expect(JSON.stringify(message!.blocks)).not.toContain("firewatch_acknowledge");

    expect(await test(sms)).toMatchObject({ status: 200, body: { outcome: "sent" } });
    expect(twilio.messages()).toMatchObject([
      { to: "+14155550123", body: expect.stringContaining("Test page for Fay") },
    ]);
    expect(twilio.messages()[0]!.body).not.toContain("Reply");

    expect(await test(hook)).toMatchObject({ status: 200, body: { outcome: "sent" } });
    expect(hooks.at(-1)).toMatchObject({
      url: "/ok",
      body: { type: "firewatch.page", page: { test: true, incidentKey: "TEST" } },
    });
    expect(await test(gone)).toEqual({
      status: 200,
      body: { outcome: "failed", detail: expect.stringContaining("answered 410 Gone") },
    });
    expect(await test(mail)).toEqual({
      status: 200,
      body: { outcome: "failed", detail: expect.stringContaining("SMTP_URL") },
    });
    // Nothing was recorded: no incident, no page.
    expect(await svc.database.prisma.incident.count()).toBe(0);
    expect(await svc.database.prisma.page.count()).toBe(0);

    // A webhook whose host the outbound policy refuses (saved before, or allowed then) is refused as at save.
    await svc.database.prisma.contactMethod.update({
      where: { id: hook.id },
      data: { address: "http://10.1.2.3/hook" },
    });
    const sent = hooks.length;
    expect(await test(hook)).toMatchObject({
      status: 400,
      body: { error: { code: "CONTACT.DESTINATION_REFUSED", fields: [{ path: "address" }] } },
    });
    expect(hooks.length).toBe(sent);
  });
});
