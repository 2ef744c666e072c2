// The app's own identity towards a Forge installation's site: the newest system token Forge sent with an
// invocation (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/); when one is usable:
// formats/forge/app-token.ts.
import { missingTokenReason } from "../../formats/forge/app-token.ts";
import type { AtlassianProduct, InstallationRepository } from "../../ports/installation-repository.ts";
import { PermanentJobError } from "../../ports/jobs.ts";

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
