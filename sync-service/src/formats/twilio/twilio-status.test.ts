import { describe, expect, it } from "vitest";
import { deliveryReport, isSignedByTwilio } from "./twilio-status.ts";

describe("Twilio status callbacks", () => {
  // The example of https://www.twilio.com/docs/usage/webhooks/webhooks-security (auth token 12345).
  const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const params = {
    CallSid: "CA1234567890ABCDE",
    Caller: "+14158675309",
    Digits: "1234",
    From: "+14158675309",
    To: "+18005551212",
  };

  it("accepts Twilio's documented signature and nothing else", () => {
    expect(isSignedByTwilio("12345", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, params)).toBe(true);
    expect(isSignedByTwilio("12345", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, { ...params, Digits: "1235" })).toBe(false);
    expect(
      isSignedByTwilio("12345", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "https://mycompany.com/other.php?foo=1&bar=2", params),
    ).toBe(false);
    expect(isSignedByTwilio("54321", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, params)).toBe(false);
    expect(isSignedByTwilio("12345", undefined, url, params)).toBe(false);
    expect(isSignedByTwilio("12345", "", url, params)).toBe(false);
  });

  it("reads a text's progress, its delivery and its failure with Twilio's reason", () => {
    const text = (MessageStatus: string, extra: Record<string, string> = {}) =>
      deliveryReport({ MessageSid: "SM1", MessageStatus, ...extra });
    expect(text("sent")).toEqual({ providerId: "SM1", outcome: "pending", detail: "text sent" });
    expect(text("delivered")).toEqual({ providerId: "SM1", outcome: "delivered", detail: "text delivered" });
    expect(text("undelivered", { ErrorCode: "30006" })).toEqual({
      providerId: "SM1",
      outcome: "failed",
      detail: "text undelivered (Twilio error 30006: landline or unreachable carrier)",
    });
    expect(text("failed", { ErrorCode: "30999" })?.detail).toBe("text failed (Twilio error 30999)");
    expect(text("failed")?.detail).toBe("text failed");
  });

  it("reads a call's final status: answered, or not reached and why", () => {
    const call = (CallStatus: string) => deliveryReport({ CallSid: "CA1", CallStatus });
    expect(call("completed")).toEqual({ providerId: "CA1", outcome: "delivered", detail: "call answered" });
    expect(call("no-answer")).toEqual({
      providerId: "CA1",
      outcome: "failed",
      detail: "call no-answer: nobody answered the call",
    });
    expect(call("busy")?.outcome).toBe("failed");
    expect(call("ringing")?.outcome).toBe("pending");
  });

  it("is not a report without a sid and a status", () => {
    expect(deliveryReport({})).toBeNull();
    expect(deliveryReport({ MessageSid: "SM1" })).toBeNull();
    expect(deliveryReport({ CallStatus: "completed" })).toBeNull();
  });
});
