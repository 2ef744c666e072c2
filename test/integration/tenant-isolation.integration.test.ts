// One Forge installation can never read or change another's data. Site A builds up a full tenant (service,
// people, schedule, policy, rule, incident with note, status post, action item and a postmortem published to
// its Confluence); then site B's Jira administrator calls every /api and /forge/resolvers route the express
// app has — found by walking its router, so a new route cannot be left out — with A's ids in the path, the
// query and the body. No answer may carry anything of A's, nothing in the database may change, and each
// lookup of A's things must be refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPACE_KEY } from "../../stand-ins/confluence/index.ts";
import { routesOf } from "../support/app-routes.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { StatuspageEmulator } from "../../stand-ins/statuspage/index.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";
import { eventually } from "../support/running-service.ts";

interface Ids {
  incident: string;
  key: string;
  service: string;
  user: string;
  contact: string;
  schedule: string;
  policy: string;
  team: string;
  play: string;
  subscriber: string;
  rule: string;
  entry: string;
  job: string;
  pageId: string;
  issue: { id: string; key: string };
}

const schedule = (name: string, user: string) => ({
  name,
  timeZone: "UTC",
  layers: [{ users: [user], rotation: { type: "weekly", shiftLength: 1, start: "2026-01-05T09:00" } }],
  overrides: [],
});
const WINDOW = "from=2026-01-01T00:00:00Z&to=2026-01-08T00:00:00Z";

/** What site B sends to each route, with A's ids. A route the app has but this table lacks fails the test. */
function attacks(a: Ids): Record<string, { query?: string; body?: unknown; refs: boolean }> {
  const ref = { refs: true };
  return {
    "GET /api/incidents": { refs: false },
    "POST /api/incidents": { body: { title: "B on A's service", serviceId: a.service }, refs: true },
    "GET /api/incidents/:ref": ref,
    "PATCH /api/incidents/:ref": { body: { title: "hijacked", ownerId: a.user }, refs: true },
    "POST /api/incidents/:ref/notes": { body: { body: "B was here" }, refs: true },
    "POST /api/incidents/:ref/acknowledge": ref,
    "POST /api/incidents/:ref/resolve": ref,
    "GET /api/incidents/:ref/jira-issues": ref,
    "POST /api/incidents/:ref/jira-issues": { body: { issueKey: a.issue.key }, refs: true },
    "GET /api/incidents/:ref/timeline": ref,
    "PATCH /api/incidents/:ref/timeline/:entryId": { body: { body: "rewritten by B", keyMoment: true }, refs: true },
    "GET /api/incidents/:ref/status-posts": ref,
    "POST /api/incidents/:ref/status-posts": { body: { status: "resolved", body: "B says resolved" }, refs: true },
    "GET /api/incidents/:ref/response": ref,
    "POST /api/incidents/:ref/escalate": ref,
    "POST /api/incidents/:ref/responders": { body: { userId: a.user }, refs: true },
    "GET /api/incidents/:ref/subscribers": ref,
    "POST /api/incidents/:ref/subscribers": { body: { teamId: a.team }, refs: true },
    "DELETE /api/incidents/:ref/subscribers/:subscriberId": ref,
    "GET /api/incidents/:ref/status-updates": ref,
    "POST /api/incidents/:ref/status-updates": { body: { message: "B speaks for A" }, refs: true },
    "POST /api/incidents/:ref/response-plays/:playId": ref,
    "GET /api/incidents/:ref/channel": ref,
    "POST /api/incidents/:ref/channel": ref,
    "PATCH /api/incidents/:ref/channel": { body: { mirrorMode: "all" }, refs: true },
    "GET /api/incidents/:ref/postmortem/preview": { query: "format=markdown", refs: true },
    "GET /api/incidents/:ref/postmortem": ref,
    "POST /api/incidents/:ref/postmortem": ref,
    "PATCH /api/incidents/:ref/postmortem": { body: { status: "in_review" }, refs: true },
    "GET /api/incidents/:ref/action-items": ref,
    "POST /api/incidents/:ref/action-items": { body: { title: "B's item" }, refs: true },
    "GET /api/services": { refs: false },
    "POST /api/services": { body: { name: "b-service", escalationPolicyId: a.policy }, refs: true },
    "GET /api/services/:id": ref,
    "PATCH /api/services/:id": { body: { name: "hijacked" }, refs: true },
    "DELETE /api/services/:id": ref,
    "GET /api/jobs": { refs: false },
    "POST /api/jobs/:id/retry": ref,
    "GET /api/integrations": { refs: false },
    "GET /api/escalation-rules": { refs: false },
    "POST /api/escalation-rules": { body: { name: "b rule", jql: "project = CI", serviceId: a.service }, refs: true },
    "GET /api/escalation-rules/:id": ref,
    "PATCH /api/escalation-rules/:id": { body: { name: "hijacked" }, refs: true },
    "DELETE /api/escalation-rules/:id": ref,
    "POST /api/escalation-rules/validate": { body: { jql: "project = CI" }, refs: false },
    "POST /api/escalation-rules/test": { body: { jql: "project = CI", issueKey: a.issue.key }, refs: false },
    "POST /api/escalation-rules/:id/test": { body: { issueKey: a.issue.key }, refs: true },
    "GET /api/users": { refs: false },
    "POST /api/users": { body: { name: "b person", email: "b@example.com" }, refs: false },
    "GET /api/users/:id": ref,
    "PATCH /api/users/:id": { body: { name: "hijacked", role: "viewer", active: false }, refs: true },
    "DELETE /api/users/:id": ref,
    "POST /api/users/:id/contact-methods": {
      body: { kind: "webhook", address: "https://b.example.com/steal" },
      refs: true,
    },
    "GET /api/users/:id/contact-methods": ref,
    "PATCH /api/users/:id/contact-methods/:contactMethodId": {
      body: { kind: "webhook", address: "https://b.example.com/steal" },
      refs: true,
    },
    "DELETE /api/users/:id/contact-methods/:contactMethodId": ref,
    "POST /api/users/:id/contact-methods/:contactMethodId/test": ref,
    "GET /api/users/:id/oncall.ics": { query: WINDOW, refs: true },
    "POST /api/users/:id/tokens": { body: { name: "b's token for A's user" }, refs: true },
    // A Forge site's people have no tokens: B aims at A's person with a token id of its own making.
    "GET /api/users/:id/tokens": ref,
    "DELETE /api/users/:id/tokens/:tokenId": ref,
    "GET /api/users/:id/calendar-feed": ref,
    "POST /api/users/:id/calendar-feed": { body: {}, refs: true },
    "DELETE /api/users/:id/calendar-feed": ref,
    "GET /api/schedules": { refs: false },
    "POST /api/schedules": { body: schedule("b schedule of A's people", a.user), refs: true },
    "GET /api/schedules/:id": ref,
    "PUT /api/schedules/:id": { body: schedule("hijacked", a.user), refs: true },
    "GET /api/schedules/:id/oncall": { query: WINDOW, refs: true },
    "POST /api/schedules/:id/overrides": {
      body: { user: a.user, start: "2026-01-01T00:00:00Z", end: "2026-01-02T00:00:00Z" },
      refs: true,
    },
    "DELETE /api/schedules/:id/overrides/:index": ref,
    "GET /api/schedules/:id/ical": { query: WINDOW, refs: true },
    "POST /api/escalation-policies": {
      body: { name: "page A's people", levels: [{ delayMinutes: 1, targets: [{ type: "user", id: a.user }] }] },
      refs: true,
    },
    "PUT /api/escalation-policies/:id": {
      body: { name: "hijacked", levels: [{ delayMinutes: 1, targets: [{ type: "schedule", id: a.schedule }] }] },
      refs: true,
    },
    "GET /api/escalation-policies/:id": ref,
    "GET /api/escalation-policies": { refs: false },
    "DELETE /api/escalation-policies/:id": ref,
    "POST /api/teams": { body: { name: "B's team of A's people", members: [a.user] }, refs: true },
    "GET /api/teams": { refs: false },
    "GET /api/teams/:id": ref,
    "PATCH /api/teams/:id": { body: { name: "hijacked", members: [] }, refs: true },
    "DELETE /api/teams/:id": ref,
    "GET /api/response-plays": { refs: false },
    "POST /api/response-plays": {
      body: {
        name: "B's play on A's people",
        addResponders: [{ type: "team", id: a.team }],
        addSubscribers: [{ userId: a.user }],
      },
      refs: true,
    },
    "GET /api/response-plays/:id": ref,
    "PUT /api/response-plays/:id": { body: { name: "hijacked" }, refs: true },
    "DELETE /api/response-plays/:id": ref,
    "GET /api/action-items": { refs: false },
    "GET /api/reports/incidents": { refs: false },
    "GET /api/reports/drills": { refs: false },
    "GET /api/reports/oncall": { refs: false },
    "GET /api/me": { refs: false },
    // A console session comes from an API token only (a standalone person's): nothing of A's opens one.
    "POST /api/session": { body: { token: a.user }, refs: true },
    // Signs B's own person out everywhere (B has no session to end): writes nothing of A's.
    "DELETE /api/session": { refs: false },
    "DELETE /api/session/current": { refs: false },
    "GET /api/settings/incidents": { refs: false },
    "PUT /api/settings/incidents": { body: { defaultServiceId: a.service }, refs: true },
  };
}

function resolverAttacks(a: Ids): Record<string, unknown> {
  return {
    "issue-panel": { issue: a.issue },
    "declare-incident": { issue: a.issue, severity: "SEV1", serviceId: a.service },
    "link-incident": { issue: a.issue, incident: a.key },
    "create-action-item": { incident: a.key, title: "B's item" },
    "admin-settings": {},
    "save-admin-settings": {
      settings: {
        tickets: {
          projectKey: "CI",
          issueType: "Task",
          priorities: { SEV1: "Highest", SEV2: "High", SEV3: "Medium", SEV4: "Low" },
        },
        confluenceSpaceKey: SPACE_KEY,
      },
    },
    "postmortem-byline": { pageId: a.pageId },
  };
}

const fill = (route: string, a: Ids, ref: string) =>
  route
    .replace(":ref", ref)
    .replace(":entryId", a.entry)
    .replace(":contactMethodId", a.contact)
    .replace(":tokenId", "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b")
    .replace(":index", "0")
    .replace(":subscriberId", a.subscriber)
    .replace(":playId", a.play)
    .replace(
      /\/(services|jobs|escalation-rules|users|schedules|escalation-policies|teams|response-plays)\/:id/,
      (_m, kind: string) =>
        `/${kind}/${{ services: a.service, jobs: a.job, "escalation-rules": a.rule, users: a.user, schedules: a.schedule, "escalation-policies": a.policy, teams: a.team, "response-plays": a.play }[kind]}`,
    );

describe.each(DATABASE_KINDS)("tenant isolation between Forge installations on $name", (kind) => {
  let w: ForgeWorld;
  let a: ForgeSiteWorld;
  let b: ForgeSiteWorld;
  let ids: Ids;
  let secrets: string[];
  const asA = (method: string, path: string, json?: unknown) => a.api(a.admin, method, path, json);
  const asB = (method: string, path: string, json?: unknown) => b.api(b.admin, method, path, json);

  // The deployment's Statuspage (a stand-in): A's incident has a status post for B to try to reach.
  const statuspage = new StatuspageEmulator();

  beforeAll(async () => {
    await statuspage.start();
    w = await startForgeWorld(kind, ["alpha", "bravo"], {
      env: {
        STATUSPAGE_API_KEY: statuspage.apiKey,
        STATUSPAGE_PAGE_ID: statuspage.pageId,
        STATUSPAGE_API_URL: statuspage.apiUrl,
      },
    });
    [a, b] = w.sites as [ForgeSiteWorld, ForgeSiteWorld];
    ids = await buildTenantA();
    secrets = [
      ids.incident,
      ids.service,
      ids.user,
      ids.contact,
      ids.schedule,
      ids.policy,
      ids.team,
      "Alpha team",
      ids.rule,
      ids.entry,
      ids.pageId,
      "Alpha secret outage",
      "alpha private note",
      "Alpha follow-up",
      "Alpha Person",
      "alpha.person@example.com",
    ];
  });
  afterAll(async () => {
    await w?.stop();
    await statuspage.stop();
  });

  async function buildTenantA(): Promise<Ids> {
    const ok = async (method: string, path: string, json?: unknown) => {
      const res = await asA(method, path, json);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    await a.installation.callResolver(
      (await import("../../forge-app/resolvers/index.ts")).handler,
      "saveAdminSettings",
      {
        accountId: a.admin,
        payload: resolverAttacks({} as Ids)["save-admin-settings"] as Record<string, unknown>,
      },
    );
    const user = await ok("POST", "/api/users", { name: "Alpha Person", email: "alpha.person@example.com" });
    const contact = await ok("POST", `/api/users/${user.id}/contact-methods`, {
      kind: "email",
      address: "alpha.person@example.com",
    });
    const sched = await ok("POST", "/api/schedules", schedule("Alpha rota", user.id));
    const team = await ok("POST", "/api/teams", { name: "Alpha team", members: [user.id] });
    const policy = await ok("POST", "/api/escalation-policies", {
      name: "Alpha policy",
      levels: [
        {
          delayMinutes: 5,
          targets: [
            { type: "user", id: user.id },
            { type: "team", id: team.id },
          ],
        },
      ],
    });
    const service = await ok("POST", "/api/services", { name: "alpha-checkout", escalationPolicyId: policy.id });
    const rule = await ok("POST", "/api/escalation-rules", {
      name: "Alpha builds",
      jql: "project = OPS AND labels = alpha",
      serviceId: service.id,
    });
    const issue = await a.jira.createIssueAsUser({ project: "CI", summary: "Alpha customer report" }, a.person);
    const incident = await ok("POST", "/api/incidents", {
      fromIssueKey: issue.key,
      title: "Alpha secret outage",
      severity: "SEV2",
      serviceId: service.id,
    });
    const entry = await ok("POST", `/api/incidents/${incident.key}/notes`, { body: "alpha private note" });
    const play = await ok("POST", "/api/response-plays", {
      name: "Alpha play",
      addSubscribers: [{ teamId: team.id }, { email: "alpha.board@example.com" }],
    });
    const subscriber = await ok("POST", `/api/incidents/${incident.key}/subscribers`, { userId: user.id });
    await ok("POST", `/api/incidents/${incident.key}/status-posts`, { status: "investigating", body: "alpha status" });
    await ok("POST", `/api/incidents/${incident.key}/action-items`, { title: "Alpha follow-up" });
    await ok("POST", `/api/incidents/${incident.key}/resolve`);
    await ok("POST", `/api/incidents/${incident.key}/postmortem`);
    const published = await eventually("A's postmortem in A's Confluence", async () => {
      const pm = (await asA("GET", `/api/incidents/${incident.key}/postmortem`)).body;
      return pm.pageId && pm.actionItems.every((i: any) => i.state === "linked") ? pm : undefined;
    });
    // The page went through A's Confluence gateway as the app; B's Confluence saw nothing.
    expect(
      a.confluence
        .requests()
        .filter((r) => r.path.startsWith("/wiki/"))
        .every((r) => r.gateway === true && r.authKind === "app"),
    ).toBe(true);
    expect(b.confluence.requests()).toEqual([]);
    await settle();
    const job = await w.svc.database.prisma.job.findFirstOrThrow({
      where: { payload: { path: ["incidentId"], equals: incident.id } },
    });
    return {
      incident: incident.id,
      key: incident.key,
      service: service.id,
      user: user.id,
      contact: contact.id,
      schedule: sched.id,
      policy: policy.id,
      team: team.id,
      play: play.id,
      subscriber: subscriber.id,
      rule: rule.id,
      entry: entry.id,
      job: String(job.id),
      pageId: published.pageId,
      issue: { id: issue.id, key: issue.key },
    };
  }

  /** Waits until no job is due: what A set off has finished, so the database holds still. */
  async function settle() {
    await eventually(
      "the outbox to settle",
      async () =>
        (await w.svc.database.prisma.job.count({
          where: { OR: [{ state: "running" }, { state: "pending", runAt: { lte: new Date(Date.now() + 60_000) } }] },
        })) === 0 || undefined,
      60_000,
    );
  }

  /** Every table's rows, as JSON: nothing B does may change any of it. */
  async function databaseState(): Promise<string> {
    const { prisma } = w.svc.database;
    const rows = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
    );
    const state: Record<string, unknown> = {};
    for (const { table_name } of rows)
      state[table_name] = await prisma.$queryRawUnsafe(`SELECT * FROM "${table_name}" ORDER BY 1`);
    return JSON.stringify(state, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  }

  /**
   * Compares the database with `before`: B may have written its own rows (a person of B's, the app token
   * Forge sent with B's calls), nothing else — every other row of every table is as it was.
   */
  async function expectOnlyBChanged(before: string) {
    const after = JSON.parse(await databaseState());
    const was = JSON.parse(before);
    const bTenant = (after.tenants as any[]).find((t) => t.cloud_id === b.installation.cloudId)!.id;
    const notB = (rows: any[]) => rows.filter((r) => r.tenant_id !== bTenant);
    for (const table of Object.keys(was)) {
      if (table === "users" || table === "forge_credentials")
        expect(notB(after[table]), table).toEqual(notB(was[table]));
      else expect(after[table], table).toEqual(was[table]);
    }
  }

  it("knows every route the app has", () => {
    const known = new Set([
      ...Object.keys(attacks(ids)),
      ...Object.keys(resolverAttacks(ids)).map((n) => `POST /forge/resolvers/${n}`),
    ]);
    const api = routesOf(w.svc.app).filter((r) => / \/api\//.test(r) || r.includes("/forge/resolvers"));
    const missing = api.filter((r) => r !== "POST /forge/resolvers/:name" && !known.has(r));
    expect(missing).toEqual([]);
    expect(api.length).toBeGreaterThan(50);
  });

  it("lets B's admin read none of A's data and change none of it, through any /api route", async () => {
    await asB("GET", "/api/me"); // B's first contact creates B's tenant and user (and learns their name) before the snapshot
    await settle();
    const before = await databaseState();
    const routes = routesOf(w.svc.app).filter((r) => / \/api\//.test(r));
    const table = attacks(ids);
    const leaks: string[] = [];
    const accepted: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(" ") as [string, string];
      const spec = table[route]!;
      for (const ref of path.includes(":ref") ? [ids.key, ids.incident] : [ids.key]) {
        const url = `${fill(path, ids, ref)}${spec.query ? `?${spec.query}` : ""}`;
        const res = await asB(method, url, spec.body);
        const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
        // A 404 may say which id it did not find: that is the caller's own input, not A's data.
        const sent = url + JSON.stringify(spec.body ?? null);
        const leaked = secrets.filter((s) => text.includes(s) && !sent.includes(s));
        if (leaked.length) leaks.push(`${method} ${url} → ${res.status} shows ${leaked.join(", ")}`);
        if (spec.refs && res.status < 300) accepted.push(`${method} ${url} → ${res.status}`);
        if (!spec.refs && method !== "GET" && res.status < 300)
          accepted.push(`${method} ${url} → ${res.status} (wrote in B)`);
      }
    }
    expect(leaks).toEqual([]);
    const ownWrites = [
      "/escalation-rules/validate",
      "/api/users →",
      "DELETE /api/session →",
      "DELETE /api/session/current →",
    ];
    expect(accepted.filter((a) => !ownWrites.some((own) => a.includes(own)))).toEqual([]);
    await expectOnlyBChanged(before);
  });

  it("answers B's resolver calls with nothing of A's and writes nothing", async () => {
    const before = await databaseState();
    const leaks: string[] = [];
    for (const [name, body] of Object.entries(resolverAttacks(ids))) {
      if (name === "save-admin-settings") continue; // B's own settings: checked below
      const res = await asB("POST", `/forge/resolvers/${name}`, body);
      const text = JSON.stringify(res.body);
      const leaked = secrets.filter((s) => text.includes(s) && !JSON.stringify(body).includes(s));
      if (leaked.length) leaks.push(`${name} → ${res.status} shows ${leaked.join(", ")}`);
      if (["declare-incident", "link-incident", "create-action-item"].includes(name))
        expect({ name, status: res.status }).toEqual({ name, status: 404 });
    }
    expect(leaks).toEqual([]);
    await expectOnlyBChanged(before);
    expect((await asB("POST", "/forge/resolvers/issue-panel", { issue: ids.issue })).body.incidents).toEqual([]);
    expect((await asB("POST", "/forge/resolvers/postmortem-byline", { pageId: ids.pageId })).body).toEqual({
      postmortem: null,
    });
  });

  it("would have shown A's admin the same things: the attacks name real data", async () => {
    const table = attacks(ids);
    let shown = 0;
    for (const route of routesOf(w.svc.app).filter((r) => r.startsWith("GET /api/") && table[r]?.refs)) {
      const path = route.split(" ")[1]!;
      const res = await asA(
        "GET",
        `${fill(path, ids, ids.key)}${table[route]!.query ? `?${table[route]!.query}` : ""}`,
      );
      // Slack is not configured here, so A's incident has no channel to show.
      const expected = route.endsWith("/channel") ? 404 : 200;
      expect({ route, status: res.status }).toEqual({ route, status: expected });
      if (secrets.some((s) => JSON.stringify(res.body).includes(s))) shown++;
    }
    expect(shown).toBeGreaterThanOrEqual(10);
    expect((await asA("POST", "/forge/resolvers/issue-panel", { issue: ids.issue })).body.incidents).toMatchObject([
      { id: ids.incident },
    ]);
    expect(
      (await asA("POST", "/forge/resolvers/postmortem-byline", { pageId: ids.pageId })).body.postmortem.incident,
    ).toMatchObject({ id: ids.incident });
  });
});
