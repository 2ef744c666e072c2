import type { ComponentState, StatusPost } from "../domain/status-post.ts";

/** The status-page incident mirroring a Firewatch incident. */
export interface StatusPageLink {
  readonly incidentId: string;
  readonly remoteId: string;
  readonly shortlink: string | null;
  /** What Firewatch last set each component to: a webhook saying the same is our own echo. */
  readonly componentStates: Readonly<Record<string, ComponentState>>;
}

export interface StatusPostRepository {
  insert(post: StatusPost): Promise<void>;
  update(post: StatusPost): Promise<void>;
  listOf(incidentId: string): Promise<StatusPost[]>;
  /** The oldest post not yet published or failed. */
  nextUnsettled(incidentId: string): Promise<StatusPost | null>;
  findByRemoteUpdateId(remoteUpdateId: string): Promise<StatusPost | null>;
  link(incidentId: string): Promise<StatusPageLink | null>;
  linkByRemoteId(remoteId: string): Promise<StatusPageLink | null>;
  /** Links whose posts set this component, newest first. */
  linksWithComponent(componentId: string): Promise<StatusPageLink[]>;
  saveLink(link: StatusPageLink): Promise<void>;
}
