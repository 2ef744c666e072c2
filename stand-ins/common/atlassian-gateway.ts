// What the Atlassian API gateway does in front of a site's Jira and Confluence for a Forge app
// (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/): requests go to
// `https://api.atlassian.com/ex/<product>/<cloudId>/…` with `Authorization: Bearer <token>`, where the
// token is the app's system token from `x-forge-oauth-system` (a JWT whose `exp` says when it dies) or a
// user's token (what `asUser()` calls carry). A token for another site, or an expired one, is a 401.
import { randomUUID } from "node:crypto";

export type GatewayIdentity = { readonly kind: "app" } | { readonly kind: "user"; readonly accountId: string };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Issues and checks the bearer tokens one site's gateway accepts. */
export class GatewayTokens {
  private readonly apps = new Map<string, number>();
  private readonly users = new Map<string, string>();

  constructor(readonly cloudId: string) {}

  /** A system token of the app for this site, valid for `ttlSeconds` (negative: already expired). */
  issueAppToken(ttlSeconds = 3600, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + ttlSeconds;
    // Shaped like Atlassian's (a JWT with `exp`); the signature is the gateway's business, not the app's.
    const token = `${b64({ alg: "RS256", typ: "JWT", kid: "emulator" })}.${b64({ iss: "forge", sub: "app", aud: this.cloudId, exp, jti: randomUUID() })}.${randomUUID().replace(/-/g, "")}`;
    this.apps.set(token, exp * 1000);
    return token;
  }

  /** The token `asUser()` calls of this account carry. */
  userToken(accountId: string): string {
    const token = `user-${randomUUID()}`;
    this.users.set(token, accountId);
    return token;
  }

  /** Who a bearer token is, or null when it is unknown, for another site, or expired. */
  identify(token: string | null, now = Date.now()): GatewayIdentity | null {
    if (!token) return null;
    const expiresAt = this.apps.get(token);
    if (expiresAt !== undefined) return expiresAt > now ? { kind: "app" } : null;
    const accountId = this.users.get(token);
    return accountId ? { kind: "user", accountId } : null;
  }
}

/** `Authorization: Bearer <token>` → the token. */
export function bearer(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1] ?? null;
}

/**
 * Splits a gateway path: `/ex/jira/<cloudId>/rest/api/3/myself` → `{ cloudId, path: "/rest/api/3/myself" }`;
 * null when the path is not under the gateway prefix of `product`.
 */
export function gatewayPath(path: string, product: "jira" | "confluence"): { cloudId: string; path: string } | null {
  const match = new RegExp(`^/ex/${product}/([^/]+)(/.*)$`).exec(path);
  return match ? { cloudId: decodeURIComponent(match[1]!), path: match[2]! } : null;
}
