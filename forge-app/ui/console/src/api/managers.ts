// The shapes of the managers' API (GET /api/action-items, GET /api/reports/incidents) and the paths the
// console asks for. Dates in filters are calendar dates in UTC, as the API buckets them.
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];
export type BySeverity = Record<Severity, number>;
export type ItemStatus = "open" | "overdue" | "done";
export type Counts = { open: number; overdue: number; done: number };

export interface TrackedActionItem {
  id: string;
  title: string;
  dueDate: string;
  state: "pending" | "linked" | "failed";
  issueKey: string | null;
  issueUrl: string | null;
  statusName: string | null;
  statusCategory: "new" | "indeterminate" | "done" | null;
  error: string | null;
  done: boolean;
  overdue: boolean;
  owner: string | null;
  incidentKey: string;
  incident: { key: string; title: string; severity: Severity; status: string };
  service: { id: string; name: string | null } | null;
}

export interface ActionItemList {
  actionItems: TrackedActionItem[];
  counts: Counts;
  owners: string[];
}

export interface WeekBucket {
  weekStart: string;
  incidents: number;
  bySeverity: BySeverity;
  mttaMedianSeconds: number | null;
  mttrMedianSeconds: number | null;
}

type Stats = { meanSeconds: number | null; medianSeconds: number | null };

export interface IncidentReport {
  from: string;
  to: string;
  incidents: number;
  bySeverity: BySeverity;
  byService: { serviceId: string | null; name: string; incidents: number }[];
  mtta: Stats & { acknowledged: number };
  mttr: Stats & { resolved: number };
  actionItems: Counts;
  weeks: WeekBucket[];
}

export interface ActionItemFilters {
  status: ItemStatus | "all";
  service: string;
  owner: string;
  severity: Severity | "";
}

/** The tracker's list, always earliest due date first. */
export function actionItemsPath(f: ActionItemFilters): string {
  const q = new URLSearchParams({ sort: "due", limit: "500" });
  if (f.status !== "all") q.set("status", f.status);
  if (f.service) q.set("service", f.service);
  if (f.owner) q.set("owner", f.owner);
  if (f.severity) q.set("severity", f.severity);
  return `/api/action-items?${q}`;
}

const DAY_MS = 86_400_000;
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number) =>
  isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));

/** The Monday (UTC) of the week `date` is in, as the report's buckets start. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** The default range: the last 12 weeks, this one included, through today. */
export function lastTwelveWeeks(now: Date): { from: string; to: string } {
  const today = isoDate(now);
  return { from: addDays(mondayOf(today), -77), to: today };
}

/** The report for the calendar dates `from` to `to`, both included. */
export const reportPath = (from: string, to: string) =>
  `/api/reports/incidents?${new URLSearchParams({ from: `${from}T00:00:00Z`, to: `${addDays(to, 1)}T00:00:00Z` })}`;
