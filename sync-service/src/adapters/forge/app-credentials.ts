// The app's own identity towards a Forge installation's site: the newest system token Forge sent with an
// invocation (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/). Tokens are
// short-lived; the hourly scheduled trigger (manifest.yml) makes sure a fresh one arrives even on a quiet site.
import type { AppCredential, AtlassianProduct, InstallationRepository } from "../../ports/installation-repository.ts";
import { PermanentJobError } from "../../ports/jobs.ts";

/** Tokens this close to expiry are not used: a request must not start with a token that dies on the way. */
const EXPIRY_MARGIN_MS = 30_000;

/** Why there is no usable token, in words for the integration's health and the admin page. */
export function missingTokenReason(
  product: AtlassianProduct,
  credential: AppCredential | null,
  now: Date,
): string | null {
  if (!credential)
    return `no app token from Forge yet for this site's ${product === "jira" ? "Jira" : "Confluence"} (one arrives with every Forge invocation)`;
  if (credential.expiresAt.getTime() - now.getTime() < EXPIRY_MARGIN_MS) {
    return `the app token from Forge expired at ${credential.expiresAt.toISOString()}; a fresh one arrives with the next Forge invocation (the scheduled trigger runs hourly)`;
  }
  return null;
}

/** A `getToken` for jira.js/confluence.js that reads the newest stored token and throws `fail(reason)` when there is none. */
export function appTokenProvider(
  installations: InstallationRepository,
  tenantId: string,
  product: AtlassianProduct,
  fail: (reason: string) => Error,
) {
  return async (): Promise<string> => {
    const credential = await installations.credential(tenantId, product);
    const reason = missingTokenReason(product, credential, new Date());
    if (reason && !credential && (await installations.profile(tenantId))?.uninstalledAt) {
      // No token will ever come again: the job ends now instead of waiting for one.
      throw new PermanentJobError("the Firewatch app was uninstalled from this site");
    }
    if (reason) throw fail(reason);
    return credential!.token;
  };
}
