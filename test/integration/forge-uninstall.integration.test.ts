// Uninstalling the Forge app from a site (https://developer.atlassian.com/platform/forge/events-reference/life-cycle/):
// the site is cut off at once (its app tokens deleted, its API tokens revoked, its waiting jobs parked),
// its data is kept for FIREWATCH_UNINSTALLED_RETENTION_DAYS and then deleted by a durable job; installing
// again within the period brings the site back. App tokens are stored encrypted (FIREWATCH_ENCRYPTION_KEY).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretBox } from "../../sync-service/src/adapters/persistence/secret-box.ts";
import { hashToken } from "../../sync-service/src/web/middleware/authenticate.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";
import { eventually, TEST_ENCRYPTION_KEY } from "../support/running-service.ts";

const FAR = new Date(Date.now() + 365 * 86_400_000);

/** What the service holds of a site: the rows a purge deletes. */
async function footprint(w: ForgeWorld, cloudId: string) {
  const prisma = w.svc.database.prisma;
  const tenant = await prisma.tenant.findUnique({ where: { cloudId } });
  if (!tenant) return null;
  return {
    uninstalled: tenant.uninstalledAt !== null,
    incidents: await prisma.incident.count({ where: { tenantId: tenant.id } }),
    services: await prisma.service.count({ where: { tenantId: tenant.id } }),
    credentials: await prisma.forgeCredential.count({ where: { tenantId: tenant.id } }),
  };
}

/** A site with a service, an incident, an API token of its admin and two jobs waiting (one by tenant, one by incident). */
async function siteWithData(w: ForgeWorld, site: ForgeSiteWorld) {
  const prisma = w.svc.database.prisma;
  const service = await site.api(site.admin, "POST", "/api/services", { name: "payments" });
  expect(service.status).toBe(201);
  const incident = await site.api(site.admin, "POST", "/api/incidents", {
    title: "Checkout errors",
    severity: "SEV2",
    serviceId: service.body.id,
  });
  expect(incident.status).toBe(201);
  const me = (await site.api(site.admin, "GET", "/api/me")).body;
  // A token minted for a site's person before API tokens became the standalone tenant's alone: it signs
  // nobody in any more (forge-remote tests that), and the uninstall revokes it with the rest.
  const apiToken = `fw_${randomBytes(24).toString("base64url")}`;
  await prisma.apiToken.create({
    data: {
      id: crypto.randomUUID(),
      userId: me.userId,
      name: "minted through the console",
      tokenHash: hashToken(apiToken),
    },
  });
  const tenantId =
    incident.body.tenantId ?? (await prisma.incident.findUniqueOrThrow({ where: { id: incident.body.id } })).tenantId;
  const jobs = await Promise.all([
    prisma.job.create({
      data: {
        task: "user_name",
        key: `user_name:test:${tenantId}`,
        pendingKey: `user_name:test:${tenantId}`,
        payload: { tenantId, userId: me.userId, accountId: site.admin },
        runAt: FAR,
      },
    }),
    prisma.job.create({
      data: {
        task: "sync_jira",
        key: `test_sync:${incident.body.id}`,
        pendingKey: `test_sync:${incident.body.id}`,
        payload: { incidentId: incident.body.id },
        runAt: FAR,
      },
    }),
  ]);
  return { tenantId, apiToken, incident: incident.body, jobIds: jobs.map((j) => j.id) };
}

const uninstall = (site: ForgeSiteWorld) =>
  site.installation.sendEvent({
    eventType: "avi:forge:uninstalled:app",
    id: site.installation.installationId,
    app: { id: "app", version: "1" },
  });
const install = (site: ForgeSiteWorld) =>
  site.installation.sendEvent({
    eventType: "avi:forge:installed:app",
    id: site.installation.installationId,
    app: { id: "app", version: "1" },
  });

describe.each(DATABASE_KINDS)(
  "uninstalling the Forge app from a site on $name (data kept for the retention period)",
  (kind) => {
    let w: ForgeWorld;
    let a: ForgeSiteWorld;
    let b: ForgeSiteWorld;
    beforeAll(async () => {
      w = await startForgeWorld(kind, ["alpha", "bravo"], { env: { FIREWATCH_AUTH_FAILURE_LIMIT: "10000" } });
      [a, b] = w.sites as [ForgeSiteWorld, ForgeSiteWorld];
    });
    afterAll(() => w?.stop());

    it("stores the app tokens Forge sends encrypted with FIREWATCH_ENCRYPTION_KEY, never in plain text", async () => {
      const rows = await w.svc.database.prisma.forgeCredential.findMany();
      expect(rows.length).toBe(4); // two sites, Jira and Confluence each
      const box = secretBox(Buffer.from(TEST_ENCRYPTION_KEY, "base64"));
      for (const row of rows) {
        expect(row.token).toMatch(/^v1:/);
        const plain = box.open(row.token);
        expect(plain).toEqual(expect.any(String));
        expect(row.token).not.toContain(plain!);
      }
      // And the service still reaches the site with them: the Jira admin check is a call as the app.
      expect((await a.api(a.admin, "GET", "/api/me")).body.role).toBe("admin");
    });

    it("revokes the site's tokens, parks its jobs and keeps its data; a re-install restores it", async () => {
      const prisma = w.svc.database.prisma;
      const siteA = await siteWithData(w, a);
      const siteB = await siteWithData(w, b);
      const revoked = async (token: string) =>
        (await prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).revokedAt !== null;
      expect(await revoked(siteA.apiToken)).toBe(false);

      expect((await uninstall(a)).attempts).toEqual([200]);

      // Tokens: the app's are gone, the API token answers 401, a Forge call from the site is refused.
      expect(await footprint(w, a.installation.cloudId)).toEqual({
        uninstalled: true,
        incidents: 1,
        services: 1,
        credentials: 0,
      });
      expect(await revoked(siteA.apiToken)).toBe(true);
      expect((await w.svc.api("/api/me", { token: siteA.apiToken })).status).toBe(401);
      const refused = await a.api(a.admin, "GET", "/api/incidents");
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("FORGE.APP_UNINSTALLED");
      expect((await a.installation.scheduledTrigger("jira")).status).toBe(401);
      expect(await footprint(w, a.installation.cloudId)).toMatchObject({ credentials: 0 });
      // A product event still in flight is answered and dropped.
      const late = await a.installation.sendEvent({
        eventType: "avi:jira:created:issue",
        issue: { id: "424242", key: "CI-4242", fields: { summary: "late" } },
      });
      expect(late.attempts).toEqual([200]);
      expect(await prisma.inboundDelivery.count({ where: { deliveryKey: { contains: ":424242:" } } })).toBe(0);

      // Jobs: A's waiting jobs are parked with the reason; B's still wait.
      const jobsA = await prisma.job.findMany({ where: { id: { in: siteA.jobIds } } });
      expect(jobsA.map((j) => [j.state, j.lastError])).toEqual(
        siteA.jobIds.map(() => ["failed", expect.stringContaining("uninstalled")]),
      );
      expect((await prisma.job.findMany({ where: { id: { in: siteB.jobIds } } })).map((j) => j.state)).toEqual([
        "pending",
        "pending",
      ]);

      // Site B is untouched.
      expect(await revoked(siteB.apiToken)).toBe(false);
      expect((await b.api(b.admin, "GET", "/api/incidents")).body.incidents).toHaveLength(1);
      expect(await footprint(w, b.installation.cloudId)).toMatchObject({ uninstalled: false, credentials: 2 });

      // The deletion waits for the retention period (30 days by default): run early, it deletes nothing and waits again.
      const purge = await prisma.job.findFirstOrThrow({
        where: { task: "tenant_purge", key: `tenant_purge:${siteA.tenantId}` },
      });
      expect(purge.runAt.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
      expect((await w.svc.api(`/api/jobs/${purge.id}/retry`, { method: "POST" })).status).toBe(202);
      await eventually("the early purge put back", async () => {
        const job = await prisma.job.findUniqueOrThrow({ where: { id: purge.id } });
        return job.state === "pending" && job.attempts === 0 && job.runAt.getTime() - Date.now() > 29 * 86_400_000
          ? job
          : undefined;
      });
      expect(await footprint(w, a.installation.cloudId)).toEqual({
        uninstalled: true,
        incidents: 1,
        services: 1,
        credentials: 0,
      });

      // Installing again within the period: the site is back with its incident and a fresh app token; the revoked API token stays revoked.
      expect((await install(a)).attempts).toEqual([200]);
      expect(await footprint(w, a.installation.cloudId)).toEqual({
        uninstalled: false,
        incidents: 1,
        services: 1,
        credentials: 1,
      });
      const back = await a.api(a.admin, "GET", "/api/incidents");
      expect(back.status).toBe(200);
      expect(back.body.incidents.map((i: any) => i.id)).toEqual([siteA.incident.id]);
      expect(await revoked(siteA.apiToken)).toBe(true);
    });
  },
);

describe.each(DATABASE_KINDS)("uninstalling with FIREWATCH_UNINSTALLED_RETENTION_DAYS=0 on $name", (kind) => {
  let w: ForgeWorld;
  let a: ForgeSiteWorld;
  let b: ForgeSiteWorld;
  beforeAll(async () => {
    w = await startForgeWorld(kind, ["alpha", "bravo"], { env: { FIREWATCH_UNINSTALLED_RETENTION_DAYS: "0" } });
    [a, b] = w.sites as [ForgeSiteWorld, ForgeSiteWorld];
  });
  afterAll(() => w?.stop());

  it("deletes the site's data by the durable purge job, and leaves the other site's alone", async () => {
    const prisma = w.svc.database.prisma;
    const siteA = await siteWithData(w, a);
    await siteWithData(w, b);
    await a.jira.createIssueAsUser({ project: "OPS", summary: "Disk filling up" }, a.person);
    await eventually("A's product event recorded", async () =>
      (await prisma.inboundDelivery.count({ where: { deliveryKey: { startsWith: `${a.installation.cloudId}:` } } })) > 0
        ? true
        : undefined,
    );

    expect((await uninstall(a)).attempts).toEqual([200]);
    await eventually("site A deleted", async () =>
      (await footprint(w, a.installation.cloudId)) === null ? true : undefined,
    );
    expect(await prisma.user.count({ where: { tenantId: siteA.tenantId } })).toBe(0);
    expect(await prisma.incident.count({ where: { id: siteA.incident.id } })).toBe(0);
    expect(await prisma.timelineEntry.count({ where: { incidentId: siteA.incident.id } })).toBe(0);
    expect(
      await prisma.inboundDelivery.count({ where: { deliveryKey: { startsWith: `${a.installation.cloudId}:` } } }),
    ).toBe(0);
    expect(await prisma.job.count({ where: { id: { in: siteA.jobIds } } })).toBe(0);
    // The job is recorded as succeeded just after its work is done (the worker records finished jobs in batches).
    await eventually("the purge job recorded as succeeded", async () =>
      (await prisma.job.findFirst({ where: { key: `tenant_purge:${siteA.tenantId}` } }))?.state === "succeeded"
        ? true
        : undefined,
    );
    expect(await footprint(w, b.installation.cloudId)).toEqual({
      uninstalled: false,
      incidents: 1,
      services: 1,
      credentials: 2,
    });

    // Installing again after the deletion starts the site afresh.
    expect((await install(a)).attempts).toEqual([200]);
    const fresh = await a.api(a.admin, "GET", "/api/incidents");
    expect(fresh.status).toBe(200);
    expect(fresh.body.incidents).toEqual([]);
  });
});
