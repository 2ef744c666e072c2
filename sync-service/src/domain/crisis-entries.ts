// The timeline entries of crisis communications: who was subscribed, each status update, each step of a play.
import { bridgeLine, type ConferenceBridge } from "./crisis.ts";
import { record } from "./timeline-records.ts";
import type { NewTimelineEntry } from "./timeline-entries.ts";

export const crisisEntries = {
  subscriberAdded(incidentId: string, subscriberId: string, name: string, by: string, at: Date): NewTimelineEntry {
    return record(
      incidentId,
      "subscriber.added",
      `subscriber:${subscriberId}:added`,
      at,
      `${by} subscribed ${name} to status updates`,
      { subscriberId },
      by,
    );
  },

  subscriberRemoved(incidentId: string, subscriberId: string, name: string, by: string, at: Date): NewTimelineEntry {
    return record(
      incidentId,
      "subscriber.removed",
      `subscriber:${subscriberId}:removed:${at.getTime()}`,
      at,
      `${by} unsubscribed ${name}`,
      { subscriberId },
      by,
    );
  },

  /** The update's own text is the body: the postmortem and the channel quote it as written. */
  statusUpdate(incidentId: string, updateId: string, message: string, author: string, at: Date, via: string) {
    return record(
      incidentId,
      "status_update.posted",
      `status_update:${updateId}`,
      at,
      message,
      { updateId, via },
      author,
    );
  },

  playRan(incidentId: string, playId: string, name: string, by: string, at: Date, summary: string): NewTimelineEntry {
    return record(
      incidentId,
      "play.ran",
      `play:${playId}:${at.getTime()}`,
      at,
      `${by} ran the response play "${name}": ${summary}`,
      { playId },
      by,
    );
  },

  channelPost(incidentId: string, playId: string, text: string, at: Date): NewTimelineEntry {
    return record(incidentId, "play.channel_post", `play:${playId}:post`, at, text, { playId });
  },

  bridgeSet(incidentId: string, bridge: ConferenceBridge, by: string, at: Date): NewTimelineEntry {
    return record(
      incidentId,
      "bridge.set",
      `bridge:${at.getTime()}`,
      at,
      `${by} opened the conference bridge. ${bridgeLine(bridge)}`,
      { ...bridge },
      by,
    );
  },
};
