import fs from "node:fs";
import { compileJql, evaluateJql, InvalidJqlDomainError } from "../domain/jql/index.ts";

export interface JqlCheckArgs {
  readonly jql?: string;
  readonly issue?: string;
  readonly timeZone?: string;
  readonly now?: string;
  readonly priorities?: string;
}

/**
 * `firewatch jql check --jql '<JQL>' --issue <file.json>` (docs/cli.md): exit 0 match, 1 no match,
 * 2 invalid JQL or input (message on stderr), 3 cannot be decided without Jira (the message says why).
 */
export function jqlCheck(args: JqlCheckArgs, err: (line: string) => void, out: (line: string) => void): number {
  if (args.jql === undefined || !args.issue) {
    err(
      "usage: firewatch jql check --jql '<JQL>' --issue <file.json> [--time-zone <IANA zone>] [--now <ISO instant>] [--priorities Highest,High,…]",
    );
    return 2;
  }
  let issue: unknown;
  try {
    const parsed = JSON.parse(fs.readFileSync(args.issue, "utf8")) as { issue?: unknown; fields?: unknown };
    // Either GET /rest/api/3/issue/{key}, or a webhook payload carrying it as `issue`.
    issue = parsed && typeof parsed === "object" && !("fields" in parsed) && parsed.issue ? parsed.issue : parsed;
  } catch (error) {
    err(`firewatch: cannot read the issue from ${args.issue}: ${(error as Error).message}`);
    return 2;
  }
  if (!issue || typeof issue !== "object" || typeof (issue as { fields?: unknown }).fields !== "object") {
    err(
      `firewatch: ${args.issue} is not a Jira issue (no "fields"): give GET /rest/api/3/issue/{key} output or a webhook payload`,
    );
    return 2;
  }
  const now = args.now ? new Date(args.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    err(`firewatch: --now ${JSON.stringify(args.now)} is not an ISO-8601 instant`);
    return 2;
  }
  const timeZone = args.timeZone ?? "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone });
  } catch {
    err(`firewatch: --time-zone ${JSON.stringify(timeZone)} is not an IANA time zone`);
    return 2;
  }
  try {
    const verdict = evaluateJql(compileJql(args.jql), issue as never, {
      now,
      timeZone,
      priorities: args.priorities
        ?.split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    });
    if ("undecidable" in verdict) {
      err(`firewatch: cannot be decided without Jira: ${verdict.undecidable}`);
      return 3;
    }
    out(verdict.match ? "match" : "no match");
    return verdict.match ? 0 : 1;
  } catch (error) {
    if (error instanceof InvalidJqlDomainError) {
      err(`firewatch: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
