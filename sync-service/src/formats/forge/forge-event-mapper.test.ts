// Forge product events (https://developer.atlassian.com/platform/forge/events-reference/jira/) map straight to the
// TicketEvent the Jira admin webhook telling the same change maps to. The Forge events are built from the Jira
// webhook fixtures (test/fixtures/jira/) as Forge shapes them: users as bare account ids, no timestamp.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { toTicketEvent as fromWebhook, jiraWebhookPayload } from "../jira/jira-webhook-mapper.ts";
import { actorOf, forgeIssueEvent, fromForgeEvent } from "./forge-event-mapper.ts";

const fixture = (name: string) =>
  jiraWebhookPayload.parse(
    JSON.parse(fs.readFileSync(new URL(`../../../../test/fixtures/jira/${name}.json`, import.meta.url), "utf8")),
  );
const at = new Date("2026-03-01T10:00:00Z");

describe("Forge product events", () => {
  it("map a status change to the webhook's ticket event, with the name read back from Jira", () => {
    const webhook = fixture("issue_updated-status");
    const event = forgeIssueEvent.parse({
      eventType: "avi:jira:updated:issue",
      issue: webhook.issue,
      atlassianId: webhook.user!.accountId,
      changelog: webhook.changelog,
    });
    const actor = { accountId: actorOf(event), displayName: webhook.user!.displayName ?? null };
    const delivery = fromForgeEvent(event, webhook.issue, actor, at, "d-1")!;
    expect(delivery.change).toBe("updated");
    expect(delivery.issue.key).toBe(webhook.issue.key);
    expect(delivery.event).toEqual({ ...fromWebhook(webhook, "d-1"), at });
  });

  it("map a comment to the webhook's ticket event, its author as the actor", () => {
    const webhook = fixture("comment_created");
    const author = webhook.comment!.author!;
    const event = forgeIssueEvent.parse({
      eventType: "avi:jira:commented:issue",
      issue: webhook.issue,
      atlassianId: "someone-else",
      comment: { ...webhook.comment, author: { accountId: author.accountId } },
    });
    expect(actorOf(event)).toBe(author.accountId);
    const actor = { accountId: author.accountId!, displayName: author.displayName ?? null };
    const delivery = fromForgeEvent(event, webhook.issue, actor, at, "d-2")!;
    expect(delivery.change).toBe("commented");
    expect(delivery.event).toEqual({ ...fromWebhook(webhook, "d-2"), at });
  });

  it("leave a created issue to the rules, and keep what a deleted issue's event carried", () => {
    const { issue } = fixture("issue_created");
    const created = forgeIssueEvent.parse({ eventType: "avi:jira:created:issue", issue });
    const none = { accountId: null, displayName: null };
    expect(fromForgeEvent(created, issue, none, at, "d-3")).toMatchObject({ change: "created", event: null });
    const deleted = forgeIssueEvent.parse({ eventType: "avi:jira:deleted:issue", issue });
    expect(fromForgeEvent(deleted, undefined, none, at, "d-4")).toMatchObject({
      change: "deleted",
      issue: { id: issue.id, key: issue.key },
      event: { kind: "deleted", changeId: "delivery:d-4", actorName: "someone in Jira", at },
    });
  });

  it("refuse what Jira answered when it is not an issue", () => {
    const { issue } = fixture("issue_created");
    const event = forgeIssueEvent.parse({ eventType: "avi:jira:updated:issue", issue });
    expect(fromForgeEvent(event, { errorMessages: ["gone"] }, { accountId: null, displayName: null }, at, "d")).toBe(
      null,
    );
  });
});
