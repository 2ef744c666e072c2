// Statuspage's webhook notifications carry no signature
// (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/): the secret is a token in the URL
// Statuspage is given.
import { createHash, timingSafeEqual } from "node:crypto";

/** Compares digests, not the strings: equal lengths always, so neither the content nor the length of the token leaks through timing. */
export function sameToken(expected: string, given: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
