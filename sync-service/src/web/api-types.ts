// The API's request and response shapes, for clients written in TypeScript (the web console). Types only: a
// client imports them with `import type`, which its bundler erases, so no service code reaches it. Answers are
// the presenters' return types, or the use cases' where a route sends those as they are, through Json (dates
// become ISO strings); request bodies are the input types of the routes' zod schemas.
import type { z } from "zod";
import type { EscalationRule as StoredRule } from "../domain/escalation-rule.ts";
import type { OnCallShift } from "../domain/oncall/oncall.ts";
import type { UserRecord } from "../ports/oncall-repository.ts";
import type { ActionItemCounts } from "../ports/report-repository.ts";
import type { OnCallPerson, ScheduleSummary } from "../usecases/oncall/list-schedule-summaries.ts";
import type { JqlCheck } from "../usecases/paging/check-jql.ts";
import type { BackTest as RuleBackTest, IssueVerdict } from "../usecases/paging/test-rule.ts";
import type { DrillReport } from "../usecases/reports/drill-report.ts";
import type { IncidentReport, WeekBucket } from "../usecases/reports/incident-report.ts";
import type { OnCallHealthReport } from "../usecases/reports/oncall-health-report.ts";
import type { ActionItemQuery } from "../usecases/reports/track-action-items.ts";
import type {
  presentActionItem,
  presentAlert,
  presentChannel,
  presentIncident,
  presentLinkedIssue,
  presentMe,
  presentPostmortem,
  presentSchedule,
  presentService,
  presentStatusPost,
  presentTimelineEntry,
  presentTrackedActionItem,
} from "./presenters.ts";
import type { createRuleBody, testDraftBody, testRuleBody, updateRuleBody } from "./routes/escalation-rule-requests.ts";
import type {
  actionItemBody,
  declareIncidentBody,
  editIncidentBody,
  linkIssueBody,
  noteBody,
  reviewStatusBody,
  statusPostBody,
  timelineEntryChanges,
} from "./routes/incident-requests.ts";
import type { presentResponse, responderBody } from "./routes/incident-response-router.ts";
import type { overrideBody } from "./routes/oncall-requests.ts";
import type { ConferenceBridge } from "../domain/crisis.ts";
import type { StepOutcome } from "../usecases/crisis/run-play.ts";
import type {
  playBody,
  presentPlay,
  presentStatusUpdate,
  presentSubscriber,
  statusUpdateBody,
  subscriberBody,
} from "./routes/crisis-requests.ts";
import type { incidentSettingsBody } from "./routes/settings-router.ts";

/** What JSON.stringify makes of `T`: dates become ISO-8601 strings. */
export type Json<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Presented<F extends (...args: never[]) => unknown> = Json<ReturnType<F>>;

/** `GET /api/me` */
export type Me = Presented<typeof presentMe>;
/** `GET /api/users` lists them. */
export type User = Json<UserRecord>;
export type Service = Presented<typeof presentService>;

export type Incident = Presented<typeof presentIncident>;
export type Alert = Presented<typeof presentAlert>;
/** `GET /api/incidents/{ref}` */
export type IncidentDetail = Incident & {
  readonly alerts: Alert[];
  readonly conferenceBridge: Json<ConferenceBridge> | null;
};
/** `GET /api/incidents` */
export interface IncidentPage {
  readonly incidents: Incident[];
  readonly nextCursor: string | null;
}
export type TimelineEntry = Presented<typeof presentTimelineEntry>;
/** `GET /api/incidents/{ref}/timeline` */
export interface TimelinePage {
  readonly entries: TimelineEntry[];
  readonly nextCursor: string | null;
}
export type LinkedIssue = Presented<typeof presentLinkedIssue>;
export type Channel = Presented<typeof presentChannel>;
export type StatusPost = Presented<typeof presentStatusPost>;
export type ActionItem = Presented<typeof presentActionItem>;
/** `GET /api/incidents/{ref}/postmortem` */
export type Postmortem = Presented<typeof presentPostmortem> & { readonly actionItems: ActionItem[] };

export type DeclareIncidentBody = z.input<typeof declareIncidentBody>;
export type EditIncidentBody = z.input<typeof editIncidentBody>;
export type LinkIssueBody = z.input<typeof linkIssueBody>;
export type NoteBody = z.input<typeof noteBody>;
export type TimelineEntryChanges = z.input<typeof timelineEntryChanges>;
export type StatusPostBody = z.input<typeof statusPostBody>;
export type ReviewStatusBody = z.input<typeof reviewStatusBody>;
export type ActionItemBody = z.input<typeof actionItemBody>;

/** `GET /api/incidents/{ref}/response`: who the incident pages, where its escalation stands, every page sent. */
export type IncidentResponse = Presented<typeof presentResponse>;
export type ResponderBody = z.input<typeof responderBody>;
/** `GET` and `PUT /api/settings/incidents` */
export type IncidentSettings = z.input<typeof incidentSettingsBody>;

export type TrackedActionItem = Presented<typeof presentTrackedActionItem>;
export type ActionItemStatus = NonNullable<ActionItemQuery["status"]>;
/** `GET /api/action-items` */
export interface ActionItemList {
  readonly actionItems: TrackedActionItem[];
  readonly counts: ActionItemCounts;
  readonly owners: string[];
}
/** `GET /api/reports/incidents` is an IncidentReport; `/drills` a DrillReport; `/oncall` an OnCallHealthReport. */
export type { ActionItemCounts, DrillReport, IncidentReport, OnCallHealthReport, WeekBucket };

/** `GET /api/schedules` lists ScheduleSummary. */
export type { OnCallPerson, ScheduleSummary };
export type Schedule = Presented<typeof presentSchedule>;
/** `GET /api/schedules/{id}/oncall` */
export type Shift = Json<OnCallShift>;
export type OverrideBody = z.input<typeof overrideBody>;

export type EscalationRule = Json<StoredRule>;
export type CreateRuleBody = z.input<typeof createRuleBody>;
export type UpdateRuleBody = z.input<typeof updateRuleBody>;
export type TestRuleBody = z.input<typeof testRuleBody>;
export type TestDraftBody = z.input<typeof testDraftBody>;
/** `POST /api/escalation-rules/validate` answers a JqlCheck; `…/test` an IssueVerdict with `issueKey`, else a BackTest. */
export type { IssueVerdict, JqlCheck };
export type BackTest = Json<RuleBackTest> & { readonly rule: string | null };

/** `GET /api/incidents/{ref}/subscribers` lists them: `{ subscribers }`. */
export type Subscriber = Presented<typeof presentSubscriber>;
export type SubscriberBody = z.input<typeof subscriberBody>;
/** `GET /api/incidents/{ref}/status-updates` lists them: `{ statusUpdates }`, newest first. */
export type StatusUpdate = Presented<typeof presentStatusUpdate>;
export type StatusUpdateBody = z.input<typeof statusUpdateBody>;
/** `GET /api/response-plays` lists them: `{ responsePlays }`. */
export type ResponsePlay = Presented<typeof presentPlay>;
export type ResponsePlayBody = z.input<typeof playBody>;
/** `POST /api/incidents/{ref}/response-plays/{playId}` */
export interface PlayRun {
  readonly play: { readonly id: string; readonly name: string };
  readonly steps: StepOutcome[];
}
