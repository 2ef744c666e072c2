// Request validation for issue create/edit, with Jira's field-error messages (400 {"errorMessages":[],"errors":{...}}).
// Ref: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
// `duedate` is the system Due date field, a date picker set as "YYYY-MM-DD". Jira only lets it be set when it is on the
// create/edit screen *and* the caller has the Schedule Issues permission ("Ability to view or edit an issue's due date";
// https://confluence.atlassian.com/display/JIRAKB/Duedate+field+cannot+be+set+in+the+project); otherwise the field gets
// the same "cannot be set. It is not on the appropriate screen, or unknown." error as any field off the screen. Here it
// is on every screen, so denyPermission("SCHEDULE_ISSUES") is how a test reaches that error.
import { ISSUE_TYPES, PRIORITIES, PROJECTS } from "./seed.ts";
import {
  jiraError,
  type AdfDoc,
  type IssueTypeDef,
  type JiraUser,
  type PriorityDef,
  type ProjectDef,
} from "./types.ts";

const ADF_MESSAGE = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
const SCREEN_MESSAGE = (field: string) =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

export function isAdf(value: unknown): value is AdfDoc {
  if (!isObject(value) || value.type !== "doc" || value.version !== 1 || !Array.isArray(value.content)) return false;
  return value.content.every((node) => isObject(node) && typeof node.type === "string");
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `{key}` / `{id}` / a bare key or id. Keys compare case-insensitively, as Jira does. */
export function findProject(ref: unknown): ProjectDef | undefined {
  const { id, key } = refParts(ref);
  return PROJECTS.find(
    (p) =>
      (id !== undefined && p.id === id) ||
      (key !== undefined && (p.key.toUpperCase() === key.toUpperCase() || p.id === key)),
  );
}

export function findIssueType(ref: unknown): IssueTypeDef | undefined {
  const { id, name } = refParts(ref);
  return ISSUE_TYPES.find(
    (t) => (id !== undefined && t.id === id) || (name !== undefined && t.name.toLowerCase() === name.toLowerCase()),
  );
}

export function findPriority(ref: unknown): PriorityDef | undefined {
  const { id, name } = refParts(ref);
  return PRIORITIES.find(
    (p) => (id !== undefined && p.id === id) || (name !== undefined && p.name.toLowerCase() === name.toLowerCase()),
  );
}

function refParts(ref: unknown): { id?: string; key?: string; name?: string } {
  if (typeof ref === "string") return { key: ref, name: ref };
  if (!isObject(ref)) return {};
  const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
  return { id: str(ref.id), key: str(ref.key), name: str(ref.name) };
}

export interface NewIssueInput {
  project: ProjectDef;
  issueType: IssueTypeDef;
  summary: string;
  description: AdfDoc | null;
  priority: PriorityDef;
  labels: string[];
  assigneeId: string | null;
  dueDate: string | null;
}

export interface EditInput {
  summary?: string;
  description?: AdfDoc | null;
  priority?: PriorityDef;
  labels?: string[];
  assigneeId?: string | null;
  dueDate?: string | null;
}

const CREATE_FIELDS = new Set([
  "project",
  "issuetype",
  "summary",
  "description",
  "priority",
  "labels",
  "assignee",
  "reporter",
  "duedate",
]);
const EDIT_FIELDS = new Set(["summary", "description", "priority", "labels", "assignee", "duedate"]);

/** Which fields the caller may set: the screen (less what the project took off it), minus `duedate` without Schedule Issues. */
function settable(screen: Set<string>, canSchedule: boolean, project?: ProjectDef): (name: string) => boolean {
  const off = new Set(project?.screens?.offScreen ?? []);
  return (name) => screen.has(name) && !off.has(name) && (name !== "duedate" || canSchedule);
}

/** The fields on a project's create (or edit) screen, for createmeta and editmeta. */
export function screenFieldIds(project: ProjectDef, kind: "create" | "edit", canSchedule: boolean): string[] {
  const onScreen = settable(kind === "create" ? CREATE_FIELDS : EDIT_FIELDS, canSchedule, project);
  return [...(kind === "create" ? CREATE_FIELDS : EDIT_FIELDS)].filter(onScreen);
}

/** A Jira date-picker value: "YYYY-MM-DD", a real calendar day. */
export function isJiraDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function validateCreate(fields: unknown, users: JiraUser[], canSchedule = true): NewIssueInput {
  if (!isObject(fields))
    throw jiraError(400, [], {
      project: "Specify a valid project ID or key",
      issuetype: "Specify an issue type",
      summary: "You must specify a summary of the issue.",
    });
  const errors: Record<string, string> = {};
  const project = findProject(fields.project);
  const onScreen = settable(CREATE_FIELDS, canSchedule, project);
  for (const name of Object.keys(fields))
    if (fields[name] !== undefined && !onScreen(name)) errors[name] = SCREEN_MESSAGE(name);
  if (!project) errors.project = "Specify a valid project ID or key";
  const issueType = fields.issuetype === undefined ? undefined : findIssueType(fields.issuetype);
  if (project && !issueType)
    errors.issuetype = fields.issuetype === undefined ? "Specify an issue type" : "The issue type selected is invalid.";
  const edit = validateFieldValues(fields, users, errors);
  if (fields.summary === undefined || fields.summary === null || fields.summary === "")
    errors.summary = "You must specify a summary of the issue.";
  if (Object.keys(errors).length > 0 || !project || !issueType) throw jiraError(400, [], errors);
  return {
    project,
    issueType,
    summary: edit.summary!,
    description: edit.description ?? null,
    priority: edit.priority ?? PRIORITIES.find((p) => p.isDefault)!,
    labels: edit.labels ?? [],
    assigneeId: edit.assigneeId ?? null,
    dueDate: edit.dueDate ?? null,
  };
}

/** `PUT /issue/{key}`: `fields` sets values; `update` applies operations (labels add/remove/set, summary/priority set). */
export function validateEdit(
  body: unknown,
  currentLabels: string[],
  users: JiraUser[],
  canSchedule = true,
  project?: ProjectDef,
): EditInput {
  const fields = isObject(body) && isObject(body.fields) ? body.fields : {};
  const update = isObject(body) && isObject(body.update) ? body.update : {};
  const errors: Record<string, string> = {};
  const onScreen = settable(EDIT_FIELDS, canSchedule, project);
  for (const name of [...Object.keys(fields), ...Object.keys(update)])
    if (!onScreen(name)) errors[name] = SCREEN_MESSAGE(name);
  const merged: Record<string, unknown> = { ...fields };
  for (const [name, ops] of Object.entries(update)) {
    if (!onScreen(name)) continue;
    if (!Array.isArray(ops)) {
      errors[name] = `Operation must be an array of operations for field '${name}'.`;
      continue;
    }
    let labels = name === "labels" ? [...((merged.labels as string[] | undefined) ?? currentLabels)] : [];
    for (const op of ops) {
      if (!isObject(op)) continue;
      if ("set" in op && name === "labels") labels = Array.isArray(op.set) ? (op.set as string[]) : [];
      else if ("set" in op) merged[name] = op.set;
      else if (name === "labels" && typeof op.add === "string")
        labels = labels.includes(op.add) ? labels : [...labels, op.add];
      else if (name === "labels" && typeof op.remove === "string") labels = labels.filter((l) => l !== op.remove);
      else errors[name] = `Unsupported operation for field '${name}'.`;
    }
    if (name === "labels") merged.labels = labels;
  }
  const edit = validateFieldValues(merged, users, errors);
  if ("summary" in merged && (merged.summary === null || merged.summary === ""))
    errors.summary = "You must specify a summary of the issue.";
  if (Object.keys(errors).length > 0) throw jiraError(400, [], errors);
  return edit;
}

function validateFieldValues(
  fields: Record<string, unknown>,
  users: JiraUser[],
  errors: Record<string, string>,
): EditInput {
  const out: EditInput = {};
  if (typeof fields.summary === "string" && fields.summary !== "") {
    if (fields.summary.length > 255) errors.summary = "Summary must be less than 255 characters.";
    else if (/[\r\n]/.test(fields.summary))
      errors.summary = "The summary is invalid because it contains newline characters.";
    else out.summary = fields.summary;
  } else if (fields.summary !== undefined && fields.summary !== null && fields.summary !== "")
    errors.summary = "Specify a valid value for summary";
  if (fields.description !== undefined) {
    if (fields.description === null) out.description = null;
    else if (isAdf(fields.description)) out.description = fields.description;
    else errors.description = ADF_MESSAGE;
  }
  if (fields.priority !== undefined) {
    const priority = findPriority(fields.priority);
    if (priority) out.priority = priority;
    else errors.priority = "The priority selected is invalid.";
  }
  if (fields.labels !== undefined) {
    const labels = fields.labels;
    if (!Array.isArray(labels) || !labels.every((l) => typeof l === "string"))
      errors.labels = "Specify a valid value for labels";
    else {
      const spaced = labels.find((l) => /\s/.test(l));
      if (spaced !== undefined) errors.labels = `The label '${spaced}' contains spaces which is invalid.`;
      else out.labels = [...new Set(labels)];
    }
  }
  if (fields.assignee !== undefined) {
    const accountId = isObject(fields.assignee) ? fields.assignee.accountId : fields.assignee;
    if (accountId === null || accountId === undefined) out.assigneeId = null;
    else if (typeof accountId === "string" && users.some((u) => u.accountId === accountId)) out.assigneeId = accountId;
    else errors.assignee = `Specified user does not exist or you do not have required permissions`;
  }
  // null clears the date. Anything but a "YYYY-MM-DD" calendar day is Jira's date-parse error.
  if (fields.duedate !== undefined) {
    if (fields.duedate === null) out.dueDate = null;
    else if (isJiraDate(fields.duedate)) out.dueDate = fields.duedate;
    else
      errors.duedate = `Error parsing date string: ${typeof fields.duedate === "string" ? fields.duedate : JSON.stringify(fields.duedate)}`;
  }
  return out;
}
