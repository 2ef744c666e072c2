import { randomUUID } from "node:crypto";
import type { IncidentChange } from "../../domain/incident-change.ts";
import type { NewTimelineEntry } from "../../domain/timeline-entries.ts";
import type { TimelineEntry } from "../../domain/timeline.ts";
import type { Jobs } from "../../ports/jobs.ts";
import type { PostmortemRepository } from "../../ports/postmortem-repository.ts";
import type { TimelineRepository } from "../../ports/repositories.ts";
import { chatFollowUp } from "../chat/on-incident-change.ts";
import { crisisFollowUp } from "../crisis/on-incident-change.ts";
import { pagingFollowUp } from "../paging/on-incident-change.ts";
import { postmortemFollowUp } from "../postmortem/on-incident-change.ts";
import { statusPageFollowUp } from "../status-page/on-incident-change.ts";
import { ticketsFollowUp } from "../tickets/on-incident-change.ts";

/** The slice of a transaction the fan-out writes to: both the full transaction and alert intake's have it. */
export interface FanOutTransaction {
  readonly jobs: Jobs;
  readonly timeline: Pick<TimelineRepository, "append">;
  readonly postmortems: Pick<PostmortemRepository, "refreshable">;
}

type FollowUp = (tx: FanOutTransaction, change: IncidentChange) => Promise<void>;

/** Every area that acts on incident changes, in the order their jobs are queued. */
const FOLLOW_UPS: readonly FollowUp[] = [
  pagingFollowUp,
  ticketsFollowUp,
  statusPageFollowUp,
  chatFollowUp,
  postmortemFollowUp,
  crisisFollowUp,
];

/**
 * The one place an incident change goes through: records its timeline entries and queues every follow-up
 * (escalation, linked issues, status page, chat, postmortem) in the caller's transaction, so all of it commits or none does.
 * A use case states what changed; it never lists the consequences.
 */
export async function recordIncidentChange(
  tx: FanOutTransaction,
  change: IncidentChange,
  ...entries: readonly NewTimelineEntry[]
): Promise<TimelineEntry[]> {
  const stored = entries.map((entry) => ({ ...entry, id: entry.id ?? randomUUID() }));
  for (const entry of stored) await tx.timeline.append(entry);
  for (const followUp of FOLLOW_UPS) await followUp(tx, change);
  return stored;
}
