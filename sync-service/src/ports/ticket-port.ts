import type { RemoteIssue, TicketEvent, WorkCategory } from "../domain/linked-issue.ts";

export type { RemoteIssue, TicketEvent };

/** What Firewatch stores on each issue it touches, so it can find the issue again after a crash. */
export interface IssueMarker {
  readonly incidentId: string;
  readonly incidentKey: string;
  readonly linkId: string;
  readonly revision: number;
}

export interface NewIssue {
  readonly projectKey: string;
  readonly issueType: string;
  readonly summary: string;
  /** Plain text paragraphs; the adapter renders them in the tracker's rich-text format. */
  readonly description: readonly string[];
  readonly incidentUrl: string;
  readonly priority: string | null;
  readonly labels: readonly string[];
  readonly marker: IssueMarker;
  /** `YYYY-MM-DD`. */
  readonly dueDate?: string;
}

export interface SyncResult {
  readonly statusName: string;
  readonly statusCategory: WorkCategory;
  readonly blocked: boolean;
  /** When blocked by the transition's screen: the required fields Firewatch cannot fill (by name). */
  readonly unfilled?: readonly string[];
  /** Fields left out because the issue's edit screen lacks them (field ids, e.g. "priority"). */
  readonly omitted?: readonly string[];
}

/** A created issue, and the fields left out because the project's create screen lacks them (field ids). */
export interface CreatedIssue extends RemoteIssue {
  readonly omitted: readonly string[];
}

export interface NewComment {
  readonly noteId: string;
  readonly author: string;
  readonly text: string;
  readonly incidentKey: string;
  readonly incidentUrl: string;
}

/** Rights over the whole tracker site ("administer": Jira's Administer Jira). */
export type SitePermission = "administer";
/** Rights on an issue ("browse": may see it). */
export type IssuePermission = "browse";
/** Rights in a project ("create": may create issues there). */
export type ProjectPermission = "create";

/** What to ask the tracker about one person's rights. */
export interface PermissionQuery {
  readonly site?: readonly SitePermission[];
  readonly issues?: readonly { readonly permission: IssuePermission; readonly issueIds: readonly string[] }[];
  /** By project key; a project that does not exist holds no right. */
  readonly projects?: readonly { readonly permission: ProjectPermission; readonly projectKeys: readonly string[] }[];
}

/** Of what was asked, what the tracker grants: the site rights, and per issue or project right where it holds. */
export interface PermissionGrants {
  readonly site: readonly SitePermission[];
  readonly issues: readonly { readonly permission: IssuePermission; readonly issueIds: readonly string[] }[];
  readonly projects: readonly { readonly permission: ProjectPermission; readonly projectKeys: readonly string[] }[];
}

/**
 * The ticket capability (Jira today). Errors are IntegrationErrors (integration-errors.ts), TicketNotFoundError
 * among them; anything else is transient.
 */
export interface TicketPort {
  /** The site as people open it (links to issues are `<siteUrl>/browse/<key>`); null when unknown. */
  readonly siteUrl: string | null;
  /** The tracker account Firewatch writes as; its changes are not echoed back onto the timeline. */
  accountId(): Promise<string>;
  /**
   * How long after a create request was sent the tracker's search surely shows what it created: the request's
   * own time limit plus the search index's lag. Until then, "not found" does not mean "not created".
   */
  readonly createSettleMs: number;
  /** The issue created for this link or action item (by the label it carries); search may lag a create. */
  findByLinkId(linkId: string): Promise<RemoteIssue | null>;
  /** Creates the issue with the marker attached in the same request, leaving out what the create screen lacks. */
  create(issue: NewIssue): Promise<CreatedIssue>;
  get(idOrKey: string): Promise<RemoteIssue>;
  /** The issue in the tracker's own shape with every field, for evaluating rules against it. */
  fetchRaw(idOrKey: string): Promise<unknown>;
  /** The name people know an account by; null when the tracker will not say. */
  displayName(accountId: string): Promise<string | null>;
  /** What the person with this tracker account may do, asked as Firewatch itself (never on the person's word). */
  permissionsOf(accountId: string, query: PermissionQuery): Promise<PermissionGrants>;
  mark(issueId: string, marker: IssueMarker): Promise<void>;
  /**
   * Brings the issue to `category` (by a workflow transition) and `priority`, writing only what differs,
   * and records the marker (with its revision). `blocked` when no transition leads into the category, or its
   * screen requires a field Firewatch cannot fill (`unfilled`). `resolution` names the resolution to set on a
   * screen that asks for one (null: the first Done-like value offered). Priority is left out (`omitted`) when the
   * edit screen lacks it.
   */
  sync(
    issueId: string,
    target: { category: WorkCategory; priority: string | null; resolution?: string | null; marker: IssueMarker },
  ): Promise<SyncResult>;
  /**
   * Asks the tracker which of `jqls` match the issue (for what cannot be decided locally). `errors` are the
   * tracker's reasons it could not evaluate a query (a field or status that no longer exists…): not a "no match".
   * Throws TicketNotIndexedError while the tracker's index does not hold the issue yet (every answer would be "no").
   */
  matchJql(
    issueId: string,
    jqls: readonly string[],
  ): Promise<{ readonly matched: boolean; readonly errors: readonly string[] }[]>;
  /**
   * Issues for back-testing and trying rules, in the tracker's own issue shape. The search index lags writes;
   * the issues named in `reconcile` (ids) are read as they are now.
   */
  search(jql: string, max: number, reconcile?: readonly string[]): Promise<unknown[]>;
  /** Links the issue to another with "relates to", unless they are linked that way already. */
  relate(issueId: string, otherKey: string): Promise<void>;
  /** Adds or updates (by `globalId`) a link from the issue to a web page, e.g. the postmortem. */
  remoteLink(issueId: string, link: { globalId: string; url: string; title: string }): Promise<void>;
  /** Adds the comment unless one for the same note exists. @returns false when it already existed */
  comment(issueId: string, comment: NewComment): Promise<boolean>;
  /** Keys of the projects Firewatch may see, at most `max` (for saying what a site offers). */
  projectKeys(max: number): Promise<string[]>;
  /**
   * Names of the issue types `projectKey` offers Firewatch for create; null when there is no such project or
   * Firewatch may not see it; empty when Firewatch may not create issues in it.
   */
  createIssueTypes(projectKey: string): Promise<string[] | null>;
  /** Names of every priority the tracker has. */
  priorityNames(): Promise<string[]>;
}

/** Each tenant's tracker: the standalone site (API token), or a Forge installation's site reached as the app. */
export interface TicketPorts {
  forTenant(tenantId: string): Promise<TicketPort>;
}
