import { describe, expect, it } from "vitest";
import {
  bridgeLine,
  conferenceBridge,
  playName,
  statusUpdateMessage,
  subscriberEmail,
  subscriberKey,
} from "./crisis.ts";

describe("conferenceBridge", () => {
  it("keeps an https link and a dial-in with its PIN", () => {
    expect(conferenceBridge({ url: " https://meet.example.com/room ", dialIn: "+1 555 0100,,4242#" })).toEqual({
      url: "https://meet.example.com/room",
      dialIn: "+1 555 0100,,4242#",
    });
    expect(conferenceBridge({ url: "https://zoom.example.com/j/1", dialIn: "  " })).toEqual({
      url: "https://zoom.example.com/j/1",
    });
  });

  it.each([
    ["javascript:alert(1)", "BRIDGE.INVALID_URL"],
    ["http://meet.example.com/room", "BRIDGE.INVALID_URL"],
    ["https://user:secret@meet.example.com/room", "BRIDGE.INVALID_URL"],
    ["meet.example.com/room", "BRIDGE.INVALID_URL"],
    [`https://meet.example.com/${"a".repeat(2100)}`, "BRIDGE.INVALID_URL"],
  ])("refuses %s naming the field", (url, code) => {
    expect(() => conferenceBridge({ url })).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining("conferenceBridge.url") }),
    );
  });

  it.each(["555 0100", "call me", "+", "+1 555 <b>"])("refuses the dial-in %j", (dialIn) => {
    expect(() => conferenceBridge({ url: "https://meet.example.com/r", dialIn })).toThrow(
      expect.objectContaining({ code: "BRIDGE.INVALID_DIAL_IN" }),
    );
  });

  it("reads as one line in texts and mails", () => {
    expect(bridgeLine({ url: "https://m.example.com/r" })).toBe("Join the bridge: https://m.example.com/r");
    expect(bridgeLine({ url: "https://m.example.com/r", dialIn: "+1 555 0100" })).toBe(
      "Join the bridge: https://m.example.com/r (dial-in +1 555 0100)",
    );
  });
});

describe("subscribers, updates and plays", () => {
  it("keys an e-mail subscriber by its lower-cased address, so one address is subscribed once", () => {
    expect(subscriberKey({ email: subscriberEmail(" Board@Example.COM ") })).toEqual({
      kind: "email",
      ref: "board@example.com",
    });
    expect(subscriberKey({ teamId: "t1" })).toEqual({ kind: "team", ref: "t1" });
    expect(() => subscriberEmail("not an address")).toThrow(/not an e-mail address/);
  });

  it("bounds a status update and a play's name", () => {
    expect(statusUpdateMessage("  On the bridge.  ")).toBe("On the bridge.");
    expect(() => statusUpdateMessage(" ")).toThrow(expect.objectContaining({ code: "STATUS_UPDATE.INVALID_MESSAGE" }));
    expect(() => statusUpdateMessage("x".repeat(4001))).toThrow(/4,000/);
    expect(() => playName("")).toThrow(expect.objectContaining({ code: "PLAY.INVALID_NAME" }));
  });
});
