import { createHash, randomBytes } from "node:crypto";

/** A fresh bearer secret: 32 random bytes, base64url (43 characters, safe in a URL path and a cookie). */
export const newSecretToken = (): string => randomBytes(32).toString("base64url");

/** What is stored of a secret: its SHA-256, hex. A secret of 256 random bits needs no salt or slow hash. */
export const hashSecret = (token: string): string => createHash("sha256").update(token).digest("hex");
