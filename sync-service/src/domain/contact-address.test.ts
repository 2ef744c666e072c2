import { describe, expect, it } from "vitest";
import { contactAddress, InvalidContactAddressDomainError, type ContactKind } from "./contact-address.ts";

const refusal = (kind: ContactKind, address: string) => {
  try {
    contactAddress(kind, address);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidContactAddressDomainError);
    return (error as Error).message;
  }
  return expect.unreachable(`${kind} ${address} should be refused`);
};

describe("contact addresses by kind", () => {
  it.each<[ContactKind, string, string]>([
    ["email", " ana@example.com ", "ana@example.com"],
    ["slack", "U012AB3CD", "U012AB3CD"],
    ["slack", "W0123456789ABC", "W0123456789ABC"],
    ["sms", "+14155552671", "+14155552671"],
    ["sms", "+1 (415) 555-2671", "+14155552671"],
    ["voice", "+44 20 7946 0958", "+442079460958"],
    ["webhook", "https://hooks.example.com/firewatch?t=1", "https://hooks.example.com/firewatch?t=1"],
    ["webhook", "HTTP://Hooks.Example.com", "http://hooks.example.com/"],
  ])("keeps %s %j as %j", (kind, address, stored) => {
    expect(contactAddress(kind, address)).toBe(stored);
  });

  it.each<[ContactKind, string, RegExp]>([
    ["email", "call me", /^`address`: "call me" is not an e-mail address; enter one such as ana@example.com\.$/],
    ["email", "ana@", /is not an e-mail address/],
    [
      "sms",
      "call me",
      /^`address`: "call me" is not a phone number in international form; enter \+ then the country code and number, such as \+14155552671\.$/,
    ],
    ["sms", "4155552671", /is not a phone number in international form/],
    ["voice", "+1415555", /is not a phone number in international form/],
    ["voice", "+999 1234567", /is not a phone number in international form/],
    ["slack", "@ana", /^`address`: "@ana" is not a Slack member ID; enter one such as U012AB3CD/],
    ["slack", "C012AB3CD", /is not a Slack member ID/],
    ["slack", "ana@example.com", /is not a Slack member ID/],
    [
      "webhook",
      "call me",
      /^`address`: "call me" is not a URL; enter an http:\/\/ or https:\/\/ URL such as https:\/\/hooks\.example\.com\/firewatch\.$/,
    ],
    [
      "webhook",
      "file:///etc/passwd",
      /^`address`: a webhook must be an http:\/\/ or https:\/\/ URL, not file:; enter one such as/,
    ],
    ["webhook", "gopher://127.0.0.1:6379/_INFO", /not gopher:/],
    ["webhook", "javascript:alert(1)", /not javascript:/],
    ["webhook", "ftp://hooks.example.com/", /not ftp:/],
    [
      "webhook",
      "https://user:secret@hooks.example.com/",
      /^`address`: a webhook URL must not hold a user name or password/,
    ],
  ])("refuses %s %j, saying what to enter", (kind, address, message) => {
    expect(refusal(kind, address)).toMatch(message);
  });

  it("never repeats the password of a URL it refuses", () => {
    expect(refusal("webhook", "https://user:hunter2@hooks.example.com/")).not.toContain("hunter2");
  });
});
