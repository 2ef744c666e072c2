import { describe, expect, it } from "vitest";
import { askedAgain, askTwiml, isAskedAgain, messageTwiml, readTwiml, sayTwiml } from "./twiml.ts";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

describe("TwiML", () => {
  it("answers a text with a Message, its text escaped", () => {
    expect(messageTwiml(`Resolved INC-1: <Hangup/> & "more".`)).toBe(
      `${DECLARATION}<Response><Message>Resolved INC-1: &lt;Hangup/&gt; &amp; "more".</Message></Response>`,
    );
  });

  it("drops characters XML cannot hold instead of failing", () => {
    expect(sayTwiml("a\u0000b\u0007c\uFFFEd\uD800e")).toBe(`${DECLARATION}<Response><Say>abcde</Say></Response>`);
  });

  it("asks for one key per question, posting it to the question's action, then says goodbye", () => {
    const twiml = askTwiml(
      [
        { say: "First.", action: "https://fw.example/g/p1" },
        { say: "Again.", action: askedAgain("https://fw.example/g/p1") },
      ],
      "Goodbye.",
    );
    expect(twiml).toBe(
      `${DECLARATION}<Response>` +
        '<Gather numDigits="1" action="https://fw.example/g/p1" method="POST"><Say>First.</Say></Gather>' +
        '<Gather numDigits="1" action="https://fw.example/g/p1?again=1" method="POST"><Say>Again.</Say></Gather>' +
        "<Say>Goodbye.</Say></Response>",
    );
  });

  it("reads texts with a pause between", () => {
    expect(readTwiml(["One.", "Two."])).toBe(
      `${DECLARATION}<Response><Say>One.</Say><Pause length="1"/><Say>Two.</Say></Response>`,
    );
  });

  it("tells a question asked again from the first", () => {
    expect(askedAgain("https://fw.example/g/p1?again=1")).toBe("https://fw.example/g/p1?again=1");
    expect(isAskedAgain("/webhooks/twilio/voice/gather/p1?again=1")).toBe(true);
    expect(isAskedAgain("/webhooks/twilio/voice/gather/p1")).toBe(false);
    expect(isAskedAgain("/webhooks/twilio/voice/gather/p1?again=0")).toBe(false);
  });
});
