// confluence.js errors → what the job should do. A 409 (someone saved the page in between) is a ConflictError,
// which the page writer answers by re-reading and merging again.
import { isApiError, isAuthError, isForbiddenError, isNotFoundError, isRateLimitError } from "confluence.js";
import { IntegrationError, isIntegrationError } from "../../ports/integration-errors.ts";

export class ConflictError extends Error {}

/** confluence.js errors → what the job should do (https://developer.atlassian.com/cloud/confluence/rate-limiting/ for 429). */
export function translateConfluenceError(error: unknown): Error {
  if (isIntegrationError(error)) return error;
  if (isRateLimitError(error))
    return new IntegrationError("confluence", "transient", `Confluence rate limit: ${error.message}`, {
      cause: error,
      retryAfterMs: (error as { retryAfterMs?: number }).retryAfterMs ?? 10_000,
    });
  if (isAuthError(error) || isForbiddenError(error))
    return new IntegrationError(
      "confluence",
      "access",
      `Confluence refused the credentials or permission: ${(error as Error).message}`,
      { cause: error },
    );
  if (isNotFoundError(error))
    return new IntegrationError("confluence", "rejected", `Confluence answered 404: ${(error as Error).message}`, {
      cause: error,
    });
  if (isApiError(error)) {
    const status = (error as { status?: number }).status ?? 0;
    if (status === 409) return new ConflictError((error as Error).message, { cause: error });
    if (status >= 400 && status < 500)
      return new IntegrationError(
        "confluence",
        "rejected",
        `Confluence answered ${status}: ${(error as Error).message}`,
        { cause: error },
      );
  }
  return error instanceof Error ? error : new Error(String(error));
}
