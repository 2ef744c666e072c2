// The on-call API as the On-call page uses it: schedule summaries (now/next), one schedule in the
// form of docs/schedules.md, its shifts for the visible calendar range, and override writes. The shapes are the
// service's own (sync-service/src/web/api-types.ts), imported as types only.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../session.tsx";
import type {
  OverrideBody,
  Schedule,
  ScheduleSummary,
  Shift,
  User,
} from "../../../../../sync-service/src/web/api-types.ts";
import { useApi, useApiList, useApiMutation } from "./hooks.ts";

export type {
  OnCallPerson,
  OverrideBody,
  Schedule,
  ScheduleSummary,
  Shift,
  User as Person,
} from "../../../../../sync-service/src/web/api-types.ts";

/** Who is on call now and next changes with the clock, so the list refreshes every minute. */
export const useScheduleSummaries = () =>
  useApiList<{ schedules: ScheduleSummary[] }>("/api/schedules", "schedules", { refetchInterval: 60_000 });

export const useSchedule = (id: string | null) => useApi<Schedule>(id && `/api/schedules/${id}`);

export const usePeople = () => useApiList<{ users: User[] }>("/api/users", "users");

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
  useApiMutation<OverrideBody, Schedule>("POST", `/api/schedules/${scheduleId}/overrides`);

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
