// Jira Cloud REST v3 issues (as reads and webhooks carry them) → Firewatch's ticket vocabulary.
// Status categories: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/
// (keys "new", "indeterminate", "done"; teams rename statuses, never categories).
import type { RemoteIssue, WorkCategory } from "../../domain/linked-issue.ts";

const CATEGORY_OF_KEY: Record<string, WorkCategory> = { new: "todo", indeterminate: "in_progress", done: "done" };
export const KEY_OF_CATEGORY: Record<WorkCategory, string> = {
  todo: "new",
  in_progress: "indeterminate",
  done: "done",
};

export function categoryOfKey(key: string | undefined): WorkCategory {
  return CATEGORY_OF_KEY[key ?? ""] ?? "todo";
}

export function toRemoteIssue(issue: { id?: string; key?: string; fields?: Record<string, any> }): RemoteIssue {
  const f = issue.fields ?? {};
  return {
    id: String(issue.id),
    key: String(issue.key),
    projectKey: f.project?.key ?? String(issue.key).split("-")[0],
    summary: f.summary ?? "",
    priority: f.priority?.name ?? null,
    statusName: f.status?.name ?? "",
    statusCategory: categoryOfKey(f.status?.statusCategory?.key),
    assignee: f.assignee?.displayName ?? null,
    dueDate: typeof f.duedate === "string" ? f.duedate : null,
  };
}
