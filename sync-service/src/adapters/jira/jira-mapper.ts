// Jira Cloud REST v3 shapes ↔ Firewatch's ticket vocabulary.
// Status categories: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/
// (keys "new", "indeterminate", "done"; teams rename statuses, never categories).
import { createRequire } from "node:module";
import type { WorkCategory } from "../../domain/linked-issue.ts";
import type {
  IssuePermission,
  PermissionGrants,
  PermissionQuery,
  ProjectPermission,
  RemoteIssue,
  SitePermission,
} from "../../ports/ticket-port.ts";

// @atlaskit/adf-utils is CommonJS with directory entry points that Node's ESM loader cannot import.
const require = createRequire(import.meta.url);
const adf = require("@atlaskit/adf-utils/builders") as typeof import("@atlaskit/adf-utils/builders");

const CATEGORY_OF_KEY: Record<string, WorkCategory> = { new: "todo", indeterminate: "in_progress", done: "done" };
export const KEY_OF_CATEGORY: Record<WorkCategory, string> = {
  todo: "new",
  in_progress: "indeterminate",
  done: "done",
};

export function categoryOfKey(key: string | undefined): WorkCategory {
  return CATEGORY_OF_KEY[key ?? ""] ?? "todo";
}

/** The fields every read asks for. */
export const ISSUE_FIELDS = ["summary", "status", "priority", "project", "assignee", "duedate"];

interface JiraIssueLike {
  id?: string;
  key?: string;
  fields?: Record<string, any>;
}

export function toRemoteIssue(issue: JiraIssueLike): RemoteIssue {
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

/** Paragraphs as an ADF document, with a link back to the incident. */
export function descriptionDoc(paragraphs: readonly string[], incidentUrl: string, incidentKey: string) {
  return adf.doc(
    ...paragraphs.map((text) => adf.p(text)),
    adf.p(adf.text("Open "), adf.link({ href: incidentUrl })(`${incidentKey} in Firewatch`)),
  );
}

/** A note as an ADF comment: "<author> wrote in INC-7:" then the note. */
export function commentDoc(author: string, text: string, incidentKey: string, incidentUrl: string) {
  return adf.doc(
    adf.p(adf.strong(author), adf.text(" wrote in "), adf.link({ href: incidentUrl })(incidentKey), adf.text(":")),
    ...text.split(/\n{2,}/).map((para) => adf.p(para)),
  );
}

/** Plain text of an ADF document (comment bodies from webhooks), paragraphs separated by blank lines. */
export function plainText(node: unknown): string {
  const n = node as { type?: string; text?: string; content?: unknown[] } | null;
  if (!n || typeof n !== "object") return typeof node === "string" ? node : "";
  if (n.type === "text") return n.text ?? "";
  const parts = (n.content ?? []).map(plainText);
  return n.type === "doc" ? parts.join("\n\n") : parts.join("");
}

// Permission keys: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-get
const SITE_PERMISSION_KEYS: Record<SitePermission, string> = { administer: "ADMINISTER" };
const ISSUE_PERMISSION_KEYS: Record<IssuePermission, string> = { browse: "BROWSE_PROJECTS" };
const PROJECT_PERMISSION_KEYS: Record<ProjectPermission, string> = { create: "CREATE_ISSUES" };

/** The body of Jira's "Get bulk permissions" (POST /rest/api/3/permissions/check) for `query`. */
/** The body of POST /rest/api/3/permissions/check; `projectIds` gives the id of each asked project key that exists. */
export function bulkPermissionsRequest(
  accountId: string,
  query: PermissionQuery,
  projectIds: ReadonlyMap<string, string> = new Map(),
) {
  const ids = (keys: readonly string[]) =>
    keys.flatMap((k) => (projectIds.has(k) ? [Number(projectIds.get(k))] : [])).filter(Number.isSafeInteger);
  return {
    accountId,
    globalPermissions: (query.site ?? []).map((p) => SITE_PERMISSION_KEYS[p]),
    projectPermissions: [
      ...(query.issues ?? []).map((q) => ({
        permissions: [ISSUE_PERMISSION_KEYS[q.permission]],
        issues: q.issueIds.map(Number).filter(Number.isSafeInteger),
      })),
      ...(query.projects ?? []).map((q) => ({
        permissions: [PROJECT_PERMISSION_KEYS[q.permission]],
        projects: ids(q.projectKeys),
      })),
    ],
  };
}

/** Jira's answer, read back into what was asked; a permission Jira leaves out is not granted. */
export function toPermissionGrants(
  query: PermissionQuery,
  answer: {
    globalPermissions?: string[];
    projectPermissions?: { permission?: string; issues?: number[]; projects?: number[] }[];
  },
  projectIds: ReadonlyMap<string, string> = new Map(),
): PermissionGrants {
  const granted = new Set(answer.globalPermissions ?? []);
  const held = (key: string, on: "issues" | "projects") =>
    new Set(
      (answer.projectPermissions ?? []).filter((p) => p.permission === key).flatMap((p) => (p[on] ?? []).map(String)),
    );
  return {
    site: (query.site ?? []).filter((p) => granted.has(SITE_PERMISSION_KEYS[p])),
    issues: (query.issues ?? []).map((q) => ({
      permission: q.permission,
      issueIds: q.issueIds.filter((id) => held(ISSUE_PERMISSION_KEYS[q.permission], "issues").has(id)),
    })),
    projects: (query.projects ?? []).map((q) => ({
      permission: q.permission,
      projectKeys: q.projectKeys.filter(
        (k) => projectIds.has(k) && held(PROJECT_PERMISSION_KEYS[q.permission], "projects").has(projectIds.get(k)!),
      ),
    })),
  };
}
