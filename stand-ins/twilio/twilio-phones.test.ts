// The emulator's handsets: calls that run their TwiML and follow a <Gather>, and texts to the account's number
// posted, signed, to its SmsUrl, with the answer's <Message> texted back. An application here is a tiny HTTP server
// that checks the signature with Twilio's own library and answers what each test tells it to.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../common/http-request.ts";
import { TwilioEmulator } from "./index.ts";
import { parseTwiml, textOf, TwimlError } from "./twiml-document.ts";

interface Received {
  path: string;
  params: Record<string, string>;
  signedRight: boolean;
}

let emu: TwilioEmulator;
let app: Server;
let appUrl: string;
let received: Received[];
/** What the application answers next: status, content type and body. */
let answer: { status: number; type: string; body: string };

const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;
const PAGED = "+14155550100";

beforeEach(async () => {
  emu = new TwilioEmulator({ callbackDelayMs: 10 });
  await emu.start();
  received = [];
  answer = { status: 200, type: "text/xml", body: xml("") };
  app = createServer(async (req, res) => {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const signature = String(req.headers["x-twilio-signature"]);
    const signedRight = twilio.validateRequest(emu.authToken, signature, `${appUrl}${req.url}`, params);
    received.push({ path: req.url ?? "", params, signedRight });
    res.writeHead(answer.status, { "Content-Type": answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await emu.stop();
  app.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

/** Places a call through the REST API, as Firewatch does; returns its sid. */
async function call(twiml: string, to = PAGED): Promise<string> {
  const res = await fetch(`${emu.baseUrl}/2010-04-01/Accounts/${emu.accountSid}/Calls.json`, {
    method: "POST",
    headers: {
      Authorization: `Basic ${Buffer.from(`${emu.accountSid}:${emu.authToken}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ To: to, From: emu.numbers[0]!, Twiml: twiml }).toString(),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { sid: string }).sid;
}

describe("TwiML documents", () => {
  it("reads elements, attributes, entities, comments and CDATA", () => {
    const doc = parseTwiml(
      `<?xml version="1.0"?>\n<!-- page --><Response><Say voice='alice'>A &amp; B &#x3C;3 <![CDATA[<raw>]]></Say>\n<Pause length="1"/></Response>`,
    );
    const say = doc.children[0] as { name: string; attributes: Record<string, string> };
    expect(say).toMatchObject({ name: "Say", attributes: { voice: "alice" } });
    expect(textOf(doc.children[0] as never)).toBe("A & B <3 <raw>");
  });

  it.each([
    ["an unclosed element", "<Response><Say>Hi</Response>"],
    ["a misnested element", "<Response><Gather><Say>Hi</Gather></Say></Response>"],
    ["an unquoted attribute", "<Response><Gather numDigits=1/></Response>"],
    ["a bare ampersand", "<Response><Say>A & B</Say></Response>"],
    ["a raw < in an attribute", '<Response><Gather action="a<b"/></Response>'],
    ["an unknown entity", "<Response><Say>&nbsp;</Say></Response>"],
    ["space before the XML declaration", ' <?xml version="1.0"?><Response/>'],
    ["two roots", "<Response/><Response/>"],
    ["plain text", "Hello"],
  ])("refuses %s with error 12100", (_what, text) => {
    expect(() => parseTwiml(text)).toThrow(expect.objectContaining({ code: 12100, constructor: TwimlError }));
  });

  it("refuses a root other than Response with error 12102 (names are case-sensitive)", () => {
    expect(() => parseTwiml("<response><Say>Hi</Say></response>")).toThrow(expect.objectContaining({ code: 12102 }));
  });
});

describe("calls", () => {
  const gather = (action: string, say: string) =>
    `<Gather numDigits="1" action="${action}" method="POST"><Say>${say}</Say></Gather>`;

  it("speaks up to the Gather, posts the key pressed there signed, and speaks the TwiML answered", async () => {
    const sid = await call(xml(`<Say>Page.</Say>${gather(`${appUrl}/gather/p1?x=1&amp;y=2`, "Press 4.")}`));
    expect(emu.spoken(sid)).toEqual(["Page.", "Press 4."]);
    answer = { status: 200, type: "application/xml; charset=utf-8", body: xml("<Say>Done &amp; dusted.</Say>") };
    expect(await emu.press(sid, "4")).toEqual(["Done & dusted."]);
    expect(received).toEqual([
      {
        path: "/gather/p1?x=1&y=2",
        signedRight: true,
        params: {
          AccountSid: emu.accountSid,
          ApiVersion: "2010-04-01",
          CallSid: sid,
          CallStatus: "in-progress",
          Direction: "outbound-api",
          From: emu.numbers[0],
          To: PAGED,
          Digits: "4",
          FinishedOnKey: "",
        },
      },
    ]);
    expect(emu.isWaitingForKey(sid)).toBe(false);
    await expect(emu.press(sid, "4")).rejects.toThrow(/not waiting for a key \(it ended\)/);
    expect(emu.unexpected()).toEqual([]);
  });

  it("goes on with the verbs after the Gather when no key is pressed", async () => {
    const sid = await call(
      xml(`${gather(`${appUrl}/g`, "First.")}${gather(`${appUrl}/g?again=1`, "Second.")}<Say>Bye.</Say>`),
    );
    expect(emu.spoken(sid)).toEqual(["First."]);
    expect(emu.noInput(sid)).toEqual(["Second."]);
    answer = { status: 200, type: "text/xml", body: xml(gather(`${appUrl}/g?again=1`, "Once more.")) };
    expect(await emu.press(sid, "7")).toEqual(["Once more."]);
    expect(received.map((r) => [r.path, r.params.Digits])).toEqual([["/g?again=1", "7"]]);
    expect(emu.noInput(sid)).toEqual([]);
    expect(emu.spoken(sid)).toEqual(["First.", "Second.", "Once more."]);
  });

  it("logs what Twilio would (a failed answer 11200, not XML 12300, unparsable 12100) and says the error message", async () => {
    for (const [status, type, body, code] of [
      [404, "application/json", '{"error":{}}', 11200],
      [200, "text/plain", "Acknowledged", 12300],
      [200, "text/xml", "<Response><Say>Hi</Response>", 12100],
    ] as const) {
      const sid = await call(xml(gather(`${appUrl}/g`, "Press.")));
      answer = { status, type, body };
      expect(await emu.press(sid, "4")).toEqual(["We are sorry, an application error has occurred. Goodbye."]);
      expect(emu.alerts().at(-1)).toMatchObject({ code, sid });
    }
    expect(emu.unexpected()).toHaveLength(3);
  });

  it("says nothing on a call nobody answers, and needs an absolute action for inline TwiML", async () => {
    emu.setFate("+14155550112", { status: "no-answer" });
    const unanswered = await call(xml("<Say>Hi</Say>"), "+14155550112");
    expect(() => emu.spoken(unanswered)).toThrow(/no call/);
    const sid = await call(xml(gather("/relative", "Press.")));
    expect(emu.isWaitingForKey(sid)).toBe(false);
    expect(emu.unexpected()).toEqual([
      expect.objectContaining({ reason: "<Gather> of inline TwiML needs an absolute action URL" }),
    ]);
  });
});

describe("texts back", () => {
  it("posts a text to the number's SmsUrl, signed with Twilio's fields, and texts each <Message> back", async () => {
    emu.setSmsUrl(`${appUrl}/sms`);
    answer = { status: 200, type: "text/xml", body: xml("<Message>Acknowledged &lt;INC-1&gt;.</Message>") };
    expect(await emu.receiveSms(PAGED, "ack")).toEqual({ status: 200, replies: ["Acknowledged <INC-1>."] });
    expect(received).toEqual([
      {
        path: "/sms",
        signedRight: true,
        params: expect.objectContaining({
          AccountSid: emu.accountSid,
          From: PAGED,
          To: emu.numbers[0],
          Body: "ack",
          MessageSid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
          NumMedia: "0",
        }),
      },
    ]);
    expect(emu.messagesTo(PAGED)).toEqual(["Acknowledged <INC-1>."]);
    expect(emu.messages().at(-1)).toMatchObject({ from: emu.numbers[0], to: PAGED, direction: "outbound-reply" });
    expect(emu.unexpected()).toEqual([]);
  });

  it("texts nothing back for an empty Response, and logs an answer Twilio cannot read", async () => {
    emu.setSmsUrl(`${appUrl}/sms`);
    expect(await emu.receiveSms(PAGED, "hello")).toEqual({ status: 200, replies: [] });
    answer = { status: 401, type: "application/json", body: "{}" };
    expect(await emu.receiveSms(PAGED, "ack")).toEqual({ status: 401, replies: [] });
    expect(emu.alerts()).toEqual([expect.objectContaining({ code: 11200 })]);
    expect(emu.messagesTo(PAGED)).toEqual([]);
  });

  it("needs an SmsUrl for the number texted", async () => {
    await expect(emu.receiveSms(PAGED, "ack")).rejects.toThrow(/has no SmsUrl/);
  });
});
