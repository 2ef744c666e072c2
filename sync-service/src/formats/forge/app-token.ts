// The app's system token for an installation's product API, which Forge sends beside every invocation in
// `x-forge-oauth-system` (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/). Tokens are
// short-lived; the hourly scheduled trigger (manifest.yml) makes sure a fresh one arrives even on a quiet site.
import { decodeJwt } from "jose";

/** The app's system token for the installation's API, with its expiry (read from the token's own `exp`). */
export interface AppToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Reads the app token's expiry from its own `exp` claim; null when it is not a JWT with one. */
export function appTokenOf(header: string | undefined): AppToken | null {
  if (!header) return null;
  try {
    const { exp } = decodeJwt(header);
    return typeof exp === "number" ? { token: header, expiresAt: new Date(exp * 1000) } : null;
  } catch {
    return null;
  }
}

/** Tokens this close to expiry are not used: a request must not start with a token that dies on the way. */
const EXPIRY_MARGIN_MS = 30_000;

/** Why there is no usable token, in words for the integration's health and the admin page. */
export function missingTokenReason(
  product: "jira" | "confluence",
  credential: { readonly expiresAt: Date } | null,
  now: Date,
): string | null {
  if (!credential)
    return `no app token from Forge yet for this site's ${product === "jira" ? "Jira" : "Confluence"} (one arrives with every Forge invocation)`;
  if (credential.expiresAt.getTime() - now.getTime() < EXPIRY_MARGIN_MS) {
    return `the app token from Forge expired at ${credential.expiresAt.toISOString()}; a fresh one arrives with the next Forge invocation (the scheduled trigger runs hourly)`;
  }
  return null;
}
