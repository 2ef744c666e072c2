// Atlassian's personal data reporting (https://developer.atlassian.com/cloud/jira/platform/user-privacy-developer-guide/):
// an app that stores personal data of Atlassian accounts off-platform (Firewatch keeps each Forge user's
// name and e-mail) reports those account ids regularly, erases what it holds of closed accounts and
// fetches again what changed. A daily job fans out one durable job per site (report-site-personal-data.ts).
import { DAY_MS } from "../../domain/clock.ts";
import { PERSONAL_DATA_SITE_TASK, type PersonalDataDeps } from "./access-deps.ts";
import { schedulePersonalDataReport } from "./schedule-personal-data-report.ts";

/** Daily: well within the weekly reporting cycle the guide asks of apps. */
const REPORT_INTERVAL_MS = DAY_MS;

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
