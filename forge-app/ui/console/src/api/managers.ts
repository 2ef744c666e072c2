// The managers' API (GET /api/action-items, GET /api/reports/{incidents,drills,oncall}) and the paths the console asks for. Dates in
// filters are calendar dates in UTC, as the API buckets them. The shapes are the service's own
// (sync-service/src/web/api-types.ts), imported as types only.
import type { ActionItemStatus } from "../../../../../sync-service/src/web/api-types.ts";
import type { Severity } from "../../../../../sync-service/src/domain/severity.ts";
import { DAY_MS } from "../../../../../sync-service/src/domain/clock.ts";

export { SEVERITIES, type Severity } from "../../../../../sync-service/src/domain/severity.ts";
export type {
  ActionItemCounts,
  ActionItemList,
  ActionItemStatus,
  DrillReport,
  IncidentReport,
  OnCallHealthReport,
  TrackedActionItem,
  WeekBucket,
} from "../../../../../sync-service/src/web/api-types.ts";

export interface ActionItemFilters {
  status: ActionItemStatus | "all";
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

const rangeQuery = (from: string, to: string) =>
  new URLSearchParams({ from: `${from}T00:00:00Z`, to: `${addDays(to, 1)}T00:00:00Z` });

/** The report for the calendar dates `from` to `to`, both included. */
export const reportPath = (from: string, to: string) => `/api/reports/incidents?${rangeQuery(from, to)}`;
/** The drills opened on the calendar dates `from` to `to`. */
export const drillsPath = (from: string, to: string) => `/api/reports/drills?${rangeQuery(from, to)}`;
/** The on-call health of the calendar dates `from` to `to`; the API takes at most ONCALL_MAX_DAYS. */
export const oncallPath = (from: string, to: string) => `/api/reports/oncall?${rangeQuery(from, to)}`;
export const ONCALL_MAX_DAYS = 93;
/** Days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string) => (Date.parse(addDays(to, 1)) - Date.parse(from)) / DAY_MS;
