import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { secretBox } from "./secret-box.ts";

/** The sealed value with one bit of its ciphertext flipped (a changed last base64 character may only touch padding bits). */
function tampered(sealed: string): string {
  const [version, nonce, data] = sealed.split(":") as [string, string, string];
  const bytes = Buffer.from(data, "base64url");
  bytes[0]! ^= 0x01;
  return [version, nonce, bytes.toString("base64url")].join(":");
}

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
    ["a tampered value", tampered(box.seal("abcdef"))],
    ["a truncated value", "v1:AAAA:AA"],
  ])("answers null for %s", (_name, value) => {
    expect(box.open(value)).toBeNull();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => secretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
