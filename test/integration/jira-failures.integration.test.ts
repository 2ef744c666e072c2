// What Jira outages and bad webhooks do: Retry-After, backoff, revoked credentials, deleted issues,
// and the webhook's signature, replay and payload checks. Against the Jira emulator over real HTTP;
// rate limiting: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ (429 + Retry-After).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBody } from "../../stand-ins/jira/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, WEBHOOK_SECRET, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("Jira failures on $name", (kind) => {
  let w: JiraWorld;
  beforeAll(async () => {
    w = await startJiraWorld(kind);
  });
  afterAll(() => w?.stop());

  const readsOf = (issueId: string) => (r: { method: string; path: string }) =>
    r.method === "GET" && r.path === `/rest/api/3/issue/${issueId}`;

  it("waits out Retry-After, backs off through 500s, then lands the transition once", async () => {
    const { key, issueKey, issueId } = await w.incidentWithIssue();
    w.jira.clearLog();
    w.jira.faults
      .next({ status: 429, headers: { "Retry-After": "2" }, match: readsOf(issueId) })
      .next({ status: 500, times: 2, match: readsOf(issueId) });
    await w.call("POST", `/api/incidents/${key}/acknowledge`);
    await eventually("In Progress", async () => w.jira.issue(issueKey)!.status.category === "indeterminate");

    const log = w.jira.requests();
    const limited = log.find((r) => r.outcome === 429)!;
    const after = log.filter((r) => r.seq > limited.seq);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(2_000);
    expect(log.filter((r) => r.outcome === 500)).toHaveLength(2);
    expect(log.filter((r) => r.method === "POST" && r.path.endsWith("/transitions"))).toHaveLength(1);
    const moves = w.jira.issue(issueKey)!.changelog.flatMap((c) => c.items.filter((i) => i.field === "status"));
    expect(moves.map((m) => m.toString)).toEqual(["In Progress"]);
  });

  it("marks Jira unhealthy on revoked credentials, keeps the job, and finishes it once they work again", async () => {
    const { key, issueKey } = await w.incidentWithIssue();
    w.jira.setAuth("revoked");
    await w.call("POST", `/api/incidents/${key}/acknowledge`);
    const jira = await eventually("unhealthy", async () => {
      const found = (await w.call("GET", "/api/integrations")).body.integrations[0];
      return found.healthy === false ? found : undefined;
    });
    expect(jira).toMatchObject({ name: "jira", configured: true, lastError: "Jira rejected the credentials (401)" });
    const waiting = (await w.call("GET", "/api/jobs?state=pending")).body.jobs.find(
      (j: any) => j.task === "incident.sync",
    );
    expect(waiting).toMatchObject({ attempts: 0, lastError: expect.stringContaining("401") });
    expect(new Date(waiting.runAt).getTime() - Date.now()).toBeGreaterThan(60_000);

    w.jira.setAuth("ok");
    expect((await w.call("POST", `/api/jobs/${waiting.id}/retry`)).status).toBe(202);
    await eventually("In Progress", async () => w.jira.issue(issueKey)!.status.category === "indeterminate");
    await eventually(
      "healthy",
      async () => (await w.call("GET", "/api/integrations")).body.integrations[0].healthy === true,
    );
  });

  it("drops the link when a sync finds the issue gone (404), with a timeline entry", async () => {
    const { key, issueKey } = await w.incidentWithIssue();
    w.jira.unregisterWebhook(1);
    await w.jira.deleteIssueAsUser(issueKey);
    await w.call("POST", `/api/incidents/${key}/resolve`);
    await eventually(
      "dropped",
      async () => (await w.call("GET", `/api/incidents/${key}/jira-issues`)).body.issues[0].state === "dropped",
    );
    const entry = (await w.timeline(key)).find((e) => e.type === "ticket.dropped");
    expect(entry.body).toBe(`Unlinked ${issueKey}: ${issueKey} was deleted in Jira, or Firewatch may no longer see it`);
    w.jira.registerWebhook({ url: `${w.svc.url}/webhooks/jira`, secret: WEBHOOK_SECRET });
  });

  describe("webhook intake", () => {
    const counts = () =>
      Promise.all([
        w.svc.database.prisma.inboundDelivery.count(),
        w.svc.database.prisma.timelineEntry.count(),
        w.svc.database.prisma.job.count(),
      ]);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${w.svc.url}/webhooks/jira`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...headers },
      });
    const signed = (body: string, id: string) => ({
      "x-hub-signature": signBody(body, WEBHOOK_SECRET),
      "x-atlassian-webhook-identifier": id,
    });
    const event = (issueId: string) =>
      JSON.stringify({
        timestamp: 1_700_000_000_000,
        webhookEvent: "jira:issue_updated",
        user: { accountId: "someone", displayName: "Someone" },
        issue: { id: issueId, key: "CI-999", fields: { status: { name: "Done", statusCategory: { key: "done" } } } },
        changelog: { id: "777", items: [{ field: "status", fromString: "To Do", toString: "Done" }] },
      });

    it.each([
      [
        "a wrong signature",
        () => post(event("1"), { ...signed(event("1"), "w-1"), "x-hub-signature": `sha256=${"0".repeat(64)}` }),
        401,
        "WEBHOOK.BAD_SIGNATURE",
      ],
      [
        "no signature",
        () => post(event("1"), { "x-atlassian-webhook-identifier": "w-2" }),
        401,
        "WEBHOOK.BAD_SIGNATURE",
      ],
      [
        "a body signed with another secret",
        () =>
          post(event("1"), {
            "x-hub-signature": signBody(event("1"), "another-secret"),
            "x-atlassian-webhook-identifier": "w-3",
          }),
        401,
        "WEBHOOK.BAD_SIGNATURE",
      ],
      [
        "no delivery identifier",
        () => post(event("1"), { "x-hub-signature": signed(event("1"), "x")["x-hub-signature"] }),
        400,
        "WEBHOOK.MISSING_IDENTIFIER",
      ],
      ["malformed JSON", () => post("{not json", signed("{not json", "w-4")), 400, "REQUEST.MALFORMED_JSON"],
      [
        "JSON that is not a Jira event",
        () => post('{"hello":1}', signed('{"hello":1}', "w-5")),
        400,
        "WEBHOOK.INVALID_PAYLOAD",
      ],
    ])("refuses %s and writes nothing", async (_what, send, status, code) => {
      const before = await counts();
      const res = await send();
      expect({ status: res.status, code: ((await res.json()) as any).error.code }).toEqual({ status, code });
      expect(await counts()).toEqual(before);
    });

    it("accepts an event about an issue no incident links to, and changes nothing else", async () => {
      const [deliveries, entries] = await counts();
      const body = event("424242");
      const res = await post(body, signed(body, "w-unknown"));
      expect(res.status).toBe(202);
      await eventually(
        "the delivery's job to finish",
        async () =>
          (await w.svc.database.prisma.job.findFirst({ where: { key: "jira_delivery:w-unknown" } }))?.state ===
          "succeeded",
      );
      const [deliveriesAfter, entriesAfter] = await counts();
      expect([deliveriesAfter - deliveries, entriesAfter - entries]).toEqual([1, 0]);
    });

    it("treats a signed body replayed under a new delivery id as a no-op, and still takes the next change", async () => {
      const { key, issueId } = await w.incidentWithIssue();
      const change = (changelogId: string, to: string) =>
        JSON.stringify({
          timestamp: 1_700_000_100_000,
          webhookEvent: "jira:issue_updated",
          issue_event_type_name: "issue_generic",
          user: { accountId: "someone", displayName: "Someone" },
          issue: { id: issueId, key: "CI-999", fields: { status: { name: to, statusCategory: { key: "done" } } } },
          changelog: { id: changelogId, items: [{ field: "status", fromString: "To Do", toString: to }] },
        });
      const intake = () =>
        Promise.all([
          w.svc.database.prisma.inboundDelivery.count(),
          w.svc.database.prisma.job.count({ where: { key: { startsWith: "jira_delivery:" } } }),
        ]);
      const captured = change("881", "Done");
      expect((await post(captured, signed(captured, "w-captured"))).status).toBe(202);
      const before = await intake();
      // The identifier header is not covered by the signature: an attacker can send the same signed body under a fresh one.
      const replay = await post(captured, signed(captured, "w-attacker-1"));
      expect({ status: replay.status, body: await replay.json() }).toEqual({
        status: 200,
        body: { status: "duplicate", deliveryId: "w-attacker-1" },
      });
      expect(await intake()).toEqual(before);
      // A retry is known by its identifier alone, whatever the body.
      const retried = change("883", "Done");
      expect((await post(retried, signed(retried, "w-captured"))).status).toBe(200);
      expect(await intake()).toEqual(before);
      // Another change of the same issue in the same millisecond is another event.
      const next = change("882", "Closed");
      expect((await post(next, signed(next, "w-next"))).status).toBe(202);
      await eventually("both changes on the timeline", async () => {
        const ids = (await w.timeline(key)).map((e) => e.sourceId);
        return ids.includes("changelog:881:status") && ids.includes("changelog:882:status");
      });
    });

    it("treats a replayed delivery id as a no-op", async () => {
      const { key, issueId } = await w.incidentWithIssue();
      const body = event(issueId);
      expect((await post(body, signed(body, "w-replay"))).status).toBe(202);
      const again = await post(body, signed(body, "w-replay"));
      expect({ status: again.status, body: await again.json() }).toEqual({
        status: 200,
        body: { status: "duplicate", deliveryId: "w-replay" },
      });
      await eventually("the entry", async () =>
        (await w.timeline(key)).some((e) => e.sourceId === "changelog:777:status"),
      );
      expect(
        (await w.timeline(key)).filter((e) => e.source === "jira" && e.type === "ticket.status_changed"),
      ).toHaveLength(1);
    });
  });
});
