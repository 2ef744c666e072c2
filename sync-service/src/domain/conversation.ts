// The incident's chat conversation: its channel, and the service's settings for which severities open one
// and which messages are copied to the timeline.
import { InvalidInputDomainError } from "./errors.ts";
import type { Severity } from "./severity.ts";

export const MIRROR_MODES = ["all", "pinned", "reaction"] as const;
export type MirrorMode = (typeof MIRROR_MODES)[number];

/** Which channel messages are copied to the timeline: all, only pinned ones, or those with a chosen reaction. */
export interface MirrorPolicy {
  readonly mode: MirrorMode;
  /** The reaction name (without colons) for mode "reaction". */
  readonly reaction: string | null;
}

/** A service's chat settings: which severities open a channel on declare, and the default mirroring. */
export interface ConversationDefaults extends MirrorPolicy {
  readonly channelSeverities: readonly Severity[];
}

export const DEFAULT_CONVERSATION: ConversationDefaults = {
  channelSeverities: ["SEV1", "SEV2"],
  mode: "all",
  reaction: null,
};

const REACTION_NAME = /^[a-z0-9_+'-]{1,100}$/;

/** @throws InvalidInputDomainError for mode "reaction" without a valid reaction name */
export function mirrorPolicy(mode: MirrorMode, reaction: string | null | undefined): MirrorPolicy {
  const name = reaction?.replace(/^:|:$/g, "").trim() || null;
  if (mode === "reaction" && (name === null || !REACTION_NAME.test(name))) {
    throw new InvalidInputDomainError(
      "CHAT.REACTION_REQUIRED",
      'Mirror mode "reaction" needs `mirrorReaction`, a reaction name such as "memo" (lowercase, no colons).',
    );
  }
  return { mode, reaction: mode === "reaction" ? name : null };
}

/** The incident's channel as Firewatch tracks it. */
export interface IncidentChannel {
  readonly incidentId: string;
  /** Null until the channel exists in the chat. */
  readonly channelId: string | null;
  readonly channelName: string;
  /** Null: the service's policy applies. */
  readonly mirror: MirrorPolicy | null;
  readonly summaryTs: string | null;
  /** The incident revision the pinned summary shows. */
  readonly summaryRevision: number;
  readonly invited: readonly string[];
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly readyAt: Date | null;
}

/**
 * `inc-<n>-<slug>` (`drill-inc-<n>-<slug>` for a drill): lowercase letters, digits and hyphens, at most 80 characters
 * (Slack's channel-name rules).
 */
export function channelName(incidentNumber: number, title: string, drill = false): string {
  const prefix = `${drill ? "drill-" : ""}inc-${incidentNumber}`;
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80 - prefix.length - 1)
    .replace(/-+$/, "");
  return slug ? `${prefix}-${slug}` : prefix;
}
