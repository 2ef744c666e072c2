// A service restart in the middle of an escalation neither loses nor repeats a page: the service is
// SIGKILLed with one page delivered but not recorded and another on the wire to Slack (before Slack
// took it), and again while level 2 waits; after each restart the delivered page is found in the DM's
// history, and the pending timer and the unsent page go out exactly once.
import { afterAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually } from "../support/running-service.ts";
import { e2eEnvironment, E2E_TOKEN, jsonApi, spawnService, type ServiceProcess } from "../support/service-process.ts";

const TOKEN = E2E_TOKEN;

describe.each(DATABASE_KINDS)("escalation across restarts on $name", (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("pages each person exactly once although the service dies twice", async () => {
    const slack = new SlackEmulator();
    const slackUrl = await slack.start();
    cleanups.push(() => slack.stop());
    const env = await e2eEnvironment(kind, cleanups, {
      FIREWATCH_JOB_LEASE_MS: "2000",
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: `${slackUrl}/api/`,
    });
    let svc: ServiceProcess = await spawnService(env);
    cleanups.push(() => svc.kill("SIGKILL"));
    const api = (method: string, p: string, json?: unknown) => jsonApi(svc.url, TOKEN)(method, p, json);

    const ada = await api("POST", "/api/users", { name: "Ada", email: "ada@example.com" });
    await api("POST", `/api/users/${ada.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    const carol = await api("POST", "/api/users", { name: "Carol", email: "carol@example.com" });
    await api("POST", `/api/users/${carol.id}/contact-methods`, { kind: "slack", address: "U0CAROL" });
    const bob = await api("POST", "/api/users", { name: "Bob", email: "bob@example.com" });
    await api("POST", `/api/users/${bob.id}/contact-methods`, { kind: "slack", address: "U0BOB" });
    const policy = await api("POST", "/api/escalation-policies", {
      name: "two levels",
      levels: [
        {
          delayMinutes: 1,
          targets: [
            { type: "user", id: ada.id },
            { type: "user", id: carol.id },
          ],
        },
        { delayMinutes: 1, targets: [{ type: "user", id: bob.id }] },
      ],
    });
    const service = await api("POST", "/api/services", { name: "api", escalationPolicyId: policy.id });

    // Crash 1: the service dies with both level-1 pages in flight: Slack took Ada's (its answer never came
    // back, so the service could not record it) and Carol's never reached Slack.
    let killed: Promise<number | null> | null = null;
    const inFlight = new Set<string>();
    const crashWhenBothInFlight = (who: string) => {
      inFlight.add(who);
      if (inFlight.size === 2) killed = svc.kill("SIGKILL");
      return true;
    };
    slack.faults.next({
      answerLost: true,
      match: (req) =>
        req.method === "chat.postMessage" &&
        req.args.channel === slack.dmChannel("U0ALICE") &&
        crashWhenBothInFlight("ada"),
    });
    slack.faults.next({
      hang: true,
      match: (req) =>
        req.method === "conversations.open" && req.args.users === "U0CAROL" && crashWhenBothInFlight("carol"),
    });
    const sent = await fetch(`${svc.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        routing_key: service.integrationKey,
        event_action: "trigger",
        dedup_key: "db",
        payload: { summary: "DB down", source: "db-1", severity: "critical" },
      }),
    });
    expect(sent.status).toBe(202);
    await eventually("the crash", async () => killed !== null);
    await killed;

    svc = await spawnService(env);
    await eventually("Ada's and Carol's pages recorded", async () => {
      const incident = (await api("GET", "/api/incidents")).incidents[0];
      const timeline = await api("GET", `/api/incidents/${incident.key}/timeline?type=page.sent`);
      return timeline.entries.length === 2;
    });
    expect(slack.messages({ user: "U0ALICE" })).toHaveLength(1);
    expect(slack.messages({ user: "U0CAROL" })).toHaveLength(1);

    // Crash 2: while level 2 waits for its delay.
    const incident = (await api("GET", "/api/incidents")).incidents[0];
    const pending = async () =>
      (await api("GET", "/api/jobs?state=pending&limit=500")).jobs.filter(
        (j: any) => j.task === "escalation.level" && j.payload.incidentId === incident.id,
      );
    expect((await pending()).map((j: any) => j.payload.level)).toEqual([1]);
    await svc.kill("SIGKILL");
    svc = await spawnService(env);
    const [level2] = await pending();
    expect(level2).toBeDefined();
    await api("POST", `/api/jobs/${level2.id}/retry`);
    await eventually("Bob paged", async () => slack.messages({ user: "U0BOB" }).length === 1);

    await api("POST", `/api/incidents/${incident.key}/acknowledge`);
    // Pages are DMs (the incident's channel gets its summary too, which is not a page).
    expect(
      slack
        .messages()
        .filter((m) => m.user !== null)
        .map((m) => m.user)
        .sort(),
    ).toEqual(["U0ALICE", "U0BOB", "U0CAROL"]);
    const pages = (await api("GET", `/api/incidents/${incident.key}/timeline`)).entries.filter(
      (e: any) => e.type === "page.sent",
    );
    expect(pages).toHaveLength(3);
    expect(await svc.kill("SIGTERM")).toBe(0);
  });
});
