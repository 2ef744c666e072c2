import { describe, expect, it } from "vitest";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import type { JobRequest } from "../../ports/jobs.ts";
import type { PersonalDataPort, StoredAccount } from "../../ports/personal-data-port.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";
import { USER_NAME_TASK } from "./access-deps.ts";
import { reportSitePersonalData } from "./report-site-personal-data.ts";

describe("reportSitePersonalData", () => {
  const accounts: StoredAccount[] = Array.from({ length: 200 }, (_, i) => ({
    userId: `u${i}`,
    accountId: `a${String(i).padStart(3, "0")}`,
    updatedAt: new Date(0),
  }));

  it("reports at most 90 accounts per request, erases the closed ones and queues a fresh name for the updated ones", async () => {
    const batches: number[] = [];
    const erased: string[] = [];
    const queued: JobRequest[] = [];
    const installations = {
      storedAccounts: async (_t: string, limit: number, after?: string) =>
        accounts.filter((a) => !after || a.accountId > after).slice(0, limit),
      eraseAccount: async (_t: string, userId: string) => void erased.push(userId),
    } as unknown as InstallationRepository;
    const personalData: PersonalDataPort = {
      report: async (_t, batch) => {
        batches.push(batch.length);
        return batch
          .filter((a) => a.accountId === "a005" || a.accountId === "a150")
          .map((a) => ({ accountId: a.accountId, status: a.accountId === "a005" ? "closed" : "updated" }));
      },
    };
    const uow = {
      run: async (work: (tx: unknown) => Promise<unknown>) =>
        work({ jobs: { enqueue: async (r: JobRequest) => void queued.push(r) } }),
    } as unknown as UnitOfWork;
    await reportSitePersonalData({ uow, clock: { now: () => new Date() }, installations, personalData }, "t1");
    expect(batches).toEqual([90, 90, 20]);
    expect(erased).toEqual(["u5"]);
    expect(queued).toMatchObject([
      { task: USER_NAME_TASK, payload: { tenantId: "t1", userId: "u150", accountId: "a150" } },
    ]);
  });
});
