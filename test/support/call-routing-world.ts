// The world of the live call routing tests: the Twilio emulator with the service's number, the service on a
// database with Alice (level 1) and Bob (level 2) reachable by phone, a service "payments" taking calls and a
// service "search" that takes none, and the helpers that place calls and read what they did.
import twilio from "twilio";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import type { TestDatabaseKind } from "./databases.ts";
import { startTestService, type TestService } from "./running-service.ts";
import { twilioEnv } from "./twilio-env.ts";

export const LINE = "+14155550100";
export const CLOSED_LINE = "+14155550109";
export const ALICE = "+14155550101";
export const BOB = "+14155550102";
export const GREETING = "You have reached payments on call.";

/** Starts the world for the enclosing describe block (and checks the emulator saw nothing Twilio would refuse). */
export function useCallRoutingWorld(kind: TestDatabaseKind) {
  const phone = new TwilioEmulator({ numbers: ["+15005550006", LINE, CLOSED_LINE] });
  let svc!: TestService;
  let service: { id: string; integrationKey: string; endpoints: { voice: string } };
  let callers = 0;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const incidents = async () => (await call("GET", "/api/incidents?limit=100")).incidents as any[];
  /** The bodies of the incident's entries; `callOnly`: only the call's and status changes (no pages, which go on). */
  const timeline = async (key: string, callOnly = false) =>
    ((await call("GET", `/api/incidents/${key}/timeline`)).entries as any[])
      .filter((e) => !callOnly || /^(call|incident)\./.test(e.type))
      .map((e) => e.body as string);
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
    await phone.start();
    svc = await startTestService(kind, {
      env: {
        ...twilioEnv(phone),
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

  return {
    phone,
    get svc() {
      return svc;
    },
    get service() {
      return service;
    },
    call,
    incidents,
    timeline,
    ring,
    signed,
    incomingParams,
  };
}
