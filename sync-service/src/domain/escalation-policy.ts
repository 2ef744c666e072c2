import { InvalidInputDomainError } from "./errors.ts";

export interface PolicyTarget {
  /** A person; whoever a schedule has on call; or every active member of a team. */
  readonly type: "user" | "schedule" | "team";
  readonly id: string;
}

/** One level: who is paged, and how many minutes pass before the next level is paged if nobody acknowledges. */
export interface PolicyLevel {
  readonly delayMinutes: number;
  readonly targets: readonly PolicyTarget[];
}

export interface EscalationPolicy {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** How many times the whole policy runs again after its last level (0–5, as PagerDuty allows). */
  readonly repeat: number;
  readonly levels: readonly PolicyLevel[];
}

export const MAX_REPEAT = 5;
/**
 * Bounds of one policy. Every level pages each of its targets' people, and all of it runs inside the
 * transaction of one escalation step: 20 levels of 20 targets is far beyond any real rota, and still small.
 */
export const POLICY_LIMITS = { levels: 20, targetsPerLevel: 20, delayMinutes: 1_440 } as const;

/** @throws InvalidInputDomainError naming what to fix */
export function validPolicy(levels: readonly PolicyLevel[], repeat: number): void {
  if (levels.length === 0)
    throw new InvalidInputDomainError("POLICY.INVALID", "An escalation policy needs at least one level.");
  if (levels.length > POLICY_LIMITS.levels) {
    throw new InvalidInputDomainError(
      "POLICY.INVALID",
      `\`levels\` has ${levels.length} levels; a policy has at most ${POLICY_LIMITS.levels}.`,
    );
  }
  if (!Number.isInteger(repeat) || repeat < 0 || repeat > MAX_REPEAT) {
    throw new InvalidInputDomainError("POLICY.INVALID", `\`repeat\` is 0 to ${MAX_REPEAT}.`);
  }
  levels.forEach((level, i) => {
    if (level.targets.length === 0)
      throw new InvalidInputDomainError("POLICY.INVALID", `levels[${i}] needs at least one target.`);
    if (level.targets.length > POLICY_LIMITS.targetsPerLevel) {
      throw new InvalidInputDomainError(
        "POLICY.INVALID",
        `levels[${i}].targets has ${level.targets.length} targets; a level has at most ${POLICY_LIMITS.targetsPerLevel}.`,
      );
    }
    if (
      !Number.isInteger(level.delayMinutes) ||
      level.delayMinutes < 1 ||
      level.delayMinutes > POLICY_LIMITS.delayMinutes
    ) {
      throw new InvalidInputDomainError(
        "POLICY.INVALID",
        `levels[${i}].delayMinutes is a whole number of minutes from 1 to ${POLICY_LIMITS.delayMinutes}.`,
      );
    }
  });
}

/** The step after (round, level): the next level, or level 0 of the next round, or null when the policy is done. */
export function nextStep(
  policy: Pick<EscalationPolicy, "repeat" | "levels">,
  round: number,
  level: number,
): { round: number; level: number } | null {
  if (level + 1 < policy.levels.length) return { round, level: level + 1 };
  return round < policy.repeat ? { round: round + 1, level: 0 } : null;
}

/** One step of a running escalation: a level (0-based) of a round (0 the first run, 1 the first repeat, …). */
export interface EscalationStep {
  readonly round: number;
  readonly level: number;
}

/** Where an incident's escalation stands, under the policy snapshotted when it started. */
export interface EscalationProgress {
  readonly policy: EscalationPolicy;
  readonly startedAt: Date;
  /** The step last paged; null before the first. */
  readonly last: EscalationStep | null;
  /** The step queued next and when it pages; null once the policy has run out. */
  readonly next: (EscalationStep & { readonly at: Date }) | null;
}

/**
 * The step "Escalate now" pages: the one queued next, at once; the first level before anything was paged; and,
 * once the policy has run out, its first level again in a new round (as a repeat would).
 */
export function escalateNowStep(progress: Pick<EscalationProgress, "last" | "next">): EscalationStep {
  if (progress.next) return { round: progress.next.round, level: progress.next.level };
  if (!progress.last) return { round: 0, level: 0 };
  return { round: progress.last.round + 1, level: 0 };
}
