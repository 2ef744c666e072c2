// Where the time from alert to page goes, read from the service's own records of each incident: its creation (the
// intake transaction), the escalation.level timeline entry (the escalation.start job and then the level's job have
// run) and the stand-ins' receipt of each page (the page.send job claimed, prepared, and its vendor call made).
import type { Delivered } from "./first-page-deliveries.ts";
import { percentile } from "./measure.ts";
import type { PagingRig } from "./paging-rig.ts";

/** p50 and p95 ms of one stage, over the alerts paged once on both channels. */
export interface Stage {
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface BreakdownRow {
  readonly condition: string;
  readonly alerts: number;
  /** Trigger sent → incident created (the intake transaction committed). */
  readonly intake: Stage;
  /** Incident created → the policy's first level run (two jobs: escalation.start, then escalation.level). */
  readonly escalation: Stage;
  /** First level run → the page at the stand-in (a page.send job per channel, its vendor call). */
  readonly slackPage: Stage;
  readonly smsPage: Stage;
}

const stage = (values: number[]): Stage => {
  const sorted = values.sort((a, b) => a - b);
  return { p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
};

export async function breakdownOf(
  api: PagingRig["api"],
  condition: string,
  timed: readonly { sentAt: number }[],
  got: readonly Delivered[],
): Promise<BreakdownRow> {
  const spans: { intake: number; escalation: number; slackPage: number; smsPage: number }[] = [];
  for (const [i, d] of got.entries()) {
    if (d.slack.length !== 1 || d.sms.length !== 1 || !d.incidentKey) continue;
    const incident = await api("GET", `/api/incidents/${d.incidentKey}`);
    const { entries } = await api("GET", `/api/incidents/${d.incidentKey}/timeline?type=escalation.level`);
    const level = (entries as { occurredAt: string }[])[0];
    if (!level) continue;
    const created = Date.parse(incident.createdAt as string);
    const levelAt = Date.parse(level.occurredAt);
    spans.push({
      intake: created - timed[i]!.sentAt,
      escalation: levelAt - created,
      slackPage: d.slack[0]! - levelAt,
      smsPage: d.sms[0]! - levelAt,
    });
  }
  return {
    condition,
    alerts: spans.length,
    intake: stage(spans.map((s) => s.intake)),
    escalation: stage(spans.map((s) => s.escalation)),
    slackPage: stage(spans.map((s) => s.slackPage)),
    smsPage: stage(spans.map((s) => s.smsPage)),
  };
}
