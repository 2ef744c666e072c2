// The request bodies of crisis communications, and how their answers look.
import { z } from "zod";
import type { ResponsePlay } from "../../domain/crisis.ts";
import { MAX_STATUS_UPDATE_LENGTH } from "../../domain/crisis.ts";
import type { StatusUpdateView } from "../../usecases/crisis/status-updates.ts";
import type { SubscriberView } from "../../usecases/crisis/subscribers.ts";

const uuid = (what: string) => z.uuid({ error: `must be ${what} id (a UUID)` });

/** `{ "userId" }`, `{ "teamId" }` or `{ "email" }`. */
export const subscriberBody = z.union(
  [
    z.strictObject({ userId: uuid("a person's") }),
    z.strictObject({ teamId: uuid("a team") }),
    z.strictObject({ email: z.string().trim().min(3).max(254) }),
  ],
  { error: "give one of `userId` (a person), `teamId` (a team) or `email` (an address)" },
);

export const statusUpdateBody = z.strictObject({
  message: z.string().trim().min(1, "must not be blank").max(MAX_STATUS_UPDATE_LENGTH),
});

export const bridgeBody = z.strictObject({
  url: z.string().trim().min(1).max(2048),
  dialIn: z.string().trim().max(64).nullable().optional(),
});

export const playBody = z.strictObject({
  name: z.string().trim().min(1, "must not be blank").max(120),
  addResponders: z
    .array(z.strictObject({ type: z.enum(["user", "team", "schedule"]), id: uuid("a person's, team or schedule") }))
    .max(200)
    .optional(),
  addSubscribers: z.array(subscriberBody).max(200).optional(),
  conferenceBridge: bridgeBody.nullable().optional(),
  postToChannel: z.string().max(3000).nullable().optional(),
  statusUpdate: z.string().max(MAX_STATUS_UPDATE_LENGTH).nullable().optional(),
});

export function presentSubscriber(s: SubscriberView) {
  return {
    id: s.id,
    kind: s.kind,
    ...(s.kind === "user" ? { userId: s.ref } : s.kind === "team" ? { teamId: s.ref } : { email: s.ref }),
    name: s.name,
    origin: s.origin,
    addedBy: s.addedBy,
    addedAt: s.createdAt.toISOString(),
  };
}

export function presentStatusUpdate(u: StatusUpdateView) {
  return {
    id: u.id,
    message: u.message,
    author: u.authorName,
    createdAt: u.createdAt.toISOString(),
    deliveries: u.deliveries,
  };
}

/** A play, with the name of each person, team and schedule it names (`names` maps `type:id` and the ids of subscribers). */
export function presentPlay(play: ResponsePlay, names: ReadonlyMap<string, string>) {
  return {
    id: play.id,
    name: play.name,
    addResponders: play.addResponders.map((r) => ({ ...r, name: names.get(`${r.type}:${r.id}`) ?? null })),
    addSubscribers: play.addSubscribers.map((s) => ({
      ...s,
      name: "userId" in s ? names.get(`user:${s.userId}`) : "teamId" in s ? names.get(`team:${s.teamId}`) : s.email,
    })),
    conferenceBridge: play.conferenceBridge,
    postToChannel: play.postToChannel,
    statusUpdate: play.statusUpdate,
    createdAt: play.createdAt.toISOString(),
    updatedAt: play.updatedAt.toISOString(),
  };
}
