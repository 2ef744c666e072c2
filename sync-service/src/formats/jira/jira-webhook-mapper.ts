// Jira webhook payloads → TicketEvent. Payload shapes:
// https://developer.atlassian.com/cloud/jira/platform/webhooks/#example-callback-for-an-issue-related-event
// (fixtures with provenance in test/fixtures/jira/).
import { z } from "zod";
import type { TicketEvent } from "../../domain/linked-issue.ts";
import { plainText } from "../adf/issue-adf.ts";
import { categoryOfKey } from "./jira-issue-mapper.ts";

const user = z.looseObject({ accountId: z.string().optional(), displayName: z.string().optional() });

export const jiraWebhookPayload = z.looseObject({
  webhookEvent: z.string().min(1),
  timestamp: z.number().optional(),
  user: user.optional(),
  issue: z.looseObject({
    id: z.union([z.string(), z.number()]).transform(String),
    key: z.string().min(1),
    fields: z.looseObject({}).optional(),
  }),
  changelog: z
    .looseObject({
      id: z.union([z.string(), z.number()]).transform(String).optional(),
      items: z
        .array(z.looseObject({ field: z.string(), fromString: z.string().nullish(), toString: z.string().nullish() }))
        .default([]),
    })
    .optional(),
  comment: z
    .looseObject({
      id: z.union([z.string(), z.number()]).transform(String),
      author: user.optional(),
      body: z.unknown().optional(),
    })
    .optional(),
});

export type JiraWebhookPayload = z.infer<typeof jiraWebhookPayload>;

const TRACKED = new Set(["status", "priority", "assignee"]);

/** @returns null for events Firewatch does not act on (e.g. issue_created, which JQL rules will use) */
export function toTicketEvent(payload: JiraWebhookPayload, deliveryId: string): TicketEvent | null {
  const kind =
    payload.webhookEvent === "jira:issue_updated"
      ? "updated"
      : payload.webhookEvent === "comment_created"
        ? "commented"
        : payload.webhookEvent === "jira:issue_deleted"
          ? "deleted"
          : null;
  if (!kind) return null;
  const fields = (payload.issue.fields ?? {}) as Record<string, any>;
  const actor = kind === "commented" ? (payload.comment?.author ?? payload.user) : payload.user;
  const changes = (payload.changelog?.items ?? [])
    .filter((item) => TRACKED.has(item.field))
    .map((item) => ({
      field: item.field as "status" | "priority" | "assignee",
      from: item.fromString ?? null,
      to: item.toString ?? null,
    }));
  if (kind === "updated" && changes.length === 0) return null;
  return {
    kind,
    changeId: payload.changelog?.id ? `changelog:${payload.changelog.id}` : `delivery:${deliveryId}`,
    issueId: payload.issue.id,
    issueKey: payload.issue.key,
    actorAccountId: actor?.accountId ?? null,
    actorName: actor?.displayName ?? "someone in Jira",
    at: new Date(payload.timestamp ?? Date.now()),
    statusName: fields.status?.name ?? null,
    statusCategory: fields.status ? categoryOfKey(fields.status.statusCategory?.key) : null,
    changes,
    comment:
      kind === "commented" && payload.comment
        ? { id: payload.comment.id, text: plainText(payload.comment.body) }
        : null,
  };
}
