// What a Jira webhook delivery is about, read from the signed body. Jira signs the body only
// (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks), not the
// X-Atlassian-Webhook-Identifier header, so a captured body can be resent under a fresh identifier; the
// body's own identity is what recognises it. A body names its event by `webhookEvent`,
// `issue_event_type_name`, `timestamp` (when the event happened, kept across Jira's retries) and the ids of
// the things it is about: `issue`, `changelog`, `comment`, `worklog`, `sprint`… — every top-level object
// with an `id`. Two changes of one issue in one millisecond still differ by their changelog or comment id.
//
// prisma/migrations/20261206215105_jira_event_key computes the same key in SQL for deliveries recorded
// before it: change both together.
import { createHash } from "node:crypto";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `issue=10000,changelog=10100`-style list of the body's top-level objects with a string or number id, by key (code-point order). */
function idsOf(body: Record<string, unknown>): string {
  return Object.keys(body)
    .filter((key) => isObject(body[key]) && ["string", "number"].includes(typeof (body[key] as { id?: unknown }).id))
    .sort()
    .map((key) => `${key}=${String((body[key] as { id: string | number }).id)}`)
    .join(",");
}

/**
 * The key a Jira webhook body is recorded under besides its delivery identifier: `event:<sha256>` of its
 * identity, or `body:<sha256>` of the raw bytes when the body has no `timestamp` to tell one event from
 * the next (a replay repeats those bytes exactly; nothing else can sign them).
 */
export function jiraEventKey(body: Record<string, unknown>, raw: Buffer): string {
  const { webhookEvent, issue_event_type_name: eventType, timestamp } = body;
  if (typeof webhookEvent !== "string" || typeof timestamp !== "number") return `body:${sha256(raw)}`;
  const identity = [webhookEvent, typeof eventType === "string" ? eventType : "", String(timestamp), idsOf(body)].join(
    "\n",
  );
  return `event:${sha256(identity)}`;
}
