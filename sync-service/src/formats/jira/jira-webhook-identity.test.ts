// The identity of a Jira webhook body (test/fixtures/jira/), which recognises a signed body resent under
// a fresh X-Atlassian-Webhook-Identifier.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { jiraEventKey } from "./jira-webhook-identity.ts";

const fixture = (name: string): Record<string, any> =>
  JSON.parse(fs.readFileSync(new URL(`../../../../test/fixtures/jira/${name}.json`, import.meta.url), "utf8"));
const keyOf = (body: Record<string, unknown>) => jiraEventKey(body, Buffer.from(JSON.stringify(body)));

describe("jiraEventKey", () => {
  it("is the same for the same event, however the body is laid out", () => {
    const body = fixture("issue_updated-status");
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(keyOf(reordered)).toBe(keyOf(body));
    expect(keyOf(body)).toMatch(/^event:[0-9a-f]{64}$/);
    // What the issue looks like is not the event's identity: a redelivery may carry a fresher rendering.
    expect(keyOf({ ...body, issue: { ...body.issue, fields: {} } })).toBe(keyOf(body));
  });

  it("tells apart events that differ by kind, time, issue, change or comment", () => {
    const updated = fixture("issue_updated-status");
    const comment = fixture("comment_created");
    const variants = [
      updated,
      { ...updated, timestamp: updated.timestamp + 1 },
      { ...updated, issue_event_type_name: "issue_updated" },
      { ...updated, issue: { ...updated.issue, id: "10001" } },
      { ...updated, changelog: { ...updated.changelog, id: "10103" } },
      comment,
      // The same comment also raises jira:issue_updated (issue_commented) at the same moment.
      { ...comment, webhookEvent: "jira:issue_updated", issue_event_type_name: "issue_commented" },
      { ...comment, comment: { ...comment.comment, id: "10001" } },
      fixture("issue_created"),
      fixture("issue_updated-priority"),
    ];
    expect(new Set(variants.map(keyOf)).size).toBe(variants.length);
  });

  it("falls back to the body's bytes when it has no timestamp to tell one event from the next", () => {
    const { timestamp: _, ...untimed } = fixture("issue_created");
    const raw = Buffer.from(JSON.stringify(untimed));
    expect(jiraEventKey(untimed, raw)).toMatch(/^body:[0-9a-f]{64}$/);
    expect(
      jiraEventKey(untimed, Buffer.from(JSON.stringify({ ...untimed, webhookEvent: "jira:issue_deleted" }))),
    ).not.toBe(jiraEventKey(untimed, raw));
  });
});
