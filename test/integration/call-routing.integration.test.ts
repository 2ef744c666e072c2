// Live call routing over real HTTP: the Twilio emulator places a call to the service's number, POSTs the signed
// incoming-call webhook to its Voice URL (https://www.twilio.com/docs/usage/webhooks/voice-webhooks) and runs the
// TwiML answered: <Dial> rings the on-call people, each screened by <Number url> (press 1 to take the call), the
// Dial action moves to the next level, <Record> takes a voicemail. The incident and its timeline say each step.
import twilio from "twilio";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

const LINE = "+14155550100";
const CLOSED_LINE = "+14155550109";
const ALICE = "+14155550101";
const BOB = "+14155550102";
const GREETING = "You have reached payments on call.";

describe.each(DATABASE_KINDS)("live call routing on $name", (kind) => {
  const phone = new TwilioEmulator({ numbers: ["+15005550006", LINE, CLOSED_LINE] });
  let svc: TestService;
  let service: { id: string; integrationKey: string; endpoints: { voice: string } };
  let callers = 0;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const incidents = async () => (await call("GET", "/api/incidents?limit=100")).incidents as any[];
  const timeline = async (key: string) =>
    ((await call("GET", `/api/incidents/${key}/timeline`)).entries as any[]).map((e) => e.body as string);
  /** A new caller rings the line; resolves with the call as it went and the incident it opened. */
  const ring = async (to = LINE) => {
    const from = `+4477009001${String(++callers).padStart(2, "0")}`;
    const placed = await phone.placeCall({ from, to });
    const incident = (await incidents()).find((i) => i.title === `Phone call from ${from}`);
    return { placed, incident, from };
  };
  /** A webhook signed as Twilio signs it (with `token`), as the emulator or a forger would send it. */
  const signed = (url: string, params: Record<string, string>, token = phone.authToken) =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(token, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  const incomingParams = (callSid: string) => ({
    AccountSid: phone.accountSid,
    CallSid: callSid,
    From: "+447700900999",
    To: LINE,
    CallStatus: "ringing",
    Direction: "inbound",
    ApiVersion: "2010-04-01",
  });

  beforeAll(async () => {
    const apiUrl = await phone.start();
    svc = await startTestService(kind, {
      env: {
        TWILIO_ACCOUNT_SID: phone.accountSid,
        TWILIO_AUTH_TOKEN: phone.authToken,
        TWILIO_FROM: phone.numbers[0]!,
        TWILIO_API_URL: apiUrl,
      },
    });
    const person = async (name: string, email: string, number: string) => {
      const user = await call("POST", "/api/users", { name, email });
      await call("POST", `/api/users/${user.id}/contact-methods`, { kind: "voice", address: number });
      return user;
    };
    const alice = await person("Alice Adams", "alice@example.com", ALICE);
    const bob = await person("Bob Backup", "bob@example.com", BOB);
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Payments",
      repeat: 0,
      levels: [
        { delayMinutes: 30, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 30, targets: [{ type: "user", id: bob.id }] },
      ],
    });
    service = await call("POST", "/api/services", {
      name: "payments",
      escalationPolicyId: policy.id,
      defaultSeverity: "SEV2",
      callRouting: { number: LINE, greeting: GREETING, ringSeconds: 20 },
    });
    phone.setVoiceUrl(service.endpoints.voice, LINE);
    const closed = await call("POST", "/api/services", { name: "search", escalationPolicyId: policy.id });
    phone.setVoiceUrl(closed.endpoints.voice, CLOSED_LINE);
  });
  afterEach(() => {
    for (const number of [ALICE, BOB]) {
      phone.setFate(number, { status: "completed" });
      phone.setScreenKeys(number, "");
    }
  });
  afterAll(async () => {
    await svc?.stop();
    await phone.settled();
    const unexpected = phone.unexpected();
    await phone.stop();
    expect(unexpected).toEqual([]);
    expect(phone.alerts()).toEqual([]);
  });

  it("shows the call routing and the Voice URL to set on the number", async () => {
    const shown = await call("GET", `/api/services/${service.id}`);
    expect(shown.callRouting).toEqual({ number: LINE, greeting: GREETING, ringSeconds: 20, voicemail: true });
    expect(shown.endpoints.voice).toBe(`${svc.url}/webhooks/twilio/voice/${service.integrationKey}`);
  });

  it("puts the caller through to level 1, who takes the call and acknowledges the incident", async () => {
    phone.setScreenKeys(ALICE, "1");
    const { placed, incident, from } = await ring();
    expect(placed.status).toBe(200);
    expect(placed.heard).toEqual([GREETING]);
    expect(placed.dials).toHaveLength(1);
    expect(placed.dials[0]).toMatchObject({ status: "completed", legs: [{ number: ALICE, outcome: "connected" }] });
    expect(placed.dials[0]!.legs[0]!.heard).toEqual([
      `Firewatch: a caller on payments for ${incident.key}. Press 1 to take the call.`,
    ]);
    expect(incident).toMatchObject({ status: "acknowledged", severity: "SEV2" });
    expect(await timeline(incident.key)).toEqual(
      expect.arrayContaining([
        `Call from ${from}: ${incident.key} triggered`,
        "Ringing Alice Adams (level 1)",
        "Alice Adams took the call",
        `Alice Adams acknowledged ${incident.key} by phone and is now its owner`,
      ]),
    );
  });

  it.each([
    ["does not answer", { status: "no-answer" } as const, "Alice Adams did not answer"],
    ["is busy", { status: "busy" } as const, "Alice Adams did not answer (busy)"],
  ])("rings level 2 when level 1 %s", async (_, fate, missed) => {
    phone.setFate(ALICE, fate);
    phone.setScreenKeys(BOB, "1");
    const { placed, incident } = await ring();
    expect(placed.dials.map((d) => [d.status, d.legs.map((l) => [l.number, l.outcome])])).toEqual([
      [fate.status, [[ALICE, fate.status]]],
      ["completed", [[BOB, "connected"]]],
    ]);
    expect(incident.status).toBe("acknowledged");
    const bodies = await timeline(incident.key);
    expect(bodies).toEqual(
      expect.arrayContaining(["Ringing Alice Adams (level 1)", missed, "Ringing Bob Backup (level 2)"]),
    );
    expect(bodies).toContain("Bob Backup took the call");
    expect(bodies).toContain(`Bob Backup acknowledged ${incident.key} by phone and is now its owner`);
  });

  it("treats a callee who picks up but does not press 1 as not answering (a voicemail box never takes the call)", async () => {
    phone.setScreenKeys(BOB, "1");
    const { placed, incident } = await ring();
    expect(placed.dials.map((d) => d.legs[0]!.outcome)).toEqual(["declined", "connected"]);
    expect(placed.dials[0]!.status).toBe("no-answer");
    expect(await timeline(incident.key)).toContain("Alice Adams did not answer");
  });

  it("takes a voicemail when nobody answers, and puts its link on the timeline", async () => {
    phone.setFate(ALICE, { status: "no-answer" });
    phone.setFate(BOB, { status: "failed" });
    const { placed, incident } = await ring();
    expect(placed.heard).toEqual([
      GREETING,
      "Nobody could be reached. Leave a message after the tone.",
      "Thank you, your message has been recorded. Goodbye.",
    ]);
    const recording = placed.recording!;
    expect(recording.url).toMatch(
      /^https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC\w+\/Recordings\/RE[0-9a-f]{32}$/,
    );
    expect(incident.status).toBe("triggered");
    expect(await timeline(incident.key)).toEqual(
      expect.arrayContaining([
        "Alice Adams did not answer",
        "Bob Backup could not be called",
        `Voicemail left (0:42): ${recording.url}`,
      ]),
    );
  });

  it("says the line takes no calls for a service without call routing, and opens nothing", async () => {
    const before = (await incidents()).length;
    const { placed, incident } = await ring(CLOSED_LINE);
    expect(placed.heard).toEqual(["This number is not taking calls. Goodbye."]);
    expect(placed.dials).toEqual([]);
    expect(incident).toBeUndefined();
    expect((await incidents()).length).toBe(before);
  });

  it("opens no second incident and rings nobody twice for a repeated webhook", async () => {
    const params = incomingParams(`CA${"1".repeat(32)}`);
    const first = await signed(service.endpoints.voice, params);
    expect(first.status).toBe(200);
    const twiml = await first.text();
    expect(twiml).toContain(`<Number url="${service.endpoints.voice}/screen?`);
    const count = (await incidents()).length;
    const again = await signed(service.endpoints.voice, params);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(twiml);
    const listed = await incidents();
    expect(listed.length).toBe(count);
    const incident = listed.find((i) => i.title === "Phone call from +447700900999");
    expect((await timeline(incident.key)).filter((b) => b.startsWith("Ringing"))).toEqual([
      "Ringing Alice Adams (level 1)",
    ]);
  });

  it("changes nothing for a repeated dial action, and lets only the first who pressed 1 take the call", async () => {
    phone.setFate(ALICE, { status: "no-answer" });
    phone.setScreenKeys(BOB, "1");
    const { placed, incident } = await ring();
    const before = await timeline(incident.key);
    const base = service.endpoints.voice;
    const dialed = await signed(`${base}/dial?level=0`, { CallSid: placed.sid, DialCallStatus: "no-answer" });
    expect(dialed.status).toBe(200);
    expect(await dialed.text()).toContain("<Hangup/>");
    const alice = (await call("GET", "/api/users")).users.find((u: any) => u.name === "Alice Adams");
    const query = new URLSearchParams({ call: placed.sid, level: "1", user: alice.id });
    const late = await signed(`${base}/screened?${query}`, { CallSid: `CA${"9".repeat(32)}`, Digits: "1" });
    expect(await late.text()).toContain("Someone else has taken this call.");
    expect(await timeline(incident.key)).toEqual(before);
    expect((await call("GET", `/api/incidents/${incident.key}`)).status).toBe("acknowledged");
  });

  it("stops ringing when the caller hangs up first", async () => {
    const callSid = `CA${"4".repeat(32)}`;
    const params = { ...incomingParams(callSid), From: "+447700900888" };
    expect((await signed(service.endpoints.voice, params)).status).toBe(200);
    const hungUp = await signed(`${service.endpoints.voice}/dial?level=0`, {
      CallSid: callSid,
      DialCallStatus: "canceled",
    });
    expect(await hungUp.text()).toContain("<Hangup/>");
    const incident = (await incidents()).find((i) => i.title === "Phone call from +447700900888");
    const bodies = await timeline(incident.key);
    expect(bodies).toContain("The caller hung up before anyone answered");
    expect(bodies.filter((b) => b.startsWith("Ringing"))).toEqual(["Ringing Alice Adams (level 1)"]);
  });

  it("refuses a forged call (401), an unknown service (404) and a malformed one (400), opening nothing", async () => {
    const before = (await incidents()).length;
    const forged = await signed(service.endpoints.voice, incomingParams(`CA${"2".repeat(32)}`), "not-the-token");
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "WEBHOOK.TWILIO_SIGNATURE_MISMATCH" } });
    const unknown = await signed(
      `${svc.url}/webhooks/twilio/voice/${"0".repeat(32)}`,
      incomingParams(`CA${"3".repeat(32)}`),
    );
    expect(unknown.status).toBe(404);
    const malformed = await signed(service.endpoints.voice, { ...incomingParams("CA-nope"), From: "" });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toMatch(/CallSid.*From|From.*CallSid/);
    expect((await incidents()).length).toBe(before);
  });

  it("refuses call routing it cannot use, naming the field", async () => {
    for (const [callRouting, field] of [
      [{ number: "12345" }, "callRouting.number"],
      [{ number: LINE, ringSeconds: 5 }, "callRouting.ringSeconds"],
      [{ number: LINE, greeting: "x".repeat(301) }, "callRouting.greeting"],
    ] as const) {
      const res = await svc.api(`/api/services/${service.id}`, { method: "PATCH", json: { callRouting } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    expect((await call("GET", `/api/services/${service.id}`)).callRouting.ringSeconds).toBe(20);
  });
});
