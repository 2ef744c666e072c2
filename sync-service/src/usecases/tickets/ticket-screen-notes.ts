import { randomUUID } from "node:crypto";
import type { LinkedIssue } from "../../domain/linked-issue.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";

const FIELD_NAMES: Readonly<Record<string, string>> = { priority: "Priority", duedate: "Due date" };

/**
 * Says once per linked issue and field that the issue's project has no screen for a field Firewatch writes, so the
 * field is left out (Jira refuses a field off the screen). Later syncs find the entry and say nothing more.
 */
export async function noteOmittedFields(
  tx: Pick<Transaction, "timeline">,
  now: Date,
  link: Pick<LinkedIssue, "id" | "incidentId">,
  issueKey: string,
  fields: readonly string[],
): Promise<void> {
  for (const field of fields) {
    const sourceId = `screen:${link.id}:${field}`;
    if (await tx.timeline.findBySource(link.incidentId, "firewatch", sourceId)) continue;
    const name = FIELD_NAMES[field] ?? field;
    await tx.timeline.append({ id: randomUUID(), ...timelineRecords.fieldOmitted(link, issueKey, field, name, now) });
  }
}
