// A postmortem's lifecycle: draft → in review → complete. Completing needs every required people's
// section written and every required action item done; reopening to draft or review is always allowed.
import { AppError } from "../errors.ts";

export const REVIEW_STATUSES = ["draft", "in_review", "complete"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Postmortem {
  readonly incidentId: string;
  readonly templateId: string;
  readonly status: ReviewStatus;
  /** Confluence's page id once the page exists (the title is for display only). */
  readonly pageId: string | null;
  readonly pageUrl: string | null;
  readonly timelinePageId: string | null;
  /** The page version our last write produced. */
  readonly pageVersion: number;
  readonly renderedAt: Date | null;
  readonly lastError: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What stands between a postmortem and `complete`. */
export interface CompletionGaps {
  readonly emptySections: readonly string[];
  readonly openActionItems: readonly string[];
}

/** Thrown when `complete` is asked for too early; the message says what is missing. */
export class PostmortemIncompleteDomainError extends AppError {
  readonly kind = "conflict";
}

/** @throws PostmortemIncompleteDomainError naming each empty required section and each open required action item */
export function changeReviewStatus(p: Postmortem, to: ReviewStatus, gaps: CompletionGaps, now: Date): Postmortem {
  if (to === "complete" && (gaps.emptySections.length > 0 || gaps.openActionItems.length > 0)) {
    const parts = [
      ...(gaps.emptySections.length
        ? [`required sections still empty: ${gaps.emptySections.map((s) => `"${s}"`).join(", ")}`]
        : []),
      ...(gaps.openActionItems.length ? [`required action items not done: ${gaps.openActionItems.join(", ")}`] : []),
    ];
    throw new PostmortemIncompleteDomainError(
      "POSTMORTEM.INCOMPLETE",
      `The postmortem cannot be completed yet: ${parts.join("; ")}.`,
    );
  }
  return { ...p, status: to, updatedAt: now };
}
