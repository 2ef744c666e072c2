// An incident's response as its page shows it: who it pages, where the escalation stands, every page sent,
// and the responder's actions on it. Shapes are the service's own (sync-service/src/web/api-types.ts).
import type { QueryKey } from "@tanstack/react-query";
import type { IncidentResponse, ResponderBody } from "../../../../../sync-service/src/web/api-types.ts";
import { useApi, useApiMutation } from "./hooks.ts";
import { incidentPath } from "./incidents.ts";

export type { IncidentResponse, ResponderBody };
export type PageSent = IncidentResponse["pages"][number];
export type ResponseLevel = IncidentResponse["levels"][number];

export const responsePath = (key: string) => `${incidentPath(key)}/response`;

/** The queries an action on the response changes: the response itself, the incident, its timeline. */
const touched = (key: string): QueryKey[] => [
  ["api", responsePath(key)],
  ["api", incidentPath(key)],
  ["api", "timeline", key],
];

export const useIncidentResponse = (key: string) => useApi<IncidentResponse>(responsePath(key), { live: true });

/** `POST …/escalate`: the next level now (202 `{level}`); 409 when not triggered or without a policy. */
export const useEscalateNow = (key: string) =>
  useApiMutation<undefined, { level: number }>("POST", `${incidentPath(key)}/escalate`, touched(key));

/** `POST …/responders`: a person, or whoever a schedule has on call now (202 `{paged}`). */
export const useAddResponder = (key: string) =>
  useApiMutation<ResponderBody, { paged: { id: string; name: string }[] }>(
    "POST",
    `${incidentPath(key)}/responders`,
    touched(key),
  );

/** `PATCH /api/incidents/{ref}` with `{serviceId}`: the service, and so the escalation policy, it pages. */
export const useChangeService = (key: string) =>
  useApiMutation<{ serviceId: string | null }>("PATCH", incidentPath(key), touched(key));
