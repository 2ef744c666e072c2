// Atlassian's personal data reporting (https://developer.atlassian.com/cloud/jira/platform/user-privacy-developer-guide/):
// an app that stores personal data of Atlassian accounts off-platform (Firewatch keeps each Forge user's
// name and e-mail) reports those account ids regularly, erases what it holds of closed accounts and
// fetches again what changed. A daily job fans out one durable job per site; each reports in batches.
import { DAY_MS, type Clock } from "../../domain/clock.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { REPORT_BATCH, type PersonalDataPort } from "../../ports/personal-data-port.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";
import { USER_NAME_TASK } from "./forge-users.ts";

export const PERSONAL_DATA_TASK = "personal_data_report";
export const PERSONAL_DATA_SITE_TASK = "personal_data_report_site";
/** Daily: well within the weekly reporting cycle the guide asks of apps. */
const REPORT_INTERVAL_MS = DAY_MS;

export interface PersonalDataDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly installations: InstallationRepository;
  readonly personalData: PersonalDataPort;
}

/** Starts the daily cycle (a waiting run is kept, not doubled). */
export async function schedulePersonalDataReport(deps: Pick<PersonalDataDeps, "uow">, runAt: Date): Promise<void> {
  await deps.uow.run((tx) =>
    tx.jobs.enqueue({ task: PERSONAL_DATA_TASK, key: PERSONAL_DATA_TASK, payload: {}, runAt }),
  );
}

/** The daily run: one job per installed site, then the next run. */
export async function reportPersonalData(deps: PersonalDataDeps): Promise<void> {
  const tenants = await deps.installations.installedTenants();
  const next = new Date(deps.clock.now().getTime() + REPORT_INTERVAL_MS);
  await deps.uow.run(async (tx) => {
    for (const tenantId of tenants)
      await tx.jobs.enqueue({
        task: PERSONAL_DATA_SITE_TASK,
        key: `${PERSONAL_DATA_SITE_TASK}:${tenantId}`,
        payload: { tenantId },
      });
  });
  await schedulePersonalDataReport(deps, next);
}

/** One site: every stored account reported in batches; closed ones erased, updated ones fetched again. */
export async function reportSitePersonalData(deps: PersonalDataDeps, tenantId: string): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const batch = await deps.installations.storedAccounts(tenantId, REPORT_BATCH, after);
    if (batch.length === 0) return;
    const updates = new Map((await deps.personalData.report(tenantId, batch)).map((u) => [u.accountId, u.status]));
    for (const account of batch) {
      const status = updates.get(account.accountId);
      if (status === "closed") await deps.installations.eraseAccount(tenantId, account.userId, deps.clock.now());
      if (status === "updated") {
        const payload = { tenantId, userId: account.userId, accountId: account.accountId };
        await deps.uow.run((tx) =>
          tx.jobs.enqueue({ task: USER_NAME_TASK, key: `user_name:${account.userId}`, payload }),
        );
      }
    }
    after = batch.at(-1)!.accountId;
  }
}
