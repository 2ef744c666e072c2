// The headline flow, end to end over real HTTP: a Jira webhook for a new CI issue labelled
// build-failed → a JQL rule opens an incident → the on-call person of the rule's service is paged on
// Slack (emulator, https://api.slack.com/methods/chat.postMessage) and by e-mail (a real SMTP
// listener); nobody acknowledges → level 2 is paged after its delay; acknowledging stops the rest;
// updates do not page twice; leaving the rule's result set resolves the incident.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { TwilioEmulator } from "../../stand-ins/twilio/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";
import { twilioEnv } from "../support/twilio-env.ts";

describe.each(DATABASE_KINDS)("paging on-call from a JQL rule on $name", (kind) => {
  let w: JiraWorld;
  const slack = new SlackEmulator();
  const twilio = new TwilioEmulator();
  const mails: { to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });

  beforeAll(async () => {
    const slackUrl = await slack.start();
    await twilio.start();
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    const port = (smtp.server.address() as { port: number }).port;
    w = await startJiraWorld(kind, {
      env: {
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: `${slackUrl}/api/`,
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        ...twilioEnv(twilio),
      },
    });
  });
  afterAll(async () => {
    await w?.stop();
    await slack.stop();
    await twilio.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const post = async (path: string, json: unknown) => {
    const res = await w.call("POST", path, json);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const pendingFor = async (incidentId: string) =>
    (await w.call("GET", "/api/jobs?state=pending&limit=500")).body.jobs.filter(
      (j: any) => j.payload.incidentId === incidentId && j.task !== "incident.sync" && j.task !== "chat.sync",
    );

  it("pages level 1 on Slack and by e-mail, level 2 after its delay, and stops when acknowledged", async () => {
    const ada = await post("/api/users", { name: "Ada Oncall", email: "ada@example.com" });
    await post(`/api/users/${ada.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    await post(`/api/users/${ada.id}/contact-methods`, { kind: "email", address: "ada@example.com" });
    const bob = await post("/api/users", { name: "Bob Backup", email: "bob@example.com" });
    await post(`/api/users/${bob.id}/contact-methods`, { kind: "slack", address: "U0BOB" });
    const schedule = await post("/api/schedules", {
      name: "CI primary",
      timeZone: "Europe/Berlin",
      layers: [{ users: [ada.id], rotation: { type: "weekly", shiftLength: 1, start: "2026-01-05T09:00" } }],
      overrides: [],
    });
    const policy = await post("/api/escalation-policies", {
      name: "CI builds",
      repeat: 1,
      levels: [
        { delayMinutes: 5, targets: [{ type: "schedule", id: schedule.id }] },
        { delayMinutes: 10, targets: [{ type: "user", id: bob.id }] },
      ],
    });
    const service = await post("/api/services", { name: "ci-pipeline", escalationPolicyId: policy.id });
    await post("/api/escalation-rules", {
      name: "failed builds",
      jql: "project = CI AND labels = build-failed AND priority in (Highest, High)",
      serviceId: service.id,
      severity: "SEV2",
    });

    const issue = await w.jira.createIssueAsUser({
      project: "CI",
      summary: "main is red",
      labels: ["build-failed"],
      priority: "High",
    });
    const incident = await eventually("the incident", async () =>
      (await w.call("GET", "/api/incidents")).body.incidents.find((i: any) => i.title === `${issue.key}: main is red`),
    );
    await eventually("Ada's Slack DM", async () => slack.messages({ user: "U0ALICE" }).length === 1);
    expect(slack.messages({ user: "U0ALICE" })[0]!.text).toContain(incident.key);
    await eventually("Ada's e-mail", async () => mails.length === 1);
    expect(mails[0]).toMatchObject({ to: ["ada@example.com"] });
    expect(mails[0]!.raw).toMatch(new RegExp(`Subject: \\[SEV2\\] ${incident.key}`));
    expect(slack.messages({ user: "U0BOB" })).toEqual([]);

    // Level 2 waits five minutes; run it now, as if they had passed.
    const level2 = (await pendingFor(incident.id)).find(
      (j: any) => j.task === "escalation.level" && j.payload.level === 1,
    );
    expect(new Date(level2.runAt).getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    await w.call("POST", `/api/jobs/${level2.id}/retry`);
    await eventually("Bob's Slack DM", async () => slack.messages({ user: "U0BOB" }).length === 1);
    expect((await pendingFor(incident.id)).map((j: any) => [j.task, j.payload.round, j.payload.level])).toEqual([
      ["escalation.level", 1, 0],
    ]);

    await w.call("POST", `/api/incidents/${incident.key}/acknowledge`);
    expect(await pendingFor(incident.id)).toEqual([]);

    await w.jira.commentAsUser(issue.key, "looking");
    await w.jira.settled();
    await eventually("the comment on the timeline", async () =>
      (await w.timeline(incident.key)).some((e: any) => e.type === "ticket.comment"),
    );
    // Two pages by DM; the incident's channel (summary, announcements) is not a page.
    expect(slack.messages().filter((m) => m.user !== null)).toHaveLength(2);
    expect(mails).toHaveLength(1);
    const pages = (await w.timeline(incident.key)).filter((e: any) => e.type === "page.sent").map((e: any) => e.body);
    expect(pages.sort()).toEqual([
      "Paged Ada Oncall by email (level 1)",
      "Paged Ada Oncall by slack (level 1)",
      "Paged Bob Backup by slack (level 2)",
    ]);

    await w.jira.setPriorityAsUser(issue.key, "Low");
    await eventually(
      "resolved",
      async () => (await w.call("GET", `/api/incidents/${incident.key}`)).body.status === "resolved",
    );
  });

  it("pages by SMS and then by voice call through Twilio", async () => {
    const eve = await post("/api/users", { name: "Eve Pager", email: "eve@example.com" });
    await post(`/api/users/${eve.id}/contact-methods`, { kind: "sms", address: "+14155550100", delayMinutes: 0 });
    await post(`/api/users/${eve.id}/contact-methods`, { kind: "voice", address: "+14155550100", delayMinutes: 0 });
    const policy = await post("/api/escalation-policies", {
      name: "eve",
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: eve.id }] }],
    });
    const service = await post("/api/services", { name: "sms-svc", escalationPolicyId: policy.id });
    const incident = await post("/api/incidents", {
      title: "Payments failing",
      serviceId: service.id,
      severity: "SEV1",
    });
    await eventually("the SMS and the call", async () => twilio.messages().length === 1 && twilio.calls().length === 1);
    expect(twilio.messages()[0]).toMatchObject({
      to: "+14155550100",
      body: expect.stringContaining(`[SEV1] ${incident.key}`),
    });
    expect(twilio.calls()[0]!.twiml).toContain("Payments failing");
  });

  it("moves on to the person's next rule when Twilio later reports the text undelivered, and takes only signed reports", async () => {
    // Twilio accepts the text (201 queued); the handset is off, so its status callback says undelivered, 30003.
    twilio.setFate("+14155550111", { status: "undelivered", errorCode: 30003 });
    const fay = await post("/api/users", { name: "Fay Field", email: "fay@example.com" });
    await post(`/api/users/${fay.id}/contact-methods`, { kind: "sms", address: "+14155550111", delayMinutes: 0 });
    await post(`/api/users/${fay.id}/contact-methods`, { kind: "voice", address: "+14155550112", delayMinutes: 30 });
    const policy = await post("/api/escalation-policies", {
      name: "fay",
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: fay.id }] }],
    });
    const service = await post("/api/services", { name: "field-svc", escalationPolicyId: policy.id });
    const incident = await post("/api/incidents", {
      title: "Card terminals offline",
      serviceId: service.id,
      severity: "SEV1",
    });

    // The call goes out now, not in 30 minutes.
    await eventually("the call to Fay", async () => twilio.calls().some((c) => c.to === "+14155550112"));
    await twilio.settled();
    const text = twilio.messages().find((m) => m.to === "+14155550111")!;
    expect(text.status).toBe("undelivered");
    const reports = twilio.statusCallbacks().filter((c) => c.params.MessageSid === text.sid);
    expect(reports.map((c) => [c.params.MessageStatus, c.outcome])).toEqual([
      ["sent", 204],
      ["undelivered", 204],
    ]);
    expect(reports[0]!.url).toMatch(new RegExp(`^${w.svc.url}/webhooks/twilio/status/[0-9a-f-]{36}$`));
    const entries = await eventually("the call on the timeline", async () => {
      const found = (await w.timeline(incident.key)).filter((e: any) => e.type.startsWith("page."));
      return found.length === 3 ? found : undefined;
    });
    expect(entries.map((e: any) => [e.type, e.body])).toEqual([
      ["page.sent", "Paged Fay Field by sms (level 1)"],
      [
        "page.failed",
        "Could not reach Fay Field by sms: text undelivered (Twilio error 30003: unreachable destination handset (off or out of coverage))",
      ],
      ["page.sent", "Paged Fay Field by voice (level 1)"],
    ]);
    // The answered call is recorded as delivered; the text as failed.
    const pages = await w.svc.database.prisma.page.findMany({
      where: { incidentId: incident.id },
      orderBy: { createdAt: "asc" },
    });
    await eventually("the call reported", async () =>
      (await w.svc.database.prisma.page.findMany({ where: { incidentId: incident.id } })).some(
        (p) => p.state === "delivered",
      ),
    );
    expect(pages[0]).toMatchObject({ state: "failed", error: expect.stringContaining("30003") });

    // A report not signed with the account's auth token changes nothing; nor does a replay of the signed one.
    const last = reports.at(-1)!;
    const forged = await fetch(last.url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl" },
      body: new URLSearchParams({ ...last.params, MessageStatus: "delivered", ErrorCode: "" }).toString(),
    });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK.TWILIO_SIGNATURE_MISMATCH");
    const replayed = await fetch(last.url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": last.signature },
      body: new URLSearchParams(last.params).toString(),
    });
    expect(replayed.status).toBe(204);
    expect((await w.timeline(incident.key)).filter((e: any) => e.type.startsWith("page."))).toHaveLength(3);
    expect(twilio.unexpected()).toEqual([]);
  });

  it("moves straight on to the person's next rule when a channel rejects the page", async () => {
    const dan = await post("/api/users", { name: "Dan Newhire", email: "dan@example.com" });
    await post(`/api/users/${dan.id}/contact-methods`, { kind: "slack", address: "U0NOBODY", delayMinutes: 0 });
    await post(`/api/users/${dan.id}/contact-methods`, { kind: "email", address: "dan@example.com", delayMinutes: 30 });
    const policy = await post("/api/escalation-policies", {
      name: "dan only",
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: dan.id }] }],
    });
    const service = await post("/api/services", { name: "newhire-svc", escalationPolicyId: policy.id });
    const incident = await post("/api/incidents", { title: "Queue backlog", serviceId: service.id });
    await eventually("Dan's e-mail", async () => mails.some((m) => m.to.includes("dan@example.com")));
    const entries = (await w.timeline(incident.key)).filter((e: any) => e.type.startsWith("page."));
    expect(entries.map((e: any) => [e.type, e.body])).toEqual([
      ["page.failed", expect.stringMatching(/^Could not page Dan Newhire by slack: .*user_not_found/)],
      ["page.sent", "Paged Dan Newhire by email (level 1)"],
    ]);
  });
});
