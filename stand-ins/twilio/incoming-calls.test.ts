// Incoming calls: the emulator plays Twilio against a small application server, checking what it posts and signs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../common/http-request.ts";
import { TwilioEmulator } from "./index.ts";

const LINE = "+14155550100";
const ALICE = "+14155550101";
const BOB = "+14155550102";
const CALLER = "+447700900123";

let emu: TwilioEmulator;
let app: Server;
let appUrl: string;
/** The application's TwiML by path, and the requests it got (with whether each was signed right). */
let routes: Record<string, string | { status: number; body: string; type?: string }>;
let got: { path: string; params: Record<string, string>; signed: boolean }[];

beforeEach(async () => {
  emu = new TwilioEmulator({ numbers: [LINE] });
  routes = {};
  got = [];
  app = createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const path = req.url ?? "/";
    const signature = String(req.headers["x-twilio-signature"] ?? "");
    got.push({ path, params, signed: twilio.validateRequest(emu.authToken, signature, `${appUrl}${path}`, params) });
    const route = routes[path.split("?")[0]!] ?? { status: 404, body: "" };
    const answer = typeof route === "string" ? { status: 200, body: route, type: "text/xml" } : route;
    res.writeHead(answer.status, { "content-type": answer.type ?? "text/xml" }).end(answer.body);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  emu.setVoiceUrl(`${appUrl}/voice`, LINE);
});

afterEach(async () => {
  await new Promise((resolve) => app.close(resolve));
});

const dial = (numbers: string) =>
  `<Response><Say>Hold on</Say><Dial timeout="20" action="${appUrl}/dialed">${numbers}</Dial></Response>`;
const screened = (n: string) => `<Number url="${appUrl}/screen">${n}</Number>`;

describe("placeCall", () => {
  it("posts the signed incoming-call webhook and keeps what the caller heard", async () => {
    routes["/voice"] = "<Response><Say>Hello</Say><Hangup/><Say>never</Say></Response>";
    const call = await emu.placeCall({ from: CALLER });
    expect(call).toMatchObject({ status: 200, from: CALLER, to: LINE, heard: ["Hello"], dials: [] });
    expect(got).toEqual([
      {
        path: "/voice",
        signed: true,
        params: expect.objectContaining({
          CallSid: call.sid,
          AccountSid: emu.accountSid,
          From: CALLER,
          To: LINE,
          CallStatus: "ringing",
          Direction: "inbound",
        }),
      },
    ]);
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(emu.unexpected()).toEqual([]);
  });

  it("rings every number, connects the first whose screen ends without hanging up, and posts DialCallStatus", async () => {
    emu.setFate(ALICE, { status: "busy" });
    emu.setScreenKeys(BOB, "1");
    routes["/voice"] = dial(screened(ALICE) + screened(BOB));
    routes["/screen"] =
      `<Response><Gather numDigits="1" action="${appUrl}/pressed"><Say>Press 1</Say></Gather><Hangup/></Response>`;
    routes["/pressed"] = "<Response/>";
    routes["/dialed"] = "<Response><Hangup/></Response>";
    const call = await emu.placeCall({ from: CALLER });
    expect(call.dials).toMatchObject([
      {
        status: "completed",
        legs: [
          { number: ALICE, outcome: "busy" },
          { number: BOB, outcome: "connected", heard: ["Press 1"] },
        ],
      },
    ]);
    const [screen, pressed, dialed] = got.slice(1);
    expect(screen).toMatchObject({ path: "/screen", signed: true, params: { ParentCallSid: call.sid, To: BOB } });
    expect(pressed).toMatchObject({ path: "/pressed", signed: true, params: { Digits: "1" } });
    expect(dialed).toMatchObject({
      path: "/dialed",
      signed: true,
      params: {
        CallSid: call.sid,
        DialCallStatus: "completed",
        DialCallSid: call.dials[0]!.legs[1]!.sid,
        DialCallDuration: "95",
      },
    });
    expect(emu.unexpected()).toEqual([]);
  });

  it.each([
    ["nobody picks up", { status: "no-answer" } as const, "no-answer", "no-answer"],
    ["the line is busy", { status: "busy" } as const, "busy", "busy"],
    ["the call fails", { status: "failed" } as const, "failed", "failed"],
    ["the callee presses nothing at the screen", { status: "completed" } as const, "declined", "no-answer"],
  ])("reports when %s", async (_, fate, outcome, status) => {
    emu.setFate(ALICE, fate);
    routes["/voice"] = dial(screened(ALICE));
    routes["/screen"] =
      `<Response><Gather numDigits="1" action="${appUrl}/pressed"><Say>Press 1</Say></Gather><Hangup/></Response>`;
    routes["/dialed"] = "<Response><Say>Next</Say></Response>";
    const call = await emu.placeCall({ from: CALLER });
    expect(call.dials).toMatchObject([{ status, legs: [{ outcome }] }]);
    expect(got.at(-1)!.params.DialCallStatus).toBe(status);
    expect(call.heard).toEqual(["Hold on", "Next"]);
  });

  it("records a message: the action, then the recording status callback with Twilio's RecordingUrl", async () => {
    routes["/voice"] =
      `<Response><Say>Leave a message</Say><Record maxLength="30" action="${appUrl}/record" ` +
      `recordingStatusCallback="${appUrl}/recording"/></Response>`;
    routes["/record"] = "<Response><Say>Thanks</Say></Response>";
    routes["/recording"] = { status: 204, body: "" };
    const call = await emu.placeCall({ from: CALLER, messageSeconds: 42 });
    const url = `https://api.twilio.com/2010-04-01/Accounts/${emu.accountSid}/Recordings/${call.recording!.sid}`;
    expect(call.recording).toEqual({ sid: expect.stringMatching(/^RE[0-9a-f]{32}$/), url, seconds: 30 });
    expect(call.heard).toEqual(["Leave a message", "Thanks"]);
    expect(got.slice(1).map((r) => [r.path, r.signed, r.params.RecordingUrl, r.params.RecordingDuration])).toEqual([
      ["/record", true, url, "30"],
      ["/recording", true, url, "30"],
    ]);
    expect(got.at(-1)!.params).toMatchObject({ RecordingStatus: "completed", RecordingSid: call.recording!.sid });
    expect(emu.unexpected()).toEqual([]);
  });

  it.each([
    ["a document that does not parse", { status: 200, body: "<Response><Say>Hi</Response>" }, 12100],
    ["a root that is not Response", { status: 200, body: "<Say>Hi</Say>" }, 12102],
    ["an error status", { status: 500, body: "oops" }, 11200],
    ["a content type that is not XML", { status: 200, body: "{}", type: "application/json" }, 12300],
  ])("alerts on %s, as Twilio would, and the caller hears the application error", async (_, answer, code) => {
    routes["/voice"] = answer;
    const call = await emu.placeCall({ from: CALLER });
    expect(emu.alerts()).toMatchObject([{ code, sid: call.sid }]);
    expect(call.heard).toEqual(["We are sorry, an application error has occurred. Goodbye."]);
  });

  it("flags what Twilio would not run: a bad number, a timeout out of range, an unknown verb", async () => {
    routes["/voice"] = `<Response><Dial timeout="900"><Number>12345</Number></Dial><Play>x.mp3</Play></Response>`;
    await emu.placeCall({ from: CALLER });
    expect(emu.unexpected().map((u) => u.reason)).toEqual([
      '<Dial timeout="900"> is not 5 to 600 seconds',
      "<Number>12345</Number> is not an E.164 number",
      "<Play> is not emulated",
    ]);
  });
});
