import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secretBox } from "./secret-box.ts";

describe("secretBox", () => {
  const box = secretBox(randomBytes(32));

  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const sealed = box.seal("eyJhbGciOi.secret-token.sig");
    expect(sealed).not.toContain("secret-token");
    expect(box.open(sealed)).toBe("eyJhbGciOi.secret-token.sig");
  });

  it("seals the same value differently each time (fresh nonce)", () => {
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it.each([
    ["plain text from before encryption", "eyJhbGciOi.plain.sig"],
    ["another key's value", secretBox(randomBytes(32)).seal("x")],
    ["a tampered value", box.seal("abcdef").replace(/.$/, (c) => (c === "A" ? "B" : "A"))],
    ["a truncated value", "v1:AAAA:AA"],
  ])("answers null for %s", (_name, value) => {
    expect(box.open(value)).toBeNull();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => secretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
