// Drives the Twilio emulator over HTTP with raw fetch, the way any client of the 2010-04-01 API would.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import twilio from "twilio";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "../common/http-request.ts";
import { TwilioEmulator } from "./index.ts";

let emu: TwilioEmulator;

function post(
  resource: string,
  form: Record<string, string>,
  init: { token?: string; account?: string } = {},
): Promise<Response> {
  const account = init.account ?? emu.accountSid;
  const auth = Buffer.from(`${emu.accountSid}:${init.token ?? emu.authToken}`).toString("base64");
  return fetch(`${emu.baseUrl}/2010-04-01/Accounts/${account}/${resource}.json`, {
    method: "POST",
    headers: { Authorization: `Basic ${auth}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

const sms = { To: "+14155550100", From: "+15005550006", Body: "[SEV1] INC-42 triggered" };
const call = { To: "+14155550100", From: "+15005550006", Twiml: "<Response><Say>Hello</Say></Response>" };

beforeEach(async () => {
  emu = new TwilioEmulator();
  await emu.start();
});

afterEach(async () => {
  await emu.stop();
});

describe("Messages.json", () => {
  it("creates a queued message and answers 201 in Twilio's shape", async () => {
    const res = await post("Messages", sms);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      to: sms.To,
      from: sms.From,
      body: sms.Body,
      status: "queued",
      direction: "outbound-api",
      account_sid: emu.accountSid,
    });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(body.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(emu.messages()).toEqual([body]);
    expect(emu.unexpected()).toEqual([]);
  });

  it.each([
    ["+15555550100", 21211],
    ["4155550100", 21211],
    ["+15005550001", 21211],
    ["+15005550003", 21408],
    ["+15005550004", 21610],
    ["+15005550009", 21614],
  ])("refuses To %s with error %i", async (to, code) => {
    const res = await post("Messages", { ...sms, To: to });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code,
      message: expect.any(String),
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status: 400,
    });
    expect(emu.messages()).toEqual([]);
  });

  it("refuses a From the account does not own (21606) and a missing Body (21602)", async () => {
    expect(((await (await post("Messages", { ...sms, From: "+14155550199" })).json()) as { code: number }).code).toBe(
      21606,
    );
    const { Body: _body, ...noBody } = sms;
    expect(((await (await post("Messages", noBody)).json()) as { code: number }).code).toBe(21602);
  });
});

describe("Calls.json", () => {
  it("creates a queued call and keeps its TwiML", async () => {
    const res = await post("Calls", call);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ to: call.To, from: call.From, status: "queued" });
    expect(body.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(emu.calls()).toEqual([{ ...body, twiml: call.Twiml }]);
  });

  it("refuses magic numbers with the call error codes, and records malformed TwiML as unexpected", async () => {
    expect(((await (await post("Calls", { ...call, To: "+15005550002" })).json()) as { code: number }).code).toBe(
      21214,
    );
    const created = await post("Calls", { ...call, Twiml: "Hello" });
    expect(created.status).toBe(201);
    expect(emu.unexpected()).toEqual([
      expect.objectContaining({ reason: "Twiml is not a <Response> document" }),
      expect.objectContaining({ reason: expect.stringContaining("Twilio error 12100") }),
    ]);
    // Twilio runs the call and the callee hears its application-error message.
    const sid = ((await created.json()) as { sid: string }).sid;
    expect(emu.alerts()).toEqual([expect.objectContaining({ code: 12100, sid })]);
    expect(emu.spoken(sid)).toEqual(["We are sorry, an application error has occurred. Goodbye."]);
  });
});

describe("auth and routing", () => {
  it("answers a wrong token with 401 and error 20003", async () => {
    const res = await post("Messages", sms, { token: "wrong" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="Twilio API"');
    expect(await res.json()).toMatchObject({ code: 20003, message: "Authenticate", status: 401 });
    expect(emu.requests()[0]).toMatchObject({ auth: "bad", outcome: 401, code: 20003 });
  });

  it("answers another account's path with 404 and unknown paths as unexpected", async () => {
    expect((await post("Messages", sms, { account: `AC${"b".repeat(32)}` })).status).toBe(404);
    expect((await post("Queues", {})).status).toBe(404);
    expect(emu.unexpected()).toEqual([expect.objectContaining({ reason: "not a Messages/Calls create path" })]);
  });
});

describe("faults", () => {
  it("answers 429 with Retry-After and Twilio's 20429 body, then serves normally", async () => {
    emu.faults.next({ status: 429, headers: { "Retry-After": "4" } });
    const limited = await post("Messages", sms);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("4");
    expect(await limited.json()).toMatchObject({ code: 20429, status: 429 });
    expect((await post("Messages", sms)).status).toBe(201);
    expect(emu.requests().map((r) => r.fault ?? null)).toEqual(["status:429", null]);
  });

  it("applies a fault only to matching requests, `times` times", async () => {
    emu.faults.next({ status: 503, times: 2, match: (r) => r.resource === "Calls" });
    expect((await post("Messages", sms)).status).toBe(201);
    expect((await post("Calls", call)).status).toBe(503);
    expect((await post("Calls", call)).status).toBe(503);
    expect((await post("Calls", call)).status).toBe(201);
    expect(emu.faults.pending()).toBe(0);
  });

  it("rejects a fault with neither status, hang nor delay", () => {
    expect(() => emu.faults.next({})).toThrow(/give status/);
  });
});

describe("status callbacks", () => {
  // Where the callbacks go: records each form body and its signature, answers 204.
  let server: Server;
  let received: { raw: string; headers: Record<string, string | string[] | undefined> }[];
  const receiver = {
    start: () =>
      new Promise<string>((resolve) => {
        received = [];
        server = createServer(async (req, res) => {
          received.push({ raw: await readBody(req), headers: req.headers });
          res.writeHead(204).end();
        }).listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/status`));
      }),
    get received() {
      return received;
    },
  };
  const withDelay = async (callbackDelayMs: number) => {
    await emu.stop();
    emu = new TwilioEmulator({ callbackDelayMs });
    await emu.start();
  };
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("reports a text sent, then delivered or undelivered with its ErrorCode, signed with the auth token", async () => {
    await withDelay(10);
    const url = await receiver.start();
    emu.setFate("+14155550111", { status: "undelivered", errorCode: 30003 });
    for (const To of ["+14155550100", "+14155550111"])
      expect((await post("Messages", { ...sms, To, StatusCallback: url })).status).toBe(201);
    await emu.settled();
    const reports = receiver.received.map((r) => ({
      params: Object.fromEntries(new URLSearchParams(r.raw)),
      signature: String(r.headers["x-twilio-signature"]),
    }));
    const statuses = (to: string) =>
      reports.filter((r) => r.params.To === to).map((r) => [r.params.MessageStatus, r.params.ErrorCode]);
    expect(statuses("+14155550100")).toEqual([
      ["sent", undefined],
      ["delivered", undefined],
    ]);
    expect(statuses("+14155550111")).toEqual([
      ["sent", undefined],
      ["undelivered", "30003"],
    ]);
    for (const r of reports) {
      expect(r.params).toMatchObject({
        AccountSid: emu.accountSid,
        ApiVersion: "2010-04-01",
        From: sms.From,
        MessageSid: expect.stringMatching(/^SM/),
      });
      expect(twilio.validateRequest(emu.authToken, r.signature, url, r.params)).toBe(true);
      expect(twilio.validateRequest("another-token", r.signature, url, r.params)).toBe(false);
    }
    expect(emu.messages().map((m) => m.status)).toEqual(["delivered", "undelivered"]);
  });

  it("reports only a call's final status, answered unless its number says otherwise", async () => {
    await withDelay(10);
    const url = await receiver.start();
    emu.setFate("+14155550112", { status: "no-answer" });
    for (const To of ["+14155550100", "+14155550112"])
      expect((await post("Calls", { ...call, To, StatusCallback: url })).status).toBe(201);
    await emu.settled();
    const reports = receiver.received.map((r) => Object.fromEntries(new URLSearchParams(r.raw)));
    expect(reports.map((p) => [p.To, p.CallStatus])).toEqual([
      ["+14155550100", "completed"],
      ["+14155550112", "no-answer"],
    ]);
    expect(emu.statusCallbacks().map((c) => c.outcome)).toEqual([204, 204]);
  });

  it("makes no callback for a create that names none", async () => {
    expect((await post("Messages", sms)).status).toBe(201);
    await emu.settled();
    expect(emu.statusCallbacks()).toEqual([]);
  });
});
