import { describe, expect, it } from "vitest";
import { connectTwiml, dialTwiml, hangupTwiml, recordTwiml, screenTwiml } from "./call-twiml.ts";

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

describe("call TwiML", () => {
  it("rings a level's numbers at once, each screened, and names the dial action", () => {
    const twiml = dialTwiml({
      say: ["Hello & welcome"],
      numbers: [
        { number: "+14155550101", screenUrl: "https://fw.example/screen?call=CA1&level=0&user=a" },
        { number: "+14155550102", screenUrl: "https://fw.example/screen?call=CA1&level=0&user=b" },
      ],
      ringSeconds: 25,
      action: "https://fw.example/dial?level=0",
    });
    expect(twiml).toBe(
      `${HEAD}<Response><Say>Hello &amp; welcome</Say>` +
        '<Dial timeout="25" action="https://fw.example/dial?level=0" method="POST">' +
        '<Number url="https://fw.example/screen?call=CA1&amp;level=0&amp;user=a" method="POST">+14155550101</Number>' +
        '<Number url="https://fw.example/screen?call=CA1&amp;level=0&amp;user=b" method="POST">+14155550102</Number>' +
        "</Dial></Response>",
    );
  });

  it("screens a callee with one key, hanging up when none is pressed", () => {
    expect(screenTwiml("Press 1", "https://fw.example/screened")).toBe(
      `${HEAD}<Response><Gather numDigits="1" timeout="8" action="https://fw.example/screened" method="POST">` +
        "<Say>Press 1</Say></Gather><Hangup/></Response>",
    );
    expect(connectTwiml()).toBe(`${HEAD}<Response/>`);
  });

  it("records a voicemail with its action and status callback", () => {
    expect(
      recordTwiml({ say: ["Leave a message"], maxSeconds: 120, action: "https://a", statusCallback: "https://s" }),
    ).toBe(
      `${HEAD}<Response><Say>Leave a message</Say><Record maxLength="120" playBeep="true" action="https://a" ` +
        'method="POST" recordingStatusCallback="https://s" recordingStatusCallbackMethod="POST" ' +
        'recordingStatusCallbackEvent="completed"/></Response>',
    );
  });

  it("says goodbye and hangs up, dropping characters XML cannot hold", () => {
    expect(hangupTwiml("Not taking calls\u0000.")).toBe(
      `${HEAD}<Response><Say>Not taking calls.</Say><Hangup/></Response>`,
    );
    expect(hangupTwiml()).toBe(`${HEAD}<Response><Hangup/></Response>`);
  });
});
