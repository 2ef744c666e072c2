// POST /app/report-accounts/ — Atlassian's personal data reporting API
// (https://developer.atlassian.com/cloud/jira/platform/user-privacy-developer-guide/): an app reports the
// account ids it stores, each with when it last fetched that account's data (`updatedAt`), at most 90 per
// request. 204 when nothing needs doing; 200 with `accounts: [{ accountId, status: closed | updated }]`
// otherwise. Only the app itself may ask (a user's token gets 403); a bad body is a 400.
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { jiraError } from "./types.ts";
import { isObject as isObjectLike } from "./validate.ts";

const MAX_ACCOUNTS = 90;

function reportAccounts(ctx: RouteContext): RouteResult {
  if (!ctx.app) throw jiraError(403, ["Only an app can report the accounts it stores."]);
  const accounts = isObjectLike(ctx.body) ? ctx.body.accounts : undefined;
  if (!Array.isArray(accounts) || accounts.length === 0 || accounts.length > MAX_ACCOUNTS) {
    throw jiraError(400, [`accounts must be an array of 1 to ${MAX_ACCOUNTS} entries.`]);
  }
  const answer: { accountId: string; status: "closed" | "updated" }[] = [];
  for (const entry of accounts) {
    const accountId = isObjectLike(entry) ? entry.accountId : undefined;
    const updatedAt =
      isObjectLike(entry) && typeof entry.updatedAt === "string" ? Date.parse(entry.updatedAt) : Number.NaN;
    if (typeof accountId !== "string" || !accountId || Number.isNaN(updatedAt))
      throw jiraError(400, ["Each account needs an accountId and an ISO 8601 updatedAt."]);
    const change = ctx.core.state.accountChanges.get(accountId);
    if (change && (change.status === "closed" || change.at > updatedAt))
      answer.push({ accountId, status: change.status });
  }
  return answer.length ? { status: 200, body: { accounts: answer } } : { status: 204 };
}

export const privacyRoutes: Route[] = [
  { method: "POST", pattern: /^\/app\/report-accounts\/?$/, handler: reportAccounts },
];
