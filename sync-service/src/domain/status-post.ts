// Posts for the public status page. Statuspage's own vocabulary is the industry's: an incident is
// investigating → identified → monitoring → resolved, and each affected component has a state.
// https://developer.statuspage.io/#operation/postPagesPageIdIncidents
import { InvalidInputDomainError } from "./errors.ts";

export const STATUS_POST_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type StatusPostStatus = (typeof STATUS_POST_STATUSES)[number];

export const COMPONENT_STATES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export interface ComponentChange {
  readonly componentId: string;
  readonly status: ComponentState;
}

export type StatusPostState = "pending" | "sending" | "published" | "failed";

export interface StatusPost {
  readonly id: string;
  readonly incidentId: string;
  readonly status: StatusPostStatus;
  /** The public incident's name as this post sets it; null keeps the name it has (the internal title at first). */
  readonly title: string | null;
  readonly body: string;
  readonly components: readonly ComponentChange[];
  readonly deliverNotifications: boolean;
  readonly state: StatusPostState;
  readonly remoteUpdateId: string | null;
  readonly error: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
}

/** Statuspage takes update bodies of up to 25,000 characters (longer ones are refused with 422). */
export const MAX_STATUS_BODY = 25_000;

/** @throws InvalidInputDomainError for a blank or too long body, or a component named twice */
export function newStatusPost(
  input: {
    id: string;
    incidentId: string;
    status: StatusPostStatus;
    title?: string | null;
    body: string;
    components: readonly ComponentChange[];
    deliverNotifications: boolean;
    createdBy: string;
  },
  now: Date,
): StatusPost {
  const body = input.body.trim();
  if (!body)
    throw new InvalidInputDomainError(
      "STATUS_POST.BODY_REQUIRED",
      "A status post needs a non-blank `body`: what customers should read.",
    );
  if (body.length > MAX_STATUS_BODY)
    throw new InvalidInputDomainError(
      "STATUS_POST.BODY_TOO_LONG",
      `A status post body has at most ${MAX_STATUS_BODY} characters.`,
    );
  const ids = input.components.map((c) => c.componentId);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated)
    throw new InvalidInputDomainError(
      "STATUS_POST.COMPONENT_REPEATED",
      `Component ${repeated} is listed twice; give each component once.`,
    );
  const title = input.title?.trim() || null;
  if (title && title.length > 255)
    throw new InvalidInputDomainError(
      "STATUS_POST.TITLE_TOO_LONG",
      "`title`: a public incident name has at most 255 characters.",
    );
  return {
    ...input,
    title,
    body,
    state: "pending",
    remoteUpdateId: null,
    error: null,
    createdAt: now,
    publishedAt: null,
  };
}

/** Component states after a post: the ones it names change, the others stay as they were. */
export function componentStatesAfter(
  previous: Readonly<Record<string, ComponentState>>,
  post: Pick<StatusPost, "status" | "components">,
): Record<string, ComponentState> {
  const next: Record<string, ComponentState> = { ...previous };
  for (const c of post.components) next[c.componentId] = c.status;
  return next;
}

/** A change on the status page, as its webhook reported it. */
export type StatusPageEvent =
  | {
      readonly kind: "incident";
      readonly remoteId: string;
      readonly status: string;
      readonly updates: readonly {
        readonly id: string;
        readonly status: string;
        readonly body: string;
        readonly createdAt: Date;
        readonly components: readonly {
          readonly componentId: string;
          readonly name: string;
          readonly oldStatus: string | null;
          readonly newStatus: string;
        }[];
      }[];
    }
  | {
      readonly kind: "component";
      readonly updateId: string;
      readonly componentId: string;
      readonly componentName: string;
      readonly oldStatus: string;
      readonly newStatus: string;
      readonly at: Date;
    };

/** How far (clock skew, slow answers) Statuspage's date for a change our post made may lie outside the post's own times. */
const ECHO_WINDOW_MS = 60_000;

/**
 * Whether a component change the status page reported is one our own posts made. Notifications arrive late
 * and out of order, so the change is matched against every move our published posts made (from the state
 * before to the state after), not only against the latest state.
 */
export function isOwnComponentChange(
  posts: readonly StatusPost[],
  event: Extract<StatusPageEvent, { kind: "component" }>,
): boolean {
  let before: ComponentState | undefined;
  for (const post of posts) {
    const change = post.components.find((c) => c.componentId === event.componentId);
    if (!change || post.state !== "published") continue;
    const moved = change.status === event.newStatus && (before === undefined || before === event.oldStatus);
    const at = event.at.getTime();
    const published = post.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (moved && at >= post.createdAt.getTime() - ECHO_WINDOW_MS && at <= published + ECHO_WINDOW_MS) return true;
    before = change.status;
  }
  return false;
}
