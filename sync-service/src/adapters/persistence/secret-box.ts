// Secrets the service must use again later (the app system tokens Forge hands over) are stored sealed:
// AES-256-GCM with the key from FIREWATCH_ENCRYPTION_KEY, so a copy of the database (a backup, a read
// replica, a leaked dump) does not hold a usable credential. The format names its version, so a key or
// algorithm change can tell old values from new ones.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
/** GCM's recommended 96-bit nonce (NIST SP 800-38D §8.2); a fresh random one per value. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  seal(plain: string): string;
  /** The plain value, or null for a value this key did not seal (plain text from before encryption, another key, tampering). */
  open(sealed: string): string | null;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("the encryption key must be 32 bytes (AES-256)");
  return {
    seal(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [
        VERSION,
        nonce.toString("base64url"),
        Buffer.concat([body, cipher.getAuthTag()]).toString("base64url"),
      ].join(":");
    },
    open(sealed) {
      const [version, nonce, data, ...rest] = sealed.split(":");
      if (version !== VERSION || !nonce || !data || rest.length > 0) return null;
      const bytes = Buffer.from(data, "base64url");
      if (bytes.length < TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        return null;
      }
    },
  };
}
