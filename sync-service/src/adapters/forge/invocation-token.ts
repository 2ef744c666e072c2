// Forge Invocation Tokens (FIT): every request Forge sends to a remote carries one as
// `Authorization: Bearer <JWT>`, signed by Forge with a key from its JWKS, issued by
// `forge/invocation-token`, for the app's ARI as audience, and short-lived
// (https://developer.atlassian.com/platform/forge/remote/essentials/#verifying-remote-requests).
// The claims name the installation, the product API it may call (`app.apiBaseUrl`) and, for calls a user
// made, the user (`principal`). The app's own OAuth token for that API arrives beside it, in
// `x-forge-oauth-system` (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/).
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import {
  InvalidInvocationTokenError,
  InvocationKeysUnavailableError,
  type ForgeInvocation,
  type InvocationVerifier,
} from "../../ports/invocation-verifier.ts";

export const FORGE_ISSUER = "forge/invocation-token";
const APP_ARI_PREFIX = "ari:cloud:ecosystem::app/";
/** Forge's clocks and ours may disagree a little; more than this and the token is refused. */
const CLOCK_TOLERANCE_S = 30;
/**
 * Forge mints a token for each invocation, valid a few minutes (the contract above calls them
 * short-lived without a number; those seen live five). A token issued in the future, or meant to live
 * longer than this, did not come from Forge as it works today (a leaked signing key, a forged clock),
 * so it is refused rather than honoured for as long as it says.
 */
export const MAX_LIFETIME_S = 10 * 60;

export function appAri(appId: string): string {
  return appId.startsWith(APP_ARI_PREFIX) ? appId : `${APP_ARI_PREFIX}${appId}`;
}

/** Verifies FITs against Forge's JWKS (jose caches the keys and refetches on an unknown `kid`). */
export function invocationVerifier(
  settings: { appId: string; jwksUrl: string },
  keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl)),
): InvocationVerifier {
  const audience = appAri(settings.appId);
  return {
    async verify(token) {
      let payload: Record<string, unknown>;
      try {
        // maxTokenAge makes jose refuse an `iat` older than that, and one in the future beyond the tolerance.
        ({ payload } = await jwtVerify(token, keys, {
          issuer: FORGE_ISSUER,
          audience,
          clockTolerance: CLOCK_TOLERANCE_S,
          maxTokenAge: MAX_LIFETIME_S,
          requiredClaims: ["exp", "iat"],
        }));
      } catch (error) {
        if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
          throw new InvocationKeysUnavailableError("Forge's signing keys could not be fetched from FORGE_JWKS_URL", {
            cause: error,
          });
        }
        throw new InvalidInvocationTokenError(reasonOf(error, audience), { cause: error });
      }
      if ((payload.exp as number) - (payload.iat as number) > MAX_LIFETIME_S) {
        throw new InvalidInvocationTokenError(
          `the Forge invocation token lives longer than Forge's do (exp - iat over ${MAX_LIFETIME_S} s)`,
        );
      }
      return invocationOf(payload);
    },
  };
}

function reasonOf(error: unknown, audience: string): string {
  if (error instanceof errors.JWTExpired) return "the Forge invocation token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud")
      return `the Forge invocation token is for another app (expected audience ${audience}; check FORGE_APP_ID)`;
    if (error.claim === "iss") return `the token was not issued by Forge (issuer must be ${FORGE_ISSUER})`;
    if (error.claim === "iat")
      return "the Forge invocation token is issued in the future (iat); check this server's clock";
    return `the Forge invocation token's ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return "the Forge invocation token is not signed by a key in Forge's JWKS (FORGE_JWKS_URL)";
  }
  return "the Forge invocation token is malformed";
}

interface FitApp {
  id?: unknown;
  installationId?: unknown;
  apiBaseUrl?: unknown;
  environment?: { id?: unknown };
  installation?: { contexts?: { cloudId?: unknown }[] };
}

function invocationOf(payload: Record<string, unknown>): ForgeInvocation {
  const app = (payload.app ?? {}) as FitApp;
  const context = (payload.context ?? {}) as { cloudId?: unknown };
  const apiBaseUrl = text(app.apiBaseUrl, "app.apiBaseUrl");
  const fromUrl = /\/ex\/(jira|confluence)\/([^/]+)/.exec(new URL(apiBaseUrl).pathname);
  if (!fromUrl)
    throw new InvalidInvocationTokenError(`app.apiBaseUrl ${apiBaseUrl} does not name a Jira or Confluence site`);
  const cloudId = fromUrl[2]!;
  // Every place the token names the site must agree: a token must not speak for two tenants.
  const named = [context.cloudId, ...(app.installation?.contexts ?? []).map((c) => c.cloudId)].filter(
    (c) => c !== undefined && c !== null,
  );
  if (named.some((c) => c !== cloudId))
    throw new InvalidInvocationTokenError("the Forge invocation token names more than one site");
  return {
    appId: text(app.id, "app.id"),
    installationId: text(app.installationId, "app.installationId"),
    cloudId,
    apiBaseUrl: apiBaseUrl.replace(/\/+$/, ""),
    product: fromUrl[1] as "jira" | "confluence",
    accountId: typeof payload.principal === "string" && payload.principal ? payload.principal : null,
    environment: typeof app.environment?.id === "string" ? app.environment.id : null,
  };
}

function text(value: unknown, claim: string): string {
  if (typeof value !== "string" || !value)
    throw new InvalidInvocationTokenError(`the Forge invocation token has no ${claim} claim`);
  return value;
}
