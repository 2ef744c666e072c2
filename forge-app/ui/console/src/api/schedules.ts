// Schedule writes for the Schedules page: a new schedule (POST) or a whole definition replaced (PUT).
// Reads (list, one schedule, people) are the On-call page's hooks in oncall.ts.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../session.tsx";
import type { Schedule } from "./oncall.ts";

/** `{ name, timeZone, layers, overrides }` as docs/schedules.md describes it. */
export type ScheduleBody = Omit<Schedule, "id">;

/** Saves `body` as a new schedule (`id` null) or in place of schedule `id`; answers the stored schedule. */
export function useSaveSchedule(id: string | null) {
  const { transport } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ScheduleBody) =>
      id === null
        ? transport.request<Schedule>("POST", "/api/schedules", body)
        : transport.request<Schedule>("PUT", `/api/schedules/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["api"] }),
  });
}
