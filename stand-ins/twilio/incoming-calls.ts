// Calls to the account's numbers: Twilio POSTs the incoming-call webhook, signed, to the number's Voice URL with
// CallSid, AccountSid, From, To, CallStatus=ringing, Direction=inbound, ApiVersion, …
// (https://www.twilio.com/docs/usage/webhooks/voice-webhooks) and runs the TwiML answered for the caller:
// <Say> is heard, <Pause> waits, <Hangup> ends; <Dial> rings its numbers (dial-legs.ts) and POSTs DialCallStatus,
// DialCallSid and DialCallDuration to its action, whose TwiML replaces the rest (without one the next verb runs:
// https://www.twilio.com/docs/voice/twiml/dial#action); <Record> takes the caller's message after the beep, POSTs
// RecordingUrl, RecordingDuration and Digits to its action, then RecordingSid, RecordingUrl, RecordingStatus and
// RecordingDuration to its recordingStatusCallback (https://www.twilio.com/docs/voice/twiml/record).
import { dial, type DialAccount, type DialAttempt } from "./dial-legs.ts";
import { newSid } from "./resources.ts";
import { APPLICATION_ERROR } from "./twiml-answer.ts";
import { textOf, type TwimlElement, type TwimlNode } from "./twiml-document.ts";
import { postSigned } from "./webhook-client.ts";

export interface PlaceCall {
  readonly from: string;
  /** One of the account's numbers (its first unless told). */
  readonly to?: string;
  /** How long the caller speaks into a <Record> (default 42 s). */
  readonly messageSeconds?: number;
  /** How long a connected call lasts (default 95 s). */
  readonly talkSeconds?: number;
}

/** A recording the caller left. */
export interface Recording {
  readonly sid: string;
  readonly url: string;
  readonly seconds: number;
}

/** An incoming call as it went: what the caller heard, each <Dial>, the message left. */
export interface IncomingCall {
  readonly sid: string;
  readonly from: string;
  readonly to: string;
  /** The HTTP status (or network error) of the incoming-call webhook. */
  status: number | string;
  readonly heard: string[];
  readonly dials: DialAttempt[];
  recording: Recording | null;
}

/** Documents one call runs (each <Dial> or <Record> action's answer is one) before the emulator gives up. */
const MAX_DOCUMENTS = 30;
const VERBS = new Set(["Say", "Pause", "Hangup", "Dial", "Record"]);

export class IncomingCalls {
  private readonly voiceUrls = new Map<string, string>();
  private readonly calls = new Map<string, IncomingCall>();

  constructor(private readonly account: DialAccount) {}

  /** Where calls to `number` are posted (the IncomingPhoneNumber's VoiceUrl, method POST). */
  setVoiceUrl(number: string, url: string): void {
    this.voiceUrls.set(number, url);
  }

  /** The call so far. */
  get(sid: string): IncomingCall {
    const call = this.calls.get(sid);
    if (!call) throw new Error(`no incoming call ${sid}`);
    return call;
  }

  /** `from` calls the account's number `to`; resolves once the call has ended. */
  async place(options: PlaceCall & { to: string }): Promise<IncomingCall> {
    const url = this.voiceUrls.get(options.to);
    if (!url) throw new Error(`${options.to} has no VoiceUrl: call setVoiceUrl first`);
    const call: IncomingCall = {
      sid: newSid("CA"),
      from: options.from,
      to: options.to,
      status: "pending",
      heard: [],
      dials: [],
      recording: null,
    };
    this.calls.set(call.sid, call);
    const params = this.params(call, { CallStatus: "ringing", Caller: call.from, Called: call.to });
    const answer = await postSigned(this.account.authToken, url, params);
    call.status = answer.status;
    let document = this.account.twimlOf(call.sid, url, answer);
    for (let n = 0; n < MAX_DOCUMENTS; n++) {
      if (!document) return this.failed(call);
      const next = await this.run(call, document.children, options);
      if (next === "ended") return call;
      document = next;
    }
    this.account.unexpected(`call ${call.sid}`, `more than ${MAX_DOCUMENTS} TwiML documents`);
    return call;
  }

  private failed(call: IncomingCall): IncomingCall {
    call.heard.push(APPLICATION_ERROR);
    return call;
  }

  private params(call: IncomingCall, extra: Record<string, string>): Record<string, string> {
    const base = { AccountSid: this.account.accountSid, ApiVersion: "2010-04-01", CallSid: call.sid };
    return { ...base, From: call.from, To: call.to, Direction: "inbound", CallStatus: "in-progress", ...extra };
  }

  /** The caller's verbs: "ended", or the document an action answered (null when it could not be run). */
  private async run(
    call: IncomingCall,
    verbs: readonly TwimlNode[],
    options: PlaceCall,
  ): Promise<"ended" | TwimlElement | null> {
    for (const verb of verbs) {
      if (typeof verb === "string") continue;
      if (!VERBS.has(verb.name)) this.account.unexpected(`call ${call.sid}`, `<${verb.name}> is not emulated`);
      if (verb.name === "Say") call.heard.push(textOf(verb));
      if (verb.name === "Hangup") return "ended";
      if (verb.name === "Dial") {
        const attempt = await dial(this.account, verb, call.sid, call.from);
        call.dials.push(attempt);
        const connected = attempt.legs.find((l) => l.outcome === "connected");
        const duration = connected ? String(options.talkSeconds ?? 95) : "0";
        const result = { DialCallStatus: attempt.status, DialCallDuration: duration };
        const action = verb.attributes.action;
        if (action)
          return this.follow(call, action, { ...result, ...(connected ? { DialCallSid: connected.sid } : {}) });
      }
      if (verb.name === "Record") return this.record(call, verb, options.messageSeconds ?? 42);
    }
    return "ended";
  }

  /** POSTs to an action URL; the answer's TwiML goes on with the call. */
  private async follow(call: IncomingCall, action: string, extra: Record<string, string>) {
    if (!/^https?:\/\//.test(action)) {
      this.account.unexpected(`call ${call.sid}`, `relative action URL ${action} is not emulated`);
      return null;
    }
    const answer = await postSigned(this.account.authToken, action, this.params(call, extra));
    return this.account.twimlOf(call.sid, action, answer);
  }

  /** The caller leaves a message and presses #: the action's TwiML runs, then the recording's status is reported. */
  private async record(call: IncomingCall, verb: TwimlElement, spoken: number) {
    const { action, maxLength = "3600", recordingStatusCallback: statusUrl } = verb.attributes;
    if (!/^\d+$/.test(maxLength)) this.account.unexpected(`call ${call.sid}`, `<Record maxLength="${maxLength}">`);
    if (!action) {
      this.account.unexpected(`call ${call.sid}`, "<Record> without an action is not emulated");
      return "ended" as const;
    }
    const sid = newSid("RE");
    const url = `https://api.twilio.com/2010-04-01/Accounts/${this.account.accountSid}/Recordings/${sid}`;
    const recording = { sid, url, seconds: Math.min(spoken, Number(maxLength)) };
    call.recording = recording;
    const seconds = String(recording.seconds);
    const next = await this.follow(call, action, { RecordingUrl: url, RecordingDuration: seconds, Digits: "#" });
    if (statusUrl) {
      const status = {
        AccountSid: this.account.accountSid,
        CallSid: call.sid,
        RecordingSid: sid,
        RecordingUrl: url,
        RecordingStatus: "completed",
        RecordingDuration: seconds,
        RecordingChannels: "1",
        RecordingSource: "RecordVerb",
        RecordingStartTime: new Date().toUTCString(),
      };
      const answer = await postSigned(this.account.authToken, statusUrl, status);
      if (typeof answer.status === "string" || answer.status >= 300)
        this.account.unexpected(statusUrl, `recordingStatusCallback answered ${answer.status}`);
    }
    return next;
  }
}
