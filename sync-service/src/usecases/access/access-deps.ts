// What the Forge site's actions share: their job names and dependencies.
import type { Clock } from "../../domain/clock.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import type { JobRequest } from "../../ports/jobs.ts";
import type { PersonalDataPort } from "../../ports/personal-data-port.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";

export const USER_NAME_TASK = "user.name_from_tracker";
export const PERSONAL_DATA_TASK = "personal_data_report";
export const PERSONAL_DATA_SITE_TASK = "personal_data_report_site";

/** The job that reads a person's name from the tenant's Jira; one waits per person. */
export function userNameJob(tenantId: string, userId: string, accountId: string): JobRequest {
  return { task: USER_NAME_TASK, key: `user_name:${userId}`, payload: { tenantId, userId, accountId } };
}

export interface LifecycleDeps {
  readonly installations: InstallationRepository;
  readonly clock: Clock;
  /** FIREWATCH_UNINSTALLED_RETENTION_DAYS in ms. */
  readonly uninstalledRetentionMs: number;
}

export interface PersonalDataDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly installations: InstallationRepository;
  readonly personalData: PersonalDataPort;
}
