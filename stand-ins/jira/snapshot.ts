// Plain, deep-copied view of an issue for test assertions (emulator.issue(key) / emulator.issues()).
import { ISSUE_TYPES, LINK_TYPES, PRIORITIES } from "./seed.ts";
import type { JiraState } from "./state.ts";
import type { AdfDoc, ChangelogEntry, IssueRecord, RemoteLinkRecord, StatusCategoryKey } from "./types.ts";

export interface IssueSnapshot {
  id: string;
  key: string;
  project: string;
  issueType: string;
  summary: string;
  description: AdfDoc | null;
  status: { id: string; name: string; category: StatusCategoryKey };
  priority: { id: string; name: string };
  labels: string[];
  assigneeId: string | null;
  /** The Due date field, "YYYY-MM-DD", or null. */
  dueDate: string | null;
  reporterId: string;
  created: number;
  updated: number;
  resolved: number | null;
  comments: { id: string; authorId: string; body: AdfDoc; created: number; properties: Record<string, unknown> }[];
  properties: Record<string, unknown>;
  changelog: ChangelogEntry[];
  /**
   * Issue links as this issue's fields.issuelinks shows them: `direction` says which side the *other* issue is on
   * ("outward" on the issue that was POSTed as inwardIssue).
   */
  links: { id: string; type: string; direction: "inward" | "outward"; issueId: string; issueKey: string | null }[];
  /** Remote ("web") links, oldest first; fields never given are null / absent. */
  remoteLinks: RemoteLinkRecord[];
}

export function snapshot(state: JiraState, issue: IssueRecord): IssueSnapshot {
  const status = state.status(issue);
  const priority = PRIORITIES.find((p) => p.id === issue.priorityId)!;
  return structuredClone({
    id: issue.id,
    key: issue.key,
    project: state.project(issue).key,
    issueType: ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)!.name,
    summary: issue.summary,
    description: issue.description,
    status: { id: status.id, name: status.name, category: status.category },
    priority: { id: priority.id, name: priority.name },
    labels: issue.labels,
    assigneeId: issue.assigneeId,
    dueDate: issue.dueDate,
    reporterId: issue.reporterId,
    created: issue.created,
    updated: issue.updated,
    resolved: issue.resolved,
    comments: issue.comments.map((c) => ({
      id: c.id,
      authorId: c.authorId,
      body: c.body,
      created: c.created,
      properties: c.properties,
    })),
    properties: issue.properties,
    changelog: issue.changelog,
    links: issue.links.map((l) => ({
      id: l.id,
      type: LINK_TYPES.find((t) => t.id === l.typeId)!.name,
      direction: l.direction,
      issueId: l.otherIssueId,
      issueKey: state.find(l.otherIssueId)?.key ?? null,
    })),
    remoteLinks: issue.remoteLinks,
  });
}
