// An incident's stakeholders and the internal status updates they are sent (docs/api.md, "Crisis communications"):
// people, teams and e-mail addresses who are told, never paged. Answers are the service's own shapes (api-types.ts).
import type { QueryKey } from "@tanstack/react-query";
import type { StatusUpdate, Subscriber } from "../../../../../sync-service/src/web/api-types.ts";
import { useApi, useApiMutation } from "./hooks.ts";
import { incidentPath } from "./incidents.ts";

/** Who a subscription names: exactly one of a person, a team or an e-mail address. */
export type SubscriberTarget = { userId: string } | { teamId: string } | { email: string };
/** A conference bridge: the meeting link, and a phone number (with its PIN) for whoever cannot join online. */
export interface ConferenceBridge {
  url: string;
  dialIn?: string | null;
}

export type { Subscriber, StatusUpdate };
export type DeliveryCounts = StatusUpdate["deliveries"];

/** The API's limit on a status update's message. */
export { MAX_STATUS_UPDATE_LENGTH as MAX_STATUS_UPDATE } from "../../../../../sync-service/src/domain/crisis.ts";

export const subscribersPath = (key: string) => `${incidentPath(key)}/subscribers`;
export const statusUpdatesPath = (key: string) => `${incidentPath(key)}/status-updates`;
const timelineKey = (key: string): QueryKey => ["api", "timeline", key];

export const useSubscribers = (key: string) =>
  useApi<{ subscribers: Subscriber[] }>(subscribersPath(key), { live: true });
export const useAddSubscriber = (key: string) =>
  useApiMutation<SubscriberTarget, Subscriber>("POST", subscribersPath(key), [
    ["api", subscribersPath(key)],
    timelineKey(key),
  ]);
/** One subscriber's removal (one hook per row, as the inline confirmation wants). */
export const useRemoveSubscriber = (key: string, id: string) =>
  useApiMutation<undefined, void>("DELETE", `${subscribersPath(key)}/${encodeURIComponent(id)}`, [
    ["api", subscribersPath(key)],
    timelineKey(key),
  ]);

/** Newest first; polled, since deliveries go from pending to sent or failed after the post. */
export const useStatusUpdates = (key: string) =>
  useApi<{ statusUpdates: StatusUpdate[] }>(statusUpdatesPath(key), { live: true });
export const usePostStatusUpdate = (key: string) =>
  useApiMutation<{ message: string }, StatusUpdate>("POST", statusUpdatesPath(key), [
    ["api", statusUpdatesPath(key)],
    timelineKey(key),
  ]);
