// The sandbox's seeded story against the real service and the stand-ins, each on a loopback port of its own (the
// demo mounts them on the service's port; the wiring is the same: sandbox/stand-ins.ts). Checks, through the API,
// what issue 18 asks of the demo: the incident's timeline holds entries from Jira, Slack, Statuspage and the pages,
// its postmortem has a Confluence page, its action items have Jira keys with one done, and the reports show weeks
// of history with MTTA and MTTR; and what issue 19 adds: the response play's subscribers and bridge, and status
// updates that reached the stakeholders by e-mail and Slack DM and are listed in the postmortem; and issue 20's: a
// drill in the drill report (not the incident report) and the service's next one, a phone call Ben took, and the
// on-call health of the replayed weeks.
import { beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../test/support/databases.ts";
import { mailPart } from "../stand-ins/smtp/index.ts";
import type { StandIns } from "./stand-ins.ts";
import { CAST } from "./story-cast.ts";
import { RELEASES_EMAIL, STAKEHOLDER_TEAM, WAR_ROOM } from "./story-crisis.ts";
import { DRILL_CADENCE } from "./story-practice.ts";
import { CALL_GREETING } from "./story-setup.ts";
import { useSeededStory } from "./story-test-world.ts";
import type { StoryResult } from "./story.ts";

describe.each(DATABASE_KINDS)("the sandbox's seeded story on $name", (kind) => {
  const world = useSeededStory(kind);
  const { get } = world;
  let story: StoryResult;
  let standIns: StandIns;
  beforeAll(() => {
    ({ story, standIns } = world);
  });

  it("opens the incident from the labelled Jira issue, and its timeline holds Jira, Slack, Statuspage and the pages", async () => {
    const incident = await get(`/api/incidents/${story.incident.key}`);
    expect(incident).toMatchObject({ status: "resolved", severity: "SEV2", serviceId: story.service.id });
    expect(incident.title).toBe(`${story.jira.originIssueKey}: Build #4812 failed on main: integration tests`);
    expect(standIns.jira.issue(story.jira.originIssueKey)!.labels).toContain("build-failed");

    const entries = (await get(`/api/incidents/${story.incident.key}/timeline?limit=500`)).entries as any[];
    const types = new Set(entries.map((e) => e.type));
    for (const type of ["ticket.linked", "ticket.comment", "page.sent", "chat.message", "status.posted"])
      expect(types, type).toContain(type);
    expect(entries.filter((e) => e.source === "jira").map((e) => e.type)).toContain("ticket.comment");
    expect(entries.filter((e) => e.type === "chat.message").every((e) => e.source === "slack")).toBe(true);
    expect(entries.filter((e) => e.type === "chat.message")).toHaveLength(5);
    expect(entries.filter((e) => e.type === "status.posted").map((e) => e.data.status)).toEqual([
      "investigating",
      "identified",
      "monitoring",
      "resolved",
    ]);
    expect(entries.find((e) => e.type === "incident.acknowledged").body).toBe(
      `Ana Lima acknowledged ${story.incident.key} from Slack and is now its owner`,
    );
    const pagedNames = entries.filter((e) => e.type === "page.sent").map((e) => e.body);
    expect(pagedNames.some((b: string) => b.includes("Ana Lima"))).toBe(true);
    expect(pagedNames.some((b: string) => b.includes("Ben Okafor"))).toBe(true);
  });

  it("paged Ana where she is: a Slack DM with buttons and a text", () => {
    const dm = standIns.slack.channelMessages(story.slack.pageDmChannelId);
    const page = dm.find((m) => m.text?.includes(story.incident.key))!;
    expect(page.text).toContain("Acknowledged by Ana Lima");
    expect(standIns.twilio.messagesTo(story.people.ana.phone).some((t) => t.includes(story.incident.key))).toBe(true);
    expect(standIns.slack.members(story.slack.channelId)).toEqual(
      expect.arrayContaining([story.people.ana.slackId, story.people.ben.slackId]),
    );
    const [posted] = standIns.statuspage.incidents() as any[];
    expect(posted).toMatchObject({ id: story.statuspage.incidentId, status: "resolved" });
  });

  it("published the postmortem to Confluence and filed the action items in Jira, one read back as done", async () => {
    const postmortem = await get(`/api/incidents/${story.incident.key}/postmortem`);
    expect(postmortem.pageId).toBe(story.confluence.pageId);
    expect(standIns.confluence.page(story.confluence.pageId)!.title).toContain(story.incident.key);

    const items = (await get(`/api/incidents/${story.incident.key}/action-items`)).actionItems as any[];
    expect(items.map((i) => i.issueKey).sort()).toEqual([...story.jira.actionItemKeys].sort());
    expect(items.filter((i) => i.done).map((i) => i.issueKey)).toEqual([story.jira.doneActionItemKey]);
    for (const item of items) expect(standIns.jira.issue(item.issueKey)!.labels).toContain(story.incident.key);
    const done = await get("/api/action-items?status=done");
    expect(done.actionItems.map((i: any) => i.issueKey)).toEqual([story.jira.doneActionItemKey]);
  });

  it("kept the stakeholders told: the play Ana ran in Slack subscribed them and opened the bridge; two updates reached them", async () => {
    const { key } = story.incident;
    expect((await get(`/api/incidents/${key}`)).conferenceBridge).toEqual(WAR_ROOM);
    const { subscribers } = await get(`/api/incidents/${key}/subscribers`);
    expect(subscribers.map((s: any) => [s.kind, s.name, s.origin]).sort()).toEqual([
      ["email", RELEASES_EMAIL, "play"],
      ["team", STAKEHOLDER_TEAM, "play"],
    ]);
    // Newest first: Ana's from Slack, then the play's. Each told Chen and Dana by e-mail and Slack DM, releases@ by e-mail.
    const { statusUpdates } = await get(`/api/incidents/${key}/status-updates`);
    expect(statusUpdates.map((u: any) => [u.author, u.deliveries])).toEqual([
      ["Ana Lima", { total: 5, sent: 5, failed: 0, pending: 0 }],
      ["Ana Lima", { total: 5, sent: 5, failed: 0, pending: 0 }],
    ]);
    const entries = (await get(`/api/incidents/${key}/timeline?limit=500`)).entries as any[];
    expect(entries.find((e) => e.type === "play.ran").body).toContain('Ana Lima ran the response play "Build outage"');
    const updates = entries.filter((e) => e.type === "status_update.posted");
    expect(updates.map((e) => e.data.via)).toEqual(["play", "chat"]);

    const updateMails = (address: string) =>
      standIns.mail.mailsTo(address).filter((m) => m.raw.includes(`${key} status update`));
    const mails = updateMails(RELEASES_EMAIL);
    expect(mails).toHaveLength(2);
    const fromSlack = mails.map((m) => mailPart(m.raw, "text/plain")).find((t) => t?.includes(updates[1].body));
    expect(fromSlack).toContain(`${WAR_ROOM.url} (dial-in ${WAR_ROOM.dialIn})`);
    for (const who of ["chen", "dana"] as const) {
      expect(updateMails(CAST[who].email), who).toHaveLength(2);
      const dms = standIns.slack.messages({ user: CAST[who].slackId });
      expect(
        dms.filter((m) => m.text?.includes(`Status update on ${key}`)),
        who,
      ).toHaveLength(2);
    }
    // Told, never paged: nothing reached Dana's phone; and responders who are not subscribed are not told.
    expect(standIns.twilio.messagesTo(CAST.dana.phone)).toEqual([]);
    expect(updateMails(CAST.ana.email)).toEqual([]);

    const channel = standIns.slack.channelMessages(story.slack.channelId);
    expect(channel.some((m) => m.text?.includes("CI war room is open on the bridge"))).toBe(true);
    expect(JSON.stringify(channel.find((m) => m.pinned)?.blocks ?? [])).toContain(WAR_ROOM.url);
    const page = JSON.stringify(standIns.confluence.page(story.confluence.pageId));
    expect(page).toContain("Status updates");
    expect(page).toContain("merges should unblock within the hour");
  });

  it("shows weeks of history in the reports, with MTTA and MTTR", async () => {
    const { from, to } = story.history;
    const report = await get(`/api/reports/incidents?from=${from}&to=${to}`);
    expect(report.incidents).toBe(story.history.incidentKeys.length + 1);
    expect(story.history.incidentKeys.length).toBeGreaterThanOrEqual(6);
    expect(report.mtta.acknowledged).toBe(report.incidents);
    expect(report.mttr.resolved).toBe(report.incidents);
    expect(report.mtta.medianSeconds).toBeGreaterThan(60);
    expect(report.mttr.medianSeconds).toBeGreaterThan(report.mtta.medianSeconds);
    expect(report.weeks.filter((w: any) => w.incidents > 0).length).toBeGreaterThanOrEqual(5);
    expect(report.actionItems).toMatchObject({ done: 1, open: 2 });

    const past = await get(`/api/incidents/${story.history.incidentKeys[0]}`);
    expect(Date.parse(past.createdAt)).toBeLessThan(Date.parse(from) + 7 * 86_400_000);
    // Acknowledged four minutes after it opened, on the service's clock (which runs on at real speed between jumps).
    const minutesToAck = (Date.parse(past.acknowledgedAt) - Date.parse(past.createdAt)) / 60_000;
    expect(minutesToAck).toBeCloseTo(4, 0);
  });

  it("ran a practice drill a couple of weeks ago: in the drill report, left out of the incident report", async () => {
    const { from, to, drillKey } = story.history;
    const drill = await get(`/api/incidents/${drillKey}`);
    expect(drill).toMatchObject({ drill: true, status: "resolved", title: DRILL_CADENCE.title });
    const { drills, totals } = await get(`/api/reports/drills?from=${from}&to=${to}`);
    expect(totals).toMatchObject({ drills: 1, acknowledged: 1 });
    expect(drills[0]).toMatchObject({ incidentId: drill.id, service: { name: "CI pipeline" } });
    expect(drills[0].acknowledgedBy.name).toBe(CAST.ana.name);
    expect(drills[0].paged.map((p: any) => p.name)).toEqual([CAST.ana.name]);
    expect(drills[0].secondsToAcknowledge / 60).toBeCloseTo(6, 0);
    // Friday 10:00 in London, 10 to 16 days before today.
    const opened = new Date(drills[0].openedAt);
    const inLondon = (part: Intl.DateTimeFormatOptions) =>
      opened.toLocaleString("en-GB", { timeZone: "Europe/London", ...part });
    expect([inLondon({ weekday: "short" }), inLondon({ hour: "2-digit", minute: "2-digit" })]).toEqual([
      "Fri",
      "10:00",
    ]);
    expect((Date.now() - opened.getTime()) / 86_400_000).toBeGreaterThan(10);
    const { incidents } = await get(`/api/incidents?drill=false&limit=100`);
    expect(incidents.map((i: any) => i.key)).not.toContain(drillKey);

    const service = await get(`/api/services/${story.service.id}`);
    expect(service.drillSchedule).toMatchObject({ weekday: "fri", time: "10:00", everyWeeks: 2 });
    expect(Date.parse(service.nextDrillAt)).toBeGreaterThan(Date.now());
    // The same cadence as the past drill: a whole number of fortnights later (in days: a DST change moves the hour).
    expect(Math.round((Date.parse(service.nextDrillAt) - opened.getTime()) / 86_400_000) % 14).toBe(0);
  });

  it("took a phone call to the service's number: Ben took it, which acknowledged the incident it opened", async () => {
    const { key, from, to } = story.history.phoneCall;
    const incident = await get(`/api/incidents/${key}`);
    expect(incident).toMatchObject({
      title: `Phone call from ${from}`,
      status: "resolved",
      serviceId: story.service.id,
    });
    const entries = (await get(`/api/incidents/${key}/timeline?limit=500`)).entries as any[];
    const bodies = entries.filter((e) => /^(call|incident)\./.test(e.type)).map((e) => e.body);
    expect(bodies).toEqual(
      expect.arrayContaining([
        `Call from ${from}: ${key} triggered`,
        `Ringing ${CAST.ben.name} (level 1)`,
        `${CAST.ben.name} took the call`,
        `${CAST.ben.name} acknowledged ${key} by phone and is now its owner`,
      ]),
    );
    expect(story.history.incidentKeys).toContain(key);
    const service = await get(`/api/services/${story.service.id}`);
    expect(service.callRouting).toMatchObject({ number: to, greeting: CALL_GREETING });
  });

  it("shows the on-call health of the replayed weeks: pages and hours for Ana and Ben, Chen paged once", async () => {
    const { from, to } = story.history;
    const { people } = await get(`/api/reports/oncall?from=${from}&to=${to}`);
    const byName = new Map(people.map((p: any) => [p.name, p]));
    for (const who of ["ana", "ben"] as const) {
      const person = byName.get(CAST[who].name) as any;
      expect(person.timeZone, who).toBe(CAST[who].timeZone);
      expect(person.pages, who).toBeGreaterThanOrEqual(3);
      expect(person.hoursOnCall, who).toBeGreaterThan(3 * 7 * 24 - 1);
      expect(person.acknowledged, who).toBeGreaterThanOrEqual(3);
    }
    expect((byName.get(CAST.chen.name) as any).pages).toBeGreaterThanOrEqual(1);
  });
});
