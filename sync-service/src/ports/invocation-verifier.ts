// Verifying that a call comes from the Forge app: the web layer's guard of `/forge` and of Forge's calls to `/api`.

/** Who and where a verified invocation comes from. */
export interface ForgeInvocation {
  readonly appId: string;
  readonly installationId: string;
  /** The Atlassian site (cloud id): one tenant per site. */
  readonly cloudId: string;
  /** The product API the installation reaches, e.g. https://api.atlassian.com/ex/jira/<cloudId>. */
  readonly apiBaseUrl: string;
  readonly product: "jira" | "confluence";
  /** The Atlassian account that made the call; null for product events and scheduled triggers. */
  readonly accountId: string | null;
  readonly environment: string | null;
}

/** The token is missing, malformed, expired, for another app, or not signed by Forge. */
export class InvalidInvocationTokenError extends Error {
  override name = "InvalidInvocationTokenError";
}

/** Forge's signing keys could not be fetched: nothing is wrong with the token, so Forge should retry. */
export class InvocationKeysUnavailableError extends Error {
  override name = "InvocationKeysUnavailableError";
}

export interface InvocationVerifier {
  /** @throws InvalidInvocationTokenError saying what is wrong with the token; InvocationKeysUnavailableError */
  verify(token: string): Promise<ForgeInvocation>;
}
