// Jira webhook payloads (test/fixtures/jira/, shapes from
// https://developer.atlassian.com/cloud/jira/platform/webhooks/) → TicketEvent.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { jiraWebhookPayload, toTicketEvent } from "./jira-webhook-mapper.ts";

const fixture = (name: string) =>
  jiraWebhookPayload.parse(
    JSON.parse(fs.readFileSync(new URL(`../../../../test/fixtures/jira/${name}.json`, import.meta.url), "utf8")),
  );

describe("Jira webhook payloads", () => {
  it("reads a status change with the issue's new status category", () => {
    const event = toTicketEvent(fixture("issue_updated-status"), "d-1")!;
    expect(event).toMatchObject({
      kind: "updated",
      changeId: "changelog:10102",
      issueKey: "CI-1",
      statusName: "Done",
      statusCategory: "done",
      changes: [{ field: "status", from: "In Progress", to: "Done" }],
      comment: null,
    });
    expect(event.actorAccountId).toMatch(/^712020:/);
  });

  it("reads a priority change", () => {
    expect(toTicketEvent(fixture("issue_updated-priority"), "d-2")).toMatchObject({
      kind: "updated",
      changes: [{ field: "priority", from: "High", to: "Highest" }],
    });
  });

  it("reads a comment as plain text, its author as the actor", () => {
    const event = toTicketEvent(fixture("comment_created"), "d-3")!;
    expect(event.kind).toBe("commented");
    expect(event.comment?.id).toBe("10000");
    expect(event.comment?.text.length).toBeGreaterThan(0);
    expect(event.actorName).not.toBe("someone in Jira");
  });

  it("ignores issue_created (JQL rules use it) and updates of untracked fields", () => {
    expect(toTicketEvent(fixture("issue_created"), "d-4")).toBeNull();
    const payload = fixture("issue_updated-status");
    const onlyResolution = {
      ...payload,
      changelog: { id: "1", items: payload.changelog!.items.filter((i) => i.field !== "status") },
    };
    expect(toTicketEvent(onlyResolution, "d-5")).toBeNull();
  });

  it("rejects a body that is not an issue event", () => {
    expect(jiraWebhookPayload.safeParse({ webhookEvent: "jira:issue_updated" }).success).toBe(false);
  });
});
