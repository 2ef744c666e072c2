/** An Atlassian account Firewatch stores data of, and when it last fetched that data. */
export interface StoredAccount {
  readonly userId: string;
  readonly accountId: string;
  readonly updatedAt: Date;
}

export interface AccountUpdate {
  readonly accountId: string;
  /** `closed`: erase what is stored; `updated`: fetch it again. */
  readonly status: "closed" | "updated";
}

/** Atlassian's personal data reporting for one site: which of the reported accounts changed. */
export interface PersonalDataPort {
  /** At most REPORT_BATCH accounts per call. */
  report(tenantId: string, accounts: readonly StoredAccount[]): Promise<AccountUpdate[]>;
}

/** The most accounts one report may carry (https://developer.atlassian.com/cloud/jira/platform/user-privacy-developer-guide/). */
export const REPORT_BATCH = 90;
