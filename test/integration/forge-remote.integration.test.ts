// Firewatch installed as a Forge app on two Atlassian sites: Forge delivers each site's Jira product events
// to POST /forge/events with a Forge Invocation Token (https://developer.atlassian.com/platform/forge/remote/sending-product-events/),
// each site becomes its own tenant on first contact, and the service calls each site's Jira back as the app
// through the API gateway with the token Forge sent (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/).
// No JIRA_* credentials are configured at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { hashToken } from "../../sync-service/src/web/middleware/authenticate.ts";
import { InvocationTokens } from "../../stand-ins/forge/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("the service as a Forge Remote on $name", (kind) => {
  let w: ForgeWorld;
  let a: ForgeSiteWorld;
  let b: ForgeSiteWorld;
  beforeAll(async () => {
    w = await startForgeWorld(kind, ["alpha", "bravo"]);
    [a, b] = w.sites as [ForgeSiteWorld, ForgeSiteWorld];
  });
  afterAll(() => w?.stop());

  const incidentsOf = async (site: ForgeSiteWorld) => {
    const res = await site.api(site.admin, "GET", "/api/incidents?limit=200");
    expect(res.status).toBe(200);
    return res.body.incidents as any[];
  };
  const deliveriesRecorded = async () =>
    (await w.svc.database.prisma.inboundDelivery.count({ where: { source: "forge" } })) as number;
  const jobsQueued = async () => w.svc.database.prisma.job.count();

  it("turns site A's product event into an incident of tenant A only, reading the issue back as the app", async () => {
    // A's admin sets up a service and a JQL rule through the app (the console's `api` resolver path).
    const service = await a.api(a.admin, "POST", "/api/services", { name: "ci-builds" });
    expect(service.status).toBe(201);
    const rule = await a.api(a.admin, "POST", "/api/escalation-rules", {
      name: "failed builds",
      jql: "project = CI AND labels = build-failed",
      serviceId: service.body.id,
    });
    expect(rule.status).toBe(201);

    // A person files a build failure on site A; Jira raises avi:jira:created:issue, which carries no labels.
    const issue = await a.jira.createIssueAsUser(
      { project: "CI", summary: "Nightly build failed on main", labels: ["build-failed"], priority: "High" },
      a.person,
    );
    const delivery = a.installation.deliveries.find((d) => (d.payload.issue as { key: string }).key === issue.key)!;
    expect(delivery.attempts).toEqual([202]);
    expect((delivery.payload.issue as { fields: Record<string, unknown> }).fields.labels).toBeUndefined();

    const [incident] = await eventually("tenant A's incident", async () => {
      const found = (await incidentsOf(a)).filter((i) => i.title.startsWith(`${issue.key}:`));
      return found.length ? found : undefined;
    });
    expect(incident).toMatchObject({
      title: `${issue.key}: Nightly build failed on main`,
      status: "triggered",
      serviceId: service.body.id,
    });
    const link = await eventually("the issue linked", async () =>
      (await a.api(a.admin, "GET", `/api/incidents/${incident.key}/jira-issues`)).body.issues.find(
        (l: any) => l.state === "linked",
      ),
    );
    expect(link).toMatchObject({
      issueKey: issue.key,
      isOrigin: true,
      url: `https://alpha.atlassian.net/browse/${issue.key}`,
    });

    // Every call the service made to site A went through the gateway, as the app; none reached site B.
    const calls = a.jira.requests().filter((r) => r.path.startsWith("/rest/api/3/issue"));
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.every((r) => r.gateway === true && r.authUser === null && typeof r.outcome === "number" && r.outcome < 300),
    ).toBe(true);
    // The rule saw the labels because the service read the whole issue back (the event has no labels).
    expect(calls.some((r) => r.method === "GET" && r.path === `/rest/api/3/issue/${issue.id}`)).toBe(true);
    expect(b.jira.requests().filter((r) => r.path.startsWith("/rest/api/3/issue"))).toEqual([]);

    // Tenant B sees nothing of it, by list, by key or by id.
    expect(await incidentsOf(b)).toEqual([]);
    expect((await b.api(b.admin, "GET", `/api/incidents/${incident.key}`)).status).toBe(404);
    expect((await b.api(b.admin, "GET", `/api/incidents/${incident.id}/timeline`)).status).toBe(404);
    expect((await b.api(b.admin, "GET", "/api/escalation-rules")).body.rules).toEqual([]);
  });

  it("does not fire tenant A's rule for the same issue id on site B", async () => {
    // Issue ids are per site: site B's first issue has the id of site A's first issue.
    const issue = await b.jira.createIssueAsUser(
      { project: "CI", summary: "B's own build failure", labels: ["build-failed"] },
      b.person,
    );
    expect(issue.id).toBe(a.jira.issues()[0]!.id);
    const key = `forge_delivery:${b.installation.cloudId}:avi:jira:created:issue:${issue.id}:`;
    await eventually(
      "B's delivery processed",
      async () => (await w.svc.database.prisma.job.findFirst({ where: { key, state: "succeeded" } })) ?? undefined,
    );
    expect(await incidentsOf(b)).toEqual([]);
    expect((await incidentsOf(a)).filter((i) => i.title.includes("B's own"))).toEqual([]);
    // A's incident kept its one alert: B's event did not count into it.
    const [aIncident] = await incidentsOf(a);
    expect((await a.api(a.admin, "GET", `/api/incidents/${aIncident.key}`)).body.alerts).toMatchObject([{ count: 1 }]);
  });

  it("refuses an event with a bad token with 401 and writes nothing", async () => {
    const payload = JSON.stringify({
      eventType: "avi:jira:created:issue",
      issue: { id: "99001", key: "CI-999", fields: { summary: "forged" } },
      atlassianId: a.person,
    });
    const before = {
      deliveries: await deliveriesRecorded(),
      jobs: await jobsQueued(),
      tenants: await w.svc.database.prisma.tenant.count(),
    };
    const foreign = await InvocationTokens.foreignKey();
    const bad: Record<string, Promise<string>> = {
      "signed by another key": a.installation.fit(null, { key: foreign }),
      expired: a.installation.fit(null, { expiresIn: -120 }),
      "for another app": a.installation.fit(null, {
        audience: "ari:cloud:ecosystem::app/6a2c3b10-0000-4000-8000-000000000bad",
      }),
      "from another issuer": a.installation.fit(null, { issuer: "someone-else" }),
      "for a site named twice": a.installation.fit(null, { claims: { context: { cloudId: b.installation.cloudId } } }),
      "issued an hour ahead": a.installation.fit(null, { issuedAt: 3600 }),
      "valid for an hour": a.installation.fit(null, { expiresIn: 3600 }),
    };
    for (const [why, token] of Object.entries(bad)) {
      const res = await a.installation.invokeRemote(
        "/forge/events",
        { headers: { "content-type": "application/json" }, body: payload },
        { token: await token },
      );
      expect({ why, status: res.status }).toEqual({ why, status: 401 });
      expect(((await res.json()) as any).error.code).toBe("FORGE.INVALID_TOKEN");
    }
    const missing = await fetch(`${w.svc.url}/forge/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: payload,
    });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as any).error).toMatchObject({
      code: "FORGE.TOKEN_REQUIRED",
      message: expect.stringContaining("Forge Invocation Token"),
    });
    expect({
      deliveries: await deliveriesRecorded(),
      jobs: await jobsQueued(),
      tenants: await w.svc.database.prisma.tenant.count(),
    }).toEqual(before);
  });

  it("refuses a person's invocation token on /forge/events and /forge/scheduled (only Forge itself sends those)", async () => {
    const payload = JSON.stringify({
      eventType: "avi:jira:created:issue",
      issue: { id: "99002", key: "CI-998", fields: { summary: "queued by a person" } },
      atlassianId: a.person,
    });
    const before = { deliveries: await deliveriesRecorded(), jobs: await jobsQueued() };
    for (const path of ["/forge/events", "/forge/scheduled"]) {
      const res = await a.installation.invokeRemote(
        path,
        { headers: { "content-type": "application/json" }, body: payload },
        { accountId: a.person },
      );
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(((await res.json()) as any).error.code).toBe("FORGE.APP_INVOCATION_REQUIRED");
    }
    expect({ deliveries: await deliveriesRecorded(), jobs: await jobsQueued() }).toEqual(before);
    // Forge's own token (no principal) still gets through.
    expect((await a.installation.scheduledTrigger()).status).toBe(202);
  });

  it("issues no API token to a Forge site's person, and signs nobody in with one minted before", async () => {
    const users = (await a.api(a.admin, "GET", "/api/users")).body.users as { id: string }[];
    const target = users[0]!.id;
    const before = await w.svc.database.prisma.apiToken.count();
    const issued = await a.api(a.admin, "POST", `/api/users/${target}/tokens`, { name: "plain HTTP" });
    expect(issued).toMatchObject({ status: 403, body: { error: { code: "AUTH.TOKENS_STANDALONE_ONLY" } } });
    expect(await w.svc.database.prisma.apiToken.count()).toBe(before);
    // A token stored for that person (minted before the refusal existed) is refused over plain HTTP.
    const token = "fw_minted-for-a-forge-site-user-before-the-fix";
    await w.svc.database.prisma.apiToken.create({
      data: { id: randomUUID(), userId: target, name: "old", tokenHash: hashToken(token) },
    });
    const res = await fetch(`${w.svc.url}/api/incidents`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.code).toBe("AUTH.TOKEN_NOT_FOR_SITE_USERS");
  });

  it("shows and changes, for a person without Browse on a project, none of its issues through any /api route", async () => {
    const contractor = a.addPerson("alpha contractor");
    a.jira.denyUserPermission(contractor, "BROWSE_PROJECTS", "OPS");
    const secret = await a.jira.createIssueAsUser(
      { project: "OPS", summary: "SECRET: layoffs planned for Q3" },
      a.admin,
    );
    const open = await a.jira.createIssueAsUser({ project: "CI", summary: "Flaky test on main" }, a.admin);
    await a.jira.indexed(); // for the back-tests below
    const hidesSecret = (res: { status: number; body: unknown }) => {
      expect(res).toMatchObject({ status: 403, body: { error: { code: "ISSUE.BROWSE_REQUIRED" } } });
      expect(JSON.stringify(res.body)).not.toContain("SECRET");
    };
    const service = await a.api(a.admin, "POST", "/api/services", { name: "ops-watch" });
    const rule = await a.api(a.admin, "POST", "/api/escalation-rules", {
      name: "ops",
      jql: "project = OPS",
      serviceId: service.body.id,
    });
    expect(rule.status).toBe(201);

    // The rule test and back-test: the issue itself is refused; the back-test lists only what they may browse.
    hidesSecret(
      await a.api(contractor, "POST", "/api/escalation-rules/test", { jql: "project = OPS", issueKey: secret.key }),
    );
    hidesSecret(
      await a.api(contractor, "POST", `/api/escalation-rules/${rule.body.id}/test`, { issueKey: secret.key }),
    );
    for (const [path, body] of [
      ["/api/escalation-rules/test", { jql: "project = OPS" }],
      [`/api/escalation-rules/${rule.body.id}/test`, {}],
    ] as const) {
      const back = await a.api(contractor, "POST", path, body);
      expect(back.status).toBe(200);
      expect(JSON.stringify(back.body)).not.toContain("SECRET");
      expect((await a.api(a.admin, "POST", path, body)).body.issues.map((i: any) => i.key)).toContain(secret.key);
    }
    expect(
      (await a.api(contractor, "POST", "/api/escalation-rules/test", { jql: "project = CI", issueKey: open.key }))
        .status,
    ).toBe(200);

    // Declaring from it and linking it are refused, and write nothing; the project they may browse still works.
    const incidents = await w.svc.database.prisma.incident.count();
    hidesSecret(await a.api(contractor, "POST", "/api/incidents", { fromIssueKey: secret.key, severity: "SEV2" }));
    expect(await w.svc.database.prisma.incident.count()).toBe(incidents);
    const declared = await a.api(contractor, "POST", "/api/incidents", { title: "Something is off", severity: "SEV3" });
    expect(declared.status).toBe(201);
    hidesSecret(
      await a.api(contractor, "POST", `/api/incidents/${declared.body.key}/jira-issues`, { issueKey: secret.key }),
    );
    expect(
      (await a.api(contractor, "POST", `/api/incidents/${declared.body.key}/jira-issues`, { issueKey: open.key }))
        .status,
    ).toBe(202);

    // Once an admin links the secret issue, the incident's detail, timeline and links are refused to them.
    expect(
      (await a.api(a.admin, "POST", `/api/incidents/${declared.body.key}/jira-issues`, { issueKey: secret.key }))
        .status,
    ).toBe(202);
    await eventually("the secret issue linked", async () =>
      (await a.api(a.admin, "GET", `/api/incidents/${declared.body.key}/jira-issues`)).body.issues.find(
        (l: any) => l.issueKey === secret.key && l.state === "linked",
      ),
    );
    for (const path of ["", "/timeline", "/jira-issues"]) {
      hidesSecret(await a.api(contractor, "GET", `/api/incidents/${declared.body.key}${path}`));
      expect((await a.api(a.admin, "GET", `/api/incidents/${declared.body.key}${path}`)).status).toBe(200);
    }
    // ...and it is left out of their incident list, searched by its words or not; the admin still sees it.
    for (const query of ["", "?q=off"]) {
      const keys = async (who: string) =>
        (await a.api(who, "GET", `/api/incidents${query}`)).body.incidents.map((i: any) => i.key);
      expect(await keys(contractor)).not.toContain(declared.body.key);
      expect(await keys(a.admin)).toContain(declared.body.key);
    }
  });

  it("creates no Jira issue, as the app, in a project where the person may not create issues", async () => {
    const reader = a.addPerson("alpha read-only");
    a.jira.denyUserPermission(reader, "CREATE_ISSUES", "OPS");
    const refused = (res: { status: number; body: any }) => {
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        code: "ISSUE.CREATE_REQUIRED",
        message: expect.stringContaining("Jira project OPS"),
      });
    };
    const incident = (await a.api(reader, "POST", "/api/incidents", { title: "Queue depth alarms", severity: "SEV3" }))
      .body;
    const links = await w.svc.database.prisma.linkedIssue.count();
    refused(await a.api(reader, "POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "OPS" }));
    expect(await w.svc.database.prisma.linkedIssue.count()).toBe(links);
    expect(
      (await a.api(reader, "POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" })).status,
    ).toBe(202);

    // Action items go to the service's project: refused there, through the console and through the issue panel.
    const service = (
      await a.api(a.admin, "POST", "/api/services", { name: "ops-backlog", jira: { projectKey: "OPS" } })
    ).body;
    const onOps = (
      await a.api(reader, "POST", "/api/incidents", { title: "Disk alarms", severity: "SEV3", serviceId: service.id })
    ).body;
    const items = await w.svc.database.prisma.actionItem.count();
    refused(
      await a.api(reader, "POST", `/api/incidents/${onOps.key}/action-items`, { title: "Add disk headroom alerts" }),
    );
    refused(
      await a.api(reader, "POST", "/forge/resolvers/create-action-item", {
        incident: onOps.key,
        title: "Add disk headroom alerts",
      }),
    );
    expect(await w.svc.database.prisma.actionItem.count()).toBe(items);
    expect(
      (await a.api(a.person, "POST", `/api/incidents/${onOps.key}/action-items`, { title: "Add disk headroom alerts" }))
        .status,
    ).toBe(202);
  });

  it("records a redelivered event once, and answers a malformed one with what is wrong", async () => {
    const issue = await a.jira.createIssueAsUser({ project: "OPS", summary: "Disk filling up" }, a.person);
    const delivered = a.installation.deliveries.find((d) => (d.payload.issue as { key: string }).key === issue.key)!;
    const again = await a.installation.sendEvent(delivered.payload);
    expect(again.attempts).toEqual([200]);
    const unknown = await a.installation.sendEvent({
      eventType: "avi:jira:viewed:issue",
      issue: { id: issue.id, key: issue.key },
    });
    expect(unknown.attempts).toEqual([400]);
    const broken = await a.installation.invokeRemote("/forge/events", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ eventType: "avi:jira:updated:issue", issue: { key: 7 } }),
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error.message).toMatch(/issue\.id/);
  });

  it("knows a person by their Jira name, read from their site as the app (Forge passes only an account id)", async () => {
    const first = await a.api(a.person, "GET", "/api/me");
    expect(first.status).toBe(200);
    expect(first.body.role).toBe("responder");
    const named = await eventually("the name from Jira", async () => {
      const me = (await a.api(a.person, "GET", "/api/me")).body;
      return me.name === "alpha responder" ? me : undefined;
    });
    expect(named.userId).toBe(first.body.userId);
    // The same account on site B is another tenant's person.
    const elsewhere = (await b.api(a.person, "GET", "/api/me")).body;
    expect(elsewhere.userId).not.toBe(first.body.userId);
    // A Jira administrator is a Firewatch admin (the service asked Jira, as the app).
    expect((await a.api(a.admin, "GET", "/api/me")).body.role).toBe("admin");
  });

  describe("admin rights", () => {
    const CHECK = "/rest/api/3/permissions/check";
    const checksOf = (site: ForgeSiteWorld, accountId: string) =>
      site.jira
        .requests({ method: "POST", path: CHECK })
        .filter((r) => (r.body as { accountId?: string })?.accountId === accountId);

    it("come from Jira, asked as the app, never from a header the caller sets", async () => {
      // A person with a valid token sends what the app used to send for Jira admins: nothing changes.
      const forged = { "x-firewatch-jira-admin": "true" };
      expect((await a.api(a.person, "POST", "/api/services", { name: "forged" }, forged)).status).toBe(403);
      expect((await a.api(a.person, "GET", "/api/me", undefined, forged)).body.role).toBe("responder");
      // The site's Jira administrator is an admin without any header.
      expect((await a.api(a.admin, "GET", "/api/me")).body.role).toBe("admin");
      const asked = checksOf(a, a.admin);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.gateway === true && r.authUser === null && r.outcome === 200)).toBe(true);
      expect(asked[0]!.body).toEqual({ accountId: a.admin, globalPermissions: ["ADMINISTER"], projectPermissions: [] });
      // Another site's Jira is not asked about site A's people.
      expect(checksOf(b, a.admin)).toEqual([]);
    });

    it("are asked of Jira once per person within a minute, a denial too", async () => {
      const admin = a.addPerson("Second admin");
      a.jira.grantAdmin(admin);
      expect((await a.api(admin, "GET", "/api/me")).body.role).toBe("admin");
      // Taken away in Jira: the remembered answer still holds within its minute, without asking again.
      a.jira.revokeAdmin(admin);
      expect((await a.api(admin, "POST", "/api/services", { name: "cached" })).status).toBe(201);
      expect(checksOf(a, admin)).toHaveLength(1);
      const person = a.addPerson("Someone else");
      expect((await a.api(person, "GET", "/api/me")).body.role).toBe("responder");
      expect((await a.api(person, "POST", "/api/services", { name: "no" })).status).toBe(403);
      expect(checksOf(a, person)).toHaveLength(1);
    });

    it("are refused, not granted, when Jira cannot be asked, and asked again next time", async () => {
      const admin = a.addPerson("Third admin");
      a.jira.grantAdmin(admin);
      a.jira.faults.next({ status: 500, times: Infinity, match: (r) => r.path === CHECK });
      // Incident work goes on (the list leaves out what Jira cannot vouch for); admin work waits for Jira.
      const listed = await a.api(admin, "GET", "/api/incidents");
      expect(listed.status).toBe(200);
      const linked = new Set(
        (
          await w.svc.database.prisma.linkedIssue.findMany({
            where: {
              state: { not: "dropped" },
              issueId: { not: null },
              incident: { tenant: { cloudId: a.installation.cloudId } },
            },
            include: { incident: true },
          })
        ).map((l) => l.incident.number),
      );
      expect(listed.body.incidents.filter((i: any) => linked.has(i.number))).toEqual([]);
      expect((await a.api(admin, "POST", "/api/services", { name: "during an outage" })).status).toBe(403);
      a.jira.faults.clear();
      expect((await a.api(admin, "GET", "/api/me")).body.role).toBe("admin");
    });
  });

  it("keeps the newest app token per site and says when a site's token has run out", async () => {
    const stored = async (site: ForgeSiteWorld) =>
      w.svc.database.prisma.forgeCredential.findUnique({
        where: { tenantId_product: { tenantId: await tenantOf(site), product: "jira" } },
      });
    const tenantOf = async (site: ForgeSiteWorld) =>
      (await w.svc.database.prisma.tenant.findUniqueOrThrow({ where: { cloudId: site.installation.cloudId } })).id;
    const first = await stored(a);
    expect(first!.apiBaseUrl).toBe(a.jira.gatewayUrl);
    expect(first!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    // Forge hands out an expired token (the site went quiet); a stored newer one is kept, not replaced.
    a.installation.appTokenTtl = -60;
    expect((await a.installation.scheduledTrigger()).status).toBe(202);
    expect((await stored(a))!.token).toBe(first!.token);
    a.installation.appTokenTtl = 3600;

    const integrations = await a.api(a.admin, "GET", "/api/integrations");
    expect(integrations.body.integrations[0]).toMatchObject({ name: "jira", via: "forge", configured: true });
  });
});
