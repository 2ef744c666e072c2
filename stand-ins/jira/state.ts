// In-memory Jira site: issues, comments, properties, changelog, links. Every change returns a JiraEvent so the caller
// can raise the matching webhook. Nothing here knows about HTTP.
import { adfToText } from "./adf.ts";
import { DONE_RESOLUTION, PRIORITIES, PROJECTS, RESOLUTIONS, STATUSES, transitionIdFor } from "./seed.ts";
import {
  ISSUE_NOT_FOUND,
  jiraError,
  type AdfDoc,
  type ChangeItem,
  type CommentRecord,
  type IssueRecord,
  type JiraEvent,
  type JiraUser,
  type ProjectDef,
  type RemoteLinkRecord,
  type StatusDef,
} from "./types.ts";
import type { EditInput, NewIssueInput } from "./validate.ts";

export interface TransitionDef {
  id: string;
  name: string;
  to: StatusDef;
}

export class JiraState {
  private readonly byId = new Map<string, IssueRecord>();
  private readonly keyCounters = new Map<string, number>();
  private nextIssueId = 10000;
  private nextCommentId = 10000;
  private nextChangeId = 10100;
  private nextLinkId = 10000;
  private nextRemoteLinkId = 10000;

  /** Accounts whose personal data changed (closed, or profile updated) since a time, for /app/report-accounts. */
  readonly accountChanges = new Map<string, { status: "closed" | "updated"; at: number }>();

  constructor(
    readonly users: JiraUser[],
    private readonly clock: () => number = Date.now,
  ) {}

  user(accountId: string): JiraUser {
    const user = this.users.find((u) => u.accountId === accountId);
    if (!user) throw new Error(`jira emulator: unknown accountId ${accountId}`);
    return user;
  }

  /** By key (case-insensitive) or numeric id. */
  find(keyOrId: string): IssueRecord | undefined {
    if (/^\d+$/.test(keyOrId)) return this.byId.get(keyOrId);
    const key = keyOrId.toUpperCase();
    for (const issue of this.byId.values()) if (issue.key === key) return issue;
    return undefined;
  }

  get(keyOrId: string): IssueRecord {
    const issue = this.find(keyOrId);
    if (!issue) throw jiraError(404, [ISSUE_NOT_FOUND]);
    return issue;
  }

  all(): IssueRecord[] {
    return [...this.byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  project(issue: IssueRecord): ProjectDef {
    return PROJECTS.find((p) => p.id === issue.projectId)!;
  }

  status(issue: IssueRecord): StatusDef {
    return STATUSES.find((s) => s.id === issue.statusId)!;
  }

  create(input: NewIssueInput, actorId: string): JiraEvent {
    const now = this.clock();
    const n = (this.keyCounters.get(input.project.key) ?? 0) + 1;
    this.keyCounters.set(input.project.key, n);
    const issue: IssueRecord = {
      id: String(this.nextIssueId++),
      key: `${input.project.key}-${n}`,
      projectId: input.project.id,
      issueTypeId: input.issueType.id,
      summary: input.summary,
      description: input.description,
      statusId: input.project.workflow[0]!,
      priorityId: input.priority.id,
      labels: input.labels,
      assigneeId: input.assigneeId,
      dueDate: input.dueDate,
      reporterId: actorId,
      creatorId: actorId,
      created: now,
      updated: now,
      resolved: null,
      comments: [],
      properties: {},
      changelog: [],
      links: [],
      remoteLinks: [],
    };
    this.byId.set(issue.id, issue);
    return { kind: "created", issue, actorId };
  }

  /**
   * Applies an edit; undefined when nothing changed (Jira records no history and sends no webhook then). `eventType`
   * is the webhook's issue_event_type_name: "issue_updated" for edits, "issue_assigned" for the assign operation.
   */
  edit(issue: IssueRecord, input: EditInput, actorId: string, eventType = "issue_updated"): JiraEvent | undefined {
    const items: ChangeItem[] = [];
    if (input.summary !== undefined && input.summary !== issue.summary) {
      items.push(textItem("summary", issue.summary, input.summary));
      issue.summary = input.summary;
    }
    if (input.description !== undefined && JSON.stringify(input.description) !== JSON.stringify(issue.description)) {
      items.push(textItem("description", adfToText(issue.description), adfToText(input.description)));
      issue.description = input.description;
    }
    if (input.priority && input.priority.id !== issue.priorityId) {
      const from = PRIORITIES.find((p) => p.id === issue.priorityId)!;
      items.push(item("priority", from.id, from.name, input.priority.id, input.priority.name));
      issue.priorityId = input.priority.id;
    }
    if (input.labels && input.labels.join(" ") !== issue.labels.join(" ")) {
      items.push(textItem("labels", issue.labels.join(" "), input.labels.join(" ")));
      issue.labels = input.labels;
    }
    if (input.assigneeId !== undefined && input.assigneeId !== issue.assigneeId) {
      const name = (id: string | null) => (id ? this.user(id).displayName : null);
      items.push(item("assignee", issue.assigneeId, name(issue.assigneeId), input.assigneeId, name(input.assigneeId)));
      issue.assigneeId = input.assigneeId;
    }
    // Jira's history shows a due date as from/to "2026-12-01" with fromString/toString "2026-12-01 00:00:00.0".
    if (input.dueDate !== undefined && input.dueDate !== issue.dueDate) {
      const long = (d: string | null) => (d === null ? null : `${d} 00:00:00.0`);
      items.push(item("duedate", issue.dueDate, long(issue.dueDate), input.dueDate, long(input.dueDate)));
      issue.dueDate = input.dueDate;
    }
    if (items.length === 0) return undefined;
    return this.record(issue, actorId, items, eventType);
  }

  /** Every status of the project's workflow except the current one ("any status → any other"). */
  transitions(issue: IssueRecord): TransitionDef[] {
    return this.project(issue)
      .workflow.filter((id) => id !== issue.statusId)
      .map((id) => {
        const to = STATUSES.find((s) => s.id === id)!;
        return { id: transitionIdFor(id), name: `Move to ${to.name}`, to };
      });
  }

  /** A transition's screen, if it has one: a required Resolution on entering done in a `resolutionScreen` project. */
  screenOf(issue: IssueRecord, to: StatusDef): { resolutionIds: string[] } | null {
    const screens = this.project(issue).screens;
    return screens?.resolutionScreen && to.category === "done"
      ? { resolutionIds: screens.resolutionIds ?? RESOLUTIONS.map((r) => r.id) }
      : null;
  }

  /** `resolutionId` is what the transition's screen chose; without a screen, entering done sets Done. */
  transition(issue: IssueRecord, transitionId: string, actorId: string, resolutionId?: string): JiraEvent {
    const transition = this.transitions(issue).find((t) => t.id === transitionId);
    if (!transition) throw jiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
    const from = this.status(issue);
    const to = transition.to;
    const items: ChangeItem[] = [];
    const resolution = (id: string | undefined) => RESOLUTIONS.find((r) => r.id === id) ?? DONE_RESOLUTION;
    // Entering or leaving a done status sets/clears the resolution; Jira lists that item before the status item.
    if (to.category === "done" && issue.resolved === null) {
      const chosen = resolution(resolutionId);
      items.push(item("resolution", null, null, chosen.id, chosen.name));
      issue.resolved = this.clock();
      issue.resolutionId = chosen.id;
    } else if (to.category !== "done" && issue.resolved !== null) {
      const had = resolution(issue.resolutionId);
      items.push(item("resolution", had.id, had.name, null, null));
      issue.resolved = null;
      delete issue.resolutionId;
    }
    items.push(item("status", from.id, from.name, to.id, to.name));
    issue.statusId = to.id;
    return this.record(issue, actorId, items, "issue_generic");
  }

  comment(
    issue: IssueRecord,
    body: AdfDoc,
    actorId: string,
    properties: Record<string, unknown> = {},
    visibility?: CommentRecord["visibility"],
  ): JiraEvent & { comment: CommentRecord } {
    const now = this.clock();
    const comment: CommentRecord = {
      id: String(this.nextCommentId++),
      authorId: actorId,
      body,
      created: now,
      updated: now,
      properties,
      ...(visibility ? { visibility } : {}),
    };
    issue.comments.push(comment);
    issue.updated = now;
    return { kind: "commented", issue, actorId, comment };
  }

  /** Returns true when the property is new (201), false when replaced (200). Properties have no history. */
  setProperty(issue: IssueRecord, key: string, value: unknown): boolean {
    const created = !(key in issue.properties);
    issue.properties[key] = value;
    return created;
  }

  /** A link that already exists (same type, same two issues, same direction) is not created twice. */
  link(typeId: string, inward: IssueRecord, outward: IssueRecord): void {
    if (inward.links.some((l) => l.typeId === typeId && l.otherIssueId === outward.id && l.direction === "outward"))
      return;
    const id = String(this.nextLinkId++);
    outward.links.push({ id, typeId, otherIssueId: inward.id, direction: "inward" });
    inward.links.push({ id, typeId, otherIssueId: outward.id, direction: "outward" });
  }

  /** Finds an issue link by id: the record on `issue` and the issue on its other side. */
  issueLink(id: string): { issue: IssueRecord; link: IssueRecord["links"][number] } | undefined {
    for (const issue of this.byId.values()) {
      const link = issue.links.find((l) => l.id === id);
      if (link) return { issue, link };
    }
    return undefined;
  }

  /**
   * Creates a remote link, or replaces the one with the same globalId on this issue (every field not given becomes
   * null). Remote links have no history and raise no webhook.
   */
  setRemoteLink(issue: IssueRecord, input: Omit<RemoteLinkRecord, "id">): { link: RemoteLinkRecord; created: boolean } {
    const existing = input.globalId === null ? undefined : issue.remoteLinks.find((l) => l.globalId === input.globalId);
    if (existing) {
      Object.assign(existing, input);
      return { link: existing, created: false };
    }
    const link: RemoteLinkRecord = { id: this.nextRemoteLinkId++, ...input };
    issue.remoteLinks.push(link);
    return { link, created: true };
  }

  delete(issue: IssueRecord, actorId: string): JiraEvent {
    this.byId.delete(issue.id);
    for (const other of this.byId.values()) other.links = other.links.filter((l) => l.otherIssueId !== issue.id);
    return { kind: "deleted", issue, actorId };
  }

  private record(issue: IssueRecord, actorId: string, items: ChangeItem[], eventType: string): JiraEvent {
    const now = this.clock();
    const entry = { id: String(this.nextChangeId++), authorId: actorId, created: now, items };
    issue.changelog.push(entry);
    issue.updated = now;
    return { kind: "updated", issue, actorId, entry, eventType };
  }
}

function item(
  field: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
): ChangeItem {
  return { field, fieldtype: "jira", fieldId: field, from, fromString, to, toString };
}

function textItem(field: string, fromString: string, toString: string): ChangeItem {
  return item(field, null, fromString, null, toString);
}
