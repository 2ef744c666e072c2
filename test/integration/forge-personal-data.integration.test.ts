// Atlassian's personal data reporting (https://developer.atlassian.com/cloud/jira/platform/user-privacy-developer-guide/):
// Firewatch stores the name and e-mail of each Atlassian account that used the Forge app. A daily durable
// job reports those account ids per site to POST /app/report-accounts/ (at most 90 per request), erases
// what it holds of accounts Atlassian says are closed, and fetches again those it says were updated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("personal data reporting for Forge sites on $name", (kind) => {
  let w: ForgeWorld;
  let a: ForgeSiteWorld;
  let b: ForgeSiteWorld;
  beforeAll(async () => {
    w = await startForgeWorld(kind, ["alpha", "bravo"]);
    [a, b] = w.sites as [ForgeSiteWorld, ForgeSiteWorld];
  });
  afterAll(() => w?.stop());

  const userOf = (accountId: string) =>
    w.svc.database.prisma.user.findFirstOrThrow({ where: { atlassianAccountId: accountId } });
  const named = (accountId: string, name: string) =>
    eventually(`${name} learnt`, async () => ((await userOf(accountId)).name === name ? true : undefined));

  it("erases a closed account's name, e-mail and contact methods, fetches an updated one's name again, and leaves the rest", async () => {
    const leaver = a.addPerson("Lena Leaver");
    const renamed = a.addPerson("Rita Oldname");
    const stays = b.addPerson("Sam Stays");
    for (const [site, account] of [
      [a, leaver],
      [a, renamed],
      [a, a.person],
      [b, stays],
    ] as const)
      expect((await site.api(account, "GET", "/api/me")).status).toBe(200);
    await named(leaver, "Lena Leaver");
    await named(renamed, "Rita Oldname");
    await named(stays, "Sam Stays");
    const contact = await a.api(a.admin, "POST", `/api/users/${(await userOf(leaver)).id}/contact-methods`, {
      kind: "email",
      address: "lena@example.com",
    });
    expect(contact.status).toBe(201);

    a.jira.closeAccount(leaver);
    b.jira.closeAccount(b.person); // b.person never used Firewatch: nothing stored, nothing to erase
    a.jira.renameAccount(renamed, "Rita Newname");
    const reportsBefore = a.jira.requests().filter((r) => r.path.startsWith("/app/report-accounts")).length;

    // The daily job runs now (the operator's retry of a waiting job).
    const job = await w.svc.database.prisma.job.findFirstOrThrow({
      where: { key: "personal_data_report", state: "pending" },
    });
    expect((await w.svc.api(`/api/jobs/${job.id}/retry`, { method: "POST" })).status).toBe(202);

    await named(leaver, "Former Atlassian user");
    const erased = await userOf(leaver);
    expect(erased.email).toBe(`${leaver}@atlassian-account.invalid`);
    expect(await w.svc.database.prisma.contactMethod.count({ where: { userId: erased.id } })).toBe(0);
    await named(renamed, "Rita Newname");
    expect((await userOf(stays)).name).toBe("Sam Stays");
    expect((await userOf(a.person)).name).toBe("alpha responder");

    // Reported as the app, every stored account of site A in one batch; the next run has nothing to do (204).
    const reports = a.jira
      .requests()
      .filter((r) => r.path.startsWith("/app/report-accounts"))
      .slice(reportsBefore);
    expect(reports[0]).toMatchObject({ method: "POST", outcome: 200 });
    expect((reports[0]!.body as any).accounts.map((x: any) => x.accountId).sort()).toEqual(
      expect.arrayContaining([leaver, renamed, a.person].sort()),
    );
    expect(
      b.jira
        .requests()
        .filter((r) => r.path.startsWith("/app/report-accounts"))
        .every((r) => r.outcome === 204),
    ).toBe(true);
    // The next run is scheduled a day later.
    const next = await eventually(
      "the next run",
      async () =>
        (await w.svc.database.prisma.job.findFirst({ where: { key: "personal_data_report", state: "pending" } })) ??
        undefined,
    );
    expect(next.runAt.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
  });
});
