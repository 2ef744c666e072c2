// Atlassian's personal data reporting API (https://developer.atlassian.com/cloud/jira/platform/user-privacy-developer-guide/):
// POST /app/report-accounts/ on api.atlassian.com, as the app. A Forge app reaches it as `/app/report-accounts`
// through its product API client (@forge/api privacy.reportPersonalData); a Forge Remote calls the same
// API host its `apiBaseUrl` names (https://api.atlassian.com/ex/jira/<cloudId>) with the app system token.
import { z } from "zod";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { PersonalDataPort } from "../../ports/personal-data-port.ts";
import { appTokenProvider } from "./app-credentials.ts";

const answer = z.object({
  accounts: z.array(z.object({ accountId: z.string().min(1), status: z.enum(["closed", "updated"]) })),
});

export class PersonalDataReportError extends Error {
  override name = "PersonalDataReportError";
}

export function personalDataClient(installations: InstallationRepository): PersonalDataPort {
  return {
    async report(tenantId, accounts) {
      if (accounts.length === 0) return [];
      const token = await appTokenProvider(
        installations,
        tenantId,
        "jira",
        (reason) => new RetryLaterJobError(`personal data report: ${reason}`, 3_600_000, { countsAsAttempt: false }),
      )();
      const credential = (await installations.credential(tenantId, "jira"))!;
      const res = await fetch(`${new URL(credential.apiBaseUrl).origin}/app/report-accounts/`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({
          accounts: accounts.map((a) => ({ accountId: a.accountId, updatedAt: a.updatedAt.toISOString() })),
        }),
        signal: AbortSignal.timeout(30_000),
      });
      if (res.status === 204) return [];
      if (res.status === 429) {
        // The API is rate limited per app; Retry-After says when to come back (the guide above).
        const seconds = Number(res.headers.get("retry-after"));
        throw new RetryLaterJobError(
          "personal data report: rate limited",
          Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000,
        );
      }
      if (res.status !== 200) throw new PersonalDataReportError(`personal data report answered ${res.status}`);
      const parsed = answer.safeParse(await res.json());
      if (!parsed.success) throw new PersonalDataReportError("personal data report: unexpected answer");
      return parsed.data.accounts;
    },
  };
}
