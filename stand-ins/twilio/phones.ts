// The other end of the line: the handsets the emulator's texts and calls reach, and the texts they send back.
// Calls: an answered call runs its TwiML (https://www.twilio.com/docs/voice/twiml): <Say> is heard, <Pause> waits,
//   <Hangup> ends; <Gather> speaks what it nests and waits for keys, then POSTs CallSid, From, To, Digits, … signed
//   to its action URL and runs the TwiML answered; with no key pressed Twilio goes on with the verb after the
//   <Gather> (https://www.twilio.com/docs/voice/twiml/gather#action). After the last verb the call ends.
// Texts: a text to one of the account's numbers is POSTed, signed, to that number's SmsUrl with From, To, Body,
//   MessageSid, AccountSid, … (https://www.twilio.com/docs/messaging/guides/webhook-request); each <Message> of the
//   TwiML answered goes back to the sender (https://www.twilio.com/docs/messaging/twiml/message).
// What Twilio would log as an error (a document that does not parse: 12100; a root that is not Response: 12102; a
// failed request: 11200; not XML: 12300) is an alert, and the call says Twilio's application-error message.
import { newSid } from "./resources.ts";
import { APPLICATION_ERROR, twimlOf, type Alert } from "./twiml-answer.ts";
import { textOf, type TwimlElement, type TwimlNode } from "./twiml-document.ts";
import { postSigned, type WebhookAnswer } from "./webhook-client.ts";

export type { Alert };

interface Waiting {
  readonly action: string;
  readonly numDigits: number;
  /** The verbs after the <Gather>, run when no key is pressed. */
  readonly rest: readonly TwimlNode[];
}

interface Call {
  readonly sid: string;
  readonly from: string;
  readonly to: string;
  readonly said: string[];
  waiting: Waiting | null;
  ended: boolean;
}

export interface PhonesAccount {
  readonly accountSid: string;
  readonly authToken: string;
  /** Records what the emulator cannot do as Twilio would. */
  unexpected(path: string, reason: string): void;
  /** Records a text the account sent back to an incoming one (direction outbound-reply). */
  replied(from: string, to: string, body: string): void;
}

const GATHER_NESTS = new Set(["Say", "Play", "Pause"]);

export class Phones {
  private readonly calls = new Map<string, Call>();
  private readonly smsUrls = new Map<string, string>();
  readonly alerts: Alert[] = [];

  constructor(private readonly account: PhonesAccount) {}

  /** The callee picked up: the call runs its inline TwiML. */
  answer(sid: string, from: string, to: string, twiml: string): void {
    const call: Call = { sid, from, to, said: [], waiting: null, ended: false };
    this.calls.set(sid, call);
    this.runDocument(call, { status: 200, contentType: "application/xml", body: twiml });
  }

  /** Everything said on the call so far, in order. */
  spoken(sid: string): string[] {
    return [...this.call(sid).said];
  }

  /** Whether the call waits for a key. */
  isWaiting(sid: string): boolean {
    return this.call(sid).waiting !== null;
  }

  /** The callee presses keys at the <Gather>: Twilio posts them to its action. @returns what is said next */
  async press(sid: string, digits: string): Promise<string[]> {
    const call = this.waitingCall(sid);
    const { action, numDigits } = call.waiting!;
    call.waiting = null;
    const before = call.said.length;
    const params = {
      AccountSid: this.account.accountSid,
      ApiVersion: "2010-04-01",
      CallSid: sid,
      CallStatus: "in-progress",
      Direction: "outbound-api",
      From: call.from,
      To: call.to,
      Digits: numDigits > 0 ? digits.slice(0, numDigits) : digits,
      FinishedOnKey: "",
    };
    this.runDocument(call, await postSigned(this.account.authToken, action, params));
    return call.said.slice(before);
  }

  /** The callee presses nothing: the <Gather> times out and the verbs after it run. @returns what is said next */
  noInput(sid: string): string[] {
    const call = this.waitingCall(sid);
    const { rest } = call.waiting!;
    call.waiting = null;
    const before = call.said.length;
    this.run(call, rest);
    return call.said.slice(before);
  }

  /** Where texts to `number` are posted (the IncomingPhoneNumber's SmsUrl, method POST). */
  setSmsUrl(number: string, url: string): void {
    this.smsUrls.set(number, url);
  }

  /** `from` texts `body` to the account's number `to`. @returns the webhook's HTTP status and the texts sent back */
  async receiveSms(from: string, to: string, body: string): Promise<{ status: number | string; replies: string[] }> {
    const url = this.smsUrls.get(to);
    if (!url) throw new Error(`${to} has no SmsUrl: call setSmsUrl first`);
    const sid = newSid("SM");
    const params = {
      AccountSid: this.account.accountSid,
      ApiVersion: "2010-04-01",
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: "received",
      From: from,
      To: to,
      Body: body,
      NumMedia: "0",
      NumSegments: String(Math.ceil([...body].length / 153) || 1),
    };
    const answer = await postSigned(this.account.authToken, url, params);
    const document = this.twimlOf(sid, url, answer);
    const replies = (document?.children ?? [])
      .filter((c): c is TwimlElement => typeof c !== "string" && c.name === "Message")
      .map((m) => textOf(m));
    for (const reply of replies) this.account.replied(to, from, reply);
    return { status: answer.status, replies };
  }

  private call(sid: string): Call {
    const call = this.calls.get(sid);
    if (!call) throw new Error(`no call ${sid} was answered`);
    return call;
  }

  private waitingCall(sid: string): Call {
    const call = this.call(sid);
    if (!call.waiting)
      throw new Error(`call ${sid} is not waiting for a key (${call.ended ? "it ended" : "no Gather"})`);
    return call;
  }

  /** The TwiML an answer holds, or null after logging the alert Twilio would. */
  twimlOf(sid: string, url: string, answer: WebhookAnswer): TwimlElement | null {
    return twimlOf(answer, url, (code, message) => {
      this.alerts.push({ code, sid, message });
      this.account.unexpected(url, `Twilio error ${code}: ${message}`);
    });
  }

  private runDocument(call: Call, answer: WebhookAnswer): void {
    const document = this.twimlOf(call.sid, `call ${call.sid}`, answer);
    if (document) return this.run(call, document.children);
    call.said.push(APPLICATION_ERROR);
    call.ended = true;
  }

  private run(call: Call, verbs: readonly TwimlNode[]): void {
    for (const [i, verb] of verbs.entries()) {
      if (typeof verb === "string") continue; // whitespace between verbs
      if (verb.name === "Say") call.said.push(textOf(verb));
      else if (verb.name === "Hangup") break;
      else if (verb.name === "Gather") {
        if (this.gather(call, verb, verbs.slice(i + 1))) return;
      } else if (verb.name !== "Pause") this.account.unexpected(`call ${call.sid}`, `<${verb.name}> is not emulated`);
    }
    call.ended = true;
  }

  /** Speaks what the <Gather> nests and waits for keys; false when it cannot wait (no action to post to). */
  private gather(call: Call, gather: TwimlElement, rest: readonly TwimlNode[]): boolean {
    const where = `call ${call.sid}`;
    for (const nested of gather.children) {
      if (typeof nested === "string") continue;
      if (!GATHER_NESTS.has(nested.name)) this.account.unexpected(where, `<Gather> cannot nest <${nested.name}>`);
      else if (nested.name === "Say") call.said.push(textOf(nested));
    }
    const { action, method = "POST", numDigits = "0" } = gather.attributes;
    // Inline TwiML has no document URL for a relative action (or none) to resolve against.
    if (!action || !/^https?:\/\//.test(action)) {
      this.account.unexpected(where, "<Gather> of inline TwiML needs an absolute action URL");
      return false;
    }
    if (method !== "POST") this.account.unexpected(where, `<Gather method="${method}"> is not emulated`);
    if (!/^\d+$/.test(numDigits)) this.account.unexpected(where, `<Gather numDigits="${numDigits}"> is not a number`);
    call.waiting = { action, numDigits: Number(numDigits), rest };
    return true;
  }
}
