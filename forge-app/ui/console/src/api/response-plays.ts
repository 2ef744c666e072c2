// Response plays (docs/api.md, "Crisis communications"): a named set of steps a responder runs on an incident in one
// go (page responders, add subscribers, set the conference bridge, post in the incident's channel, send a status
// update), and a service can run on every new incident.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { PlayRun, ResponsePlay } from "../../../../../sync-service/src/web/api-types.ts";
import { useSession } from "../session.tsx";
import { useApi, useApiMutation } from "./hooks.ts";
import { incidentPath } from "./incidents.ts";
import type { ConferenceBridge, SubscriberTarget } from "./stakeholders.ts";

export type ResponderType = "user" | "team" | "schedule";
export interface PlayResponder {
  type: ResponderType;
  id: string;
}
/** A play as it is written: what `POST` and `PUT` take. */
export interface PlayBody {
  name: string;
  addResponders: PlayResponder[];
  addSubscribers: SubscriberTarget[];
  conferenceBridge: ConferenceBridge | null;
  postToChannel: string | null;
  statusUpdate: string | null;
}
export type { PlayRun, ResponsePlay };
export type PlayStep = PlayRun["steps"][number];
export type PlayStepKind = PlayStep["step"];

export const PLAYS_PATH = "/api/response-plays";
const playPath = (id: string) => `${PLAYS_PATH}/${encodeURIComponent(id)}`;

export const useResponsePlays = () => useApi<{ responsePlays: ResponsePlay[] }>(PLAYS_PATH);
/** POST a new play (id null) or PUT an existing one, sent whole. */
export const useSavePlay = (id: string | null) =>
  useApiMutation<PlayBody, ResponsePlay>(id ? "PUT" : "POST", id ? playPath(id) : PLAYS_PATH);
/** 409 `PLAY.IN_USE` names the services that run the play on their new incidents. */
export const useDeletePlay = (id: string) => useApiMutation<undefined>("DELETE", playPath(id));

/** Runs play `playId` on the incident (no body); most of the incident page changes, so every query refreshes. */
export function useRunPlay(key: string) {
  const { transport } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (playId: string) =>
      transport.request<PlayRun>("POST", `${incidentPath(key)}/response-plays/${encodeURIComponent(playId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["api"] }),
  });
}
