import { REPORT_BATCH } from "../../ports/personal-data-port.ts";
import { userNameJob, type PersonalDataDeps } from "./access-deps.ts";

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
        const job = userNameJob(tenantId, account.userId, account.accountId);
        await deps.uow.run((tx) => tx.jobs.enqueue(job));
      }
    }
    after = batch.at(-1)!.accountId;
  }
}
