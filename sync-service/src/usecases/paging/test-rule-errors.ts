// What testing a rule answers when the issue or Jira is not there, and how ticket errors become those answers.
import { AppError } from "../../domain/errors.ts";
import { isIntegrationError, TicketNotFoundError, TicketNotIndexedError } from "../../ports/integration-errors.ts";

export class IssueNotFoundUseCaseError extends AppError {
  readonly kind = "not_found";
  constructor(key: string) {
    super(
      "ISSUE.NOT_FOUND",
      `No Jira issue ${JSON.stringify(key)} exists, or Firewatch's Jira account cannot see it; check the key.`,
    );
  }
}

/** The caller may not see the issue in the tracker (Firewatch's account can). */
export class IssueHiddenUseCaseError extends AppError {
  readonly kind = "forbidden";
  constructor(key: string) {
    super(
      "ISSUE.BROWSE_REQUIRED",
      `You do not have permission to see ${key} in Jira; ask a Jira administrator for access to its project.`,
    );
  }
}

/** Jira parsed the rule's JQL but could not evaluate it (a field, status or property it does not know). */
export class JqlRejectedUseCaseError extends AppError {
  readonly kind = "invalid";
  constructor(errors: readonly string[]) {
    super("RULE.JQL_REJECTED_BY_JIRA", `Jira could not evaluate this JQL: ${errors.join("; ")}. Correct the query.`);
  }
}

export class TicketsUnavailableUseCaseError extends AppError {
  readonly kind = "unavailable";
}

/** Ticket errors as answers: unknown issue 404, missing configuration or access 503 (the message says which). */
export async function readJira<T>(call: () => Promise<T>, issueKey?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TicketNotFoundError && issueKey) throw new IssueNotFoundUseCaseError(issueKey);
    if (isIntegrationError(error, "not_configured"))
      throw new TicketsUnavailableUseCaseError(
        "JIRA.NOT_CONFIGURED",
        `Jira is not configured (${error.message}); rules cannot be tested.`,
        { cause: error },
      );
    if (error instanceof TicketNotIndexedError)
      throw new TicketsUnavailableUseCaseError(
        "JIRA.NOT_INDEXED",
        "Jira's search does not show the issue yet; try again in a moment.",
        { cause: error },
      );
    if (isIntegrationError(error, "access"))
      throw new TicketsUnavailableUseCaseError("JIRA.ACCESS_DENIED", `Jira refused Firewatch: ${error.message}.`, {
        cause: error,
      });
    throw error;
  }
}
