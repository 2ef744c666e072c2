// Acting on a page where it lands, by phone. A text back arrives signed at POST /webhooks/twilio/sms as Twilio's
// incoming-message webhook (https://www.twilio.com/docs/messaging/guides/webhook-request) and is answered with a text
// (<Message>); the call's <Gather> posts the key pressed to POST /webhooks/twilio/voice/gather/{pageId}
// (https://www.twilio.com/docs/voice/twiml/gather#action). Both act as the console's button does, so the level-2
// escalation stops the same way. The Twilio emulator plays the phones: it texts back and presses keys.
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { alertOpensIncident, pendingEscalation } from "../support/paged-incident.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";
import { twilioEnv } from "../support/twilio-env.ts";

const ALICE = "+14155550101";
const BOB = "+14155550102";
const STRANGER = "+14155550199";
const PROMPT = "Press 4 to acknowledge, 6 to resolve.";

describe.each(DATABASE_KINDS)("answering SMS and voice pages on $name", (kind) => {
  const phone = new TwilioEmulator();
  let svc: TestService;
  let service: { id: string; integrationKey: string };

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const statusOf = async (key: string) => (await call("GET", `/api/incidents/${key}`)).status;
  const entryOf = async (key: string, type: string) =>
    (await call("GET", `/api/incidents/${key}/timeline`)).entries.find((e: any) => e.type === type);

  /** An alert opens an incident; resolves once Alice's text and call about it have reached her phone. */
  const pagedIncident = async (summary: string) => {
    const incident = await alertOpensIncident(svc, service, summary);
    const text = await eventually("Alice's text", async () =>
      phone.messagesTo(ALICE).find((m) => m.includes(`${incident.key} triggered`)),
    );
    const callSid = await eventually("Alice's call", async () => {
      const ringing = phone.calls().find((c) => c.to === ALICE && String(c.twiml).includes(`${incident.key},`));
      return ringing && String(ringing.sid);
    });
    return { incident, text, callSid };
  };
  /** Alice texts `body` back; resolves with the one text Firewatch answers. */
  const reply = async (body: string, from = ALICE) => {
    const answer = await phone.receiveSms(from, body);
    expect(answer.status).toBe(200);
    expect(answer.replies).toHaveLength(1);
    return answer.replies[0]!;
  };

  beforeAll(async () => {
    await phone.start();
    svc = await startTestService(kind, {
      env: {
        ...twilioEnv(phone),
      },
    });
    phone.setSmsUrl(`${svc.url}/webhooks/twilio/sms`);
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "sms", address: ALICE });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "voice", address: ALICE });
    const bob = await call("POST", "/api/users", { name: "Bob Backup", email: "bob@example.com" });
    await call("POST", `/api/users/${bob.id}/contact-methods`, { kind: "sms", address: BOB });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 0,
      levels: [
        { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 5, targets: [{ type: "user", id: bob.id }] },
      ],
    });
    service = await call("POST", "/api/services", { name: "checkout", escalationPolicyId: policy.id });
  });
  afterAll(async () => {
    await svc?.stop();
    await phone.settled();
    const unexpected = phone.unexpected();
    await phone.stop();
    expect(unexpected).toEqual([]);
    // Nobody above level 1 was ever paged: every answer stopped the escalation in time.
    expect(phone.messagesTo(BOB)).toEqual([]);
  });

  it("acknowledges with a text back 'ack', stops the level-2 escalation and says so", async () => {
    const { incident, text } = await pagedIncident("Checkout 5xx above 5%");
    expect(text).toMatch(/\nReply ACK or RESOLVE$/);
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);

    expect(await reply("Ack!")).toBe(`Acknowledged ${incident.key}: Checkout 5xx above 5%. Escalation stopped.`);
    expect(await statusOf(incident.key)).toBe("acknowledged");
    expect(await pendingEscalation(svc, incident.id)).toEqual([]);
    expect(await entryOf(incident.key, "incident.acknowledged")).toMatchObject({
      author: "Alice Adams",
      body: `Alice Adams acknowledged ${incident.key} by SMS reply and is now its owner`,
    });
    // The same answer again is stale, and says who acknowledged it.
    expect(await reply("ack")).toBe(`${incident.key} is already acknowledged by Alice Adams.`);
  });

  it("resolves the incident a reply names, not only the latest one", async () => {
    const first = await pagedIncident("Search latency over SLO");
    const latest = await pagedIncident("Login errors after deploy");
    expect(await reply(`resolve ${first.incident.key.toLowerCase()}`)).toBe(
      `Resolved ${first.incident.key}: Search latency over SLO.`,
    );
    expect(await statusOf(first.incident.key)).toBe("resolved");
    expect(await pendingEscalation(svc, first.incident.id)).toEqual([]);
    expect(await statusOf(latest.incident.key)).toBe("triggered");
    expect(await reply(`RESOLVE ${first.incident.key}`)).toBe(`${first.incident.key} is already resolved.`);
    // What is not an answer is answered with how to answer, and changes nothing.
    expect(await reply("on my way")).toBe("Reply ACK or RESOLVE, optionally with the incident key, e.g. ACK INC-42");
    expect(await reply("resolve")).toBe(`Resolved ${latest.incident.key}: Login errors after deploy.`);
  });

  it("changes nothing for a number no page went to, and says so", async () => {
    const { incident } = await pagedIncident("Payments queue backing up");
    expect(await reply("ack", STRANGER)).toBe("This number has not been paged by Firewatch.");
    expect(await reply(`resolve ${incident.key}`, STRANGER)).toBe("This number has not been paged by Firewatch.");
    expect(await statusOf(incident.key)).toBe("triggered");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("refuses a forged reply or keypress and changes nothing", async () => {
    const { incident, callSid } = await pagedIncident("Disk full on db-1");
    const forged = (path: string, params: Record<string, string>) =>
      fetch(`${svc.url}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature("not-the-token", `${svc.url}${path}`, params),
        },
        body: new URLSearchParams(params).toString(),
      });
    const sms = await forged("/webhooks/twilio/sms", { MessageSid: `SM${"0".repeat(32)}`, From: ALICE, Body: "ack" });
    expect(sms.status).toBe(401);
    expect(await sms.json()).toMatchObject({ error: { code: "WEBHOOK.TWILIO_SIGNATURE_MISMATCH" } });
    const pageId = /gather\/([0-9a-f-]{36})"/.exec(String(phone.calls().find((c) => c.sid === callSid)!.twiml))![1]!;
    const keypress = await forged(`/webhooks/twilio/voice/gather/${pageId}`, { CallSid: callSid, Digits: "6" });
    expect(keypress.status).toBe(401);
    expect(await statusOf(incident.key)).toBe("triggered");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });

  it("acknowledges with 4 pressed in the call, stops the escalation and says so", async () => {
    const { incident, callSid } = await pagedIncident("Checkout down for everyone");
    expect(phone.spoken(callSid)).toEqual([
      `Firewatch page. severity 1 incident ${incident.key}, triggered: Checkout down for everyone. ${PROMPT}`,
    ]);
    expect(await phone.press(callSid, "4")).toEqual([`Acknowledged ${incident.key}. Escalation stopped. Goodbye.`]);
    expect(await statusOf(incident.key)).toBe("acknowledged");
    expect(await pendingEscalation(svc, incident.id)).toEqual([]);
    expect((await entryOf(incident.key, "incident.acknowledged")).body).toBe(
      `Alice Adams acknowledged ${incident.key} by phone and is now its owner`,
    );
  });

  it("resolves with 6, and asks once more about any other key", async () => {
    const { incident, callSid } = await pagedIncident("Cart service crash loop");
    expect(await phone.press(callSid, "9")).toEqual([`9 is not an option. ${PROMPT}`]);
    expect(await phone.press(callSid, "6")).toEqual([`Resolved ${incident.key}. Goodbye.`]);
    expect(await statusOf(incident.key)).toBe("resolved");
    expect((await entryOf(incident.key, "incident.resolved")).body).toBe(
      `Alice Adams resolved ${incident.key} by phone`,
    );
    const again = await pagedIncident("Cart service crash loop, again");
    expect(await phone.press(again.callSid, "1")).toEqual([`1 is not an option. ${PROMPT}`]);
    expect(await phone.press(again.callSid, "1")).toEqual(["Nothing was changed. Goodbye."]);
    expect(await statusOf(again.incident.key)).toBe("triggered");
    await call("POST", `/api/incidents/${again.incident.key}/resolve`);
  });

  it("reads the incident once more when no key is pressed, then says goodbye and changes nothing", async () => {
    const { incident, callSid } = await pagedIncident("Queue consumers stalled");
    const said = `severity 1 incident ${incident.key}, triggered: Queue consumers stalled.`;
    expect(phone.noInput(callSid)).toEqual([`Again: ${said} ${PROMPT}`]);
    expect(phone.noInput(callSid)).toEqual(["Goodbye."]);
    expect(phone.isWaitingForKey(callSid)).toBe(false);
    expect(await statusOf(incident.key)).toBe("triggered");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);
    await call("POST", `/api/incidents/${incident.key}/resolve`);
  });
});
