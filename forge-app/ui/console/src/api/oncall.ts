// The on-call API as the On-call page uses it: schedule summaries (now/next), one schedule in the
// form of docs/schedules.md, its shifts for the visible calendar range, and override writes.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../session.tsx";
import { useApi, useApiList, useApiMutation } from "./hooks.ts";

export interface OnCallPerson {
  readonly userId: string;
  readonly name: string;
}

export interface ScheduleSummary {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly onCallNow: OnCallPerson[];
  readonly next: (OnCallPerson & { readonly start: string }) | null;
  /** Why the stored schedule no longer validates (it puts nobody on call until corrected), or null. */
  readonly broken: string | null;
}

export interface Override {
  readonly user: string;
  readonly replaces?: string;
  readonly start: string;
  readonly end: string;
}

export interface Schedule {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly layers: { readonly users: string[] }[];
  readonly overrides: Override[];
}

export interface Shift {
  readonly user: string;
  readonly start: string;
  readonly end: string;
  readonly layer?: number;
  readonly override?: boolean;
}

export interface Person {
  readonly id: string;
  readonly name: string;
}

/** Who is on call now and next changes with the clock, so the list refreshes every minute. */
export const useScheduleSummaries = () =>
  useApiList<{ schedules: ScheduleSummary[] }>("/api/schedules", "schedules", { refetchInterval: 60_000 });

export const useSchedule = (id: string | null) => useApi<Schedule>(id && `/api/schedules/${id}`);

export const usePeople = () => useApiList<{ users: Person[] }>("/api/users", "users");

export const rangeQuery = (from: Date, to: Date) =>
  `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;

/** Shifts in [from, to); the previous range's shifts stay on screen while the next range loads. */
export function useShifts(scheduleId: string, range: { from: Date; to: Date } | null) {
  const { transport } = useSession();
  const path = range && `/api/schedules/${scheduleId}/oncall?${rangeQuery(range.from, range.to)}`;
  return useQuery({
    queryKey: ["api", path],
    queryFn: () => transport.request<{ shifts: Shift[] }>("GET", path!),
    enabled: path !== null,
    placeholderData: keepPreviousData,
  });
}

export const useAddOverride = (scheduleId: string) =>
  useApiMutation<Override, Schedule>("POST", `/api/schedules/${scheduleId}/overrides`);

/** Deletes the override at its position in the schedule's `overrides` (the index is in the path; no body). */
export function useRemoveOverride(scheduleId: string) {
  const { transport } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (index: number) =>
      transport.request<Schedule>("DELETE", `/api/schedules/${scheduleId}/overrides/${index}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["api"] }),
  });
}
