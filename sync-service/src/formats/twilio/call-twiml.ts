// The TwiML of live call routing, made with Twilio's own builder (it escapes text and attributes):
//   <Dial timeout action> rings its <Number>s at once, the first to be connected wins; when the dialed call ends
//     (or nobody answers within `timeout` seconds) Twilio POSTs DialCallStatus (completed | no-answer | busy | failed |
//     canceled), DialCallSid and DialCallDuration to `action` and runs the TwiML answered
//     (https://www.twilio.com/docs/voice/twiml/dial#action, #timeout);
//   <Number url> runs the TwiML at `url` on the callee's leg before the two are connected — the whisper, or call
//     screen: a <Hangup> there leaves the caller unconnected, as if the callee had not answered, so a voicemail box
//     never takes the call (https://www.twilio.com/docs/voice/twiml/number#url);
//   <Record maxLength action recordingStatusCallback> records the caller after a beep, POSTs RecordingUrl,
//     RecordingDuration and Digits to `action` when they stop, and RecordingSid, RecordingUrl, RecordingStatus and
//     RecordingDuration to `recordingStatusCallback` once the file is ready
//     (https://www.twilio.com/docs/voice/twiml/record#action, #recordingstatuscallback).
import twilio from "twilio";
import { xmlSafe } from "./twiml.ts";

/** A phone one level rings, and where its screen is fetched when they pick up. */
export interface RungNumber {
  readonly number: string;
  readonly screenUrl: string;
}

/** Says each text and hangs up. */
export function hangupTwiml(...say: readonly string[]): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const text of say) response.say(xmlSafe(text));
  response.hangup();
  return response.toString();
}

/** Says each text, then rings every number of a level for `ringSeconds`; `action` learns how it ended. */
export function dialTwiml(ring: {
  say: readonly string[];
  numbers: readonly RungNumber[];
  ringSeconds: number;
  action: string;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const text of ring.say) response.say(xmlSafe(text));
  const dial = response.dial({ timeout: ring.ringSeconds, action: ring.action, method: "POST" });
  for (const { number, screenUrl } of ring.numbers) dial.number({ url: screenUrl, method: "POST" }, number);
  return response.toString();
}

/** The callee's screen: asks for one key (sent to `action`); pressing none hangs up, so the call is not theirs. */
export function screenTwiml(text: string, action: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.gather({ numDigits: 1, timeout: 8, action, method: "POST" }).say(xmlSafe(text));
  response.hangup();
  return response.toString();
}

/** Nothing more to run: the screen ends, and Twilio connects the callee to the caller. */
export function connectTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}

/** Says each text and records a message of up to `maxSeconds` after the beep. */
export function recordTwiml(record: {
  say: readonly string[];
  maxSeconds: number;
  action: string;
  statusCallback: string;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const text of record.say) response.say(xmlSafe(text));
  response.record({
    maxLength: record.maxSeconds,
    playBeep: true,
    action: record.action,
    method: "POST",
    recordingStatusCallback: record.statusCallback,
    recordingStatusCallbackMethod: "POST",
    recordingStatusCallbackEvent: ["completed"],
  });
  return response.toString();
}
