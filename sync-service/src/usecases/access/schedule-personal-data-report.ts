import { PERSONAL_DATA_TASK, type PersonalDataDeps } from "./access-deps.ts";

/** Starts the daily personal data report (report-personal-data.ts); a waiting run is kept, not doubled. */
export async function schedulePersonalDataReport(deps: Pick<PersonalDataDeps, "uow">, runAt: Date): Promise<void> {
  await deps.uow.run((tx) =>
    tx.jobs.enqueue({ task: PERSONAL_DATA_TASK, key: PERSONAL_DATA_TASK, payload: {}, runAt }),
  );
}
