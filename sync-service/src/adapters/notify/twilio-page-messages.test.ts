import { describe, expect, it } from "vitest";
import type { PageMessage } from "../../ports/notifier-port.ts";
import { SMS_MAX_CHARS, smsText, TWIML_MAX_CHARS, voiceTwiml } from "./twilio-page-messages.ts";

const message: PageMessage = {
  pageId: "page_7",
  incidentId: "inc_42",
  incidentKey: "INC-42",
  title: "Checkout errors > 2% & rising",
  severity: "SEV1",
  status: "triggered",
  url: "https://firewatch.example.com/incidents/inc_42",
  level: 2,
  recipientName: "Ana Lima",
  mayHaveBeenSent: false,
  actionUrls: null,
  signInUrl: null,
};

describe("message text", () => {
  it("keeps the SMS within the limit by shortening the title, keeping the link whole and the way to answer", () => {
    const text = smsText({ ...message, title: "x".repeat(1000) });
    expect([...text].length).toBe(SMS_MAX_CHARS);
    expect(text).toMatch(
      /^\[SEV1\] INC-42 triggered: x+\.\.\. https:\/\/firewatch\.example\.com\/incidents\/inc_42\nReply ACK or RESOLVE$/,
    );
  });

  it("drops a link too long to leave room for the title, never the way to answer", () => {
    const text = smsText({
      ...message,
      title: "x".repeat(1000),
      url: `https://firewatch.example.com/${"y".repeat(300)}`,
    });
    expect([...text].length).toBe(SMS_MAX_CHARS);
    expect(text).toMatch(/^\[SEV1\] INC-42 triggered: x+\.\.\.\nReply ACK or RESOLVE$/);
  });

  it("escapes XML in spoken text", () => {
    expect(voiceTwiml({ ...message, title: `<Hangup/> "quoted" 'single'` })).not.toContain("<Hangup/>");
  });

  it("keeps a call's TwiML within the 4,000 characters Twilio takes inline, whatever the title", () => {
    const gatherUrl = `https://firewatch.example.com/${"p".repeat(600)}/webhooks/twilio/voice/gather`;
    const twiml = voiceTwiml({ ...message, title: "&".repeat(1024) }, gatherUrl);
    expect(twiml.length).toBeLessThanOrEqual(TWIML_MAX_CHARS);
    expect(twiml).toContain("Press 4 to acknowledge, 6 to resolve.");
  });
});
