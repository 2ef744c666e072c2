// TwiML, the XML Twilio reads as instructions, made with Twilio's own builder (it escapes text and attributes):
//   messaging: <Message> answers an incoming text with a text back (https://www.twilio.com/docs/messaging/twiml/message)
//   voice:     <Say> speaks (https://www.twilio.com/docs/voice/twiml/say); <Gather numDigits="1"> waits for one key
//              while its nested <Say> speaks, then POSTs Digits to its action URL; with no key pressed, Twilio goes on
//              with the verb after it (https://www.twilio.com/docs/voice/twiml/gather#action).
import twilio from "twilio";

/** One question of a call: what is said while Twilio waits for a key, and where the key is sent. */
export interface Ask {
  readonly say: string;
  readonly action: string;
}

/** The query parameter a gather action URL carries when its question is asked the second (and last) time. */
const AGAIN = "again";

/** The action URL for asking the same question once more. */
export function askedAgain(action: string): string {
  return `${action.split("?")[0]}?${AGAIN}=1`;
}

/** Whether the request (its path and query, as express's originalUrl) answers a question asked the second time. */
export function isAskedAgain(originalUrl: string): boolean {
  return new URL(originalUrl, "http://twilio.invalid").searchParams.get(AGAIN) === "1";
}

/** A text back to the sender of an incoming message. */
export function messageTwiml(text: string): string {
  const response = new twilio.twiml.MessagingResponse();
  response.message(xmlSafe(text));
  return response.toString();
}

/** Says `text`, and the call ends. */
export function sayTwiml(text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(xmlSafe(text));
  return response.toString();
}

/** Says each text with a pause between, and the call ends. */
export function readTwiml(texts: readonly string[]): string {
  const response = new twilio.twiml.VoiceResponse();
  texts.forEach((text, i) => {
    if (i > 0) response.pause({ length: 1 });
    response.say(xmlSafe(text));
  });
  return response.toString();
}

/** Asks each question in turn for one key (the next only when no key was pressed), then says `goodbye`. */
export function askTwiml(asks: readonly Ask[], goodbye: string): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const ask of asks) response.gather({ numDigits: 1, action: ask.action, method: "POST" }).say(xmlSafe(ask.say));
  response.say(xmlSafe(goodbye));
  return response.toString();
}

// XML 1.0 allows tab, line feed, carriage return and the code points from U+0020 except surrogates, U+FFFE and
// U+FFFF (https://www.w3.org/TR/xml/#charsets); Twilio's builder throws on the others, so they are dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML cannot hold. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "");
}
