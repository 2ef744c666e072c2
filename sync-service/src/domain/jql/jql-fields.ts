// How each JQL field reads a Jira issue in the REST v3 shape (GET /rest/api/3/issue/{key}):
// https://support.atlassian.com/jira-software-cloud/docs/jql-fields/
import { parseFieldDate } from "./jql-dates.ts";

/** A value that JQL may name several ways: by name, key or id (projects, statuses, users …). */
export type Named = readonly string[];

export type FieldValue =
  | { kind: "named"; values: Named[] }
  | { kind: "text"; text: string }
  | { kind: "date"; date: Date | null }
  | { kind: "number"; value: number | null }
  | { kind: "key"; key: string; id: string }
  | { kind: "unknown"; reason: string };

export interface JiraIssueLike {
  id?: string | number;
  key?: string;
  fields?: Record<string, any>;
}

export interface FieldContext {
  readonly timeZone: string;
  /** Custom field names (lower-case) → ids like "customfield_10010", when known. */
  readonly customFields?: Readonly<Record<string, string>>;
}

const ALIASES: Record<string, string> = {
  type: "issuetype",
  label: "labels",
  component: "components",
  fixversion: "fixVersions",
  affectedversion: "versions",
  createddate: "created",
  updateddate: "updated",
  resolved: "resolutiondate",
  due: "duedate",
  issuekey: "key",
  issue: "key",
  id: "key",
  statuscategory: "statusCategory",
  watchers: "watches",
};

const NAMED_FIELDS = new Set([
  "project",
  "issuetype",
  "status",
  "priority",
  "resolution",
  "labels",
  "components",
  "fixVersions",
  "versions",
  "assignee",
  "reporter",
  "creator",
  "statusCategory",
]);

/** The canonical name of a (lower-cased) JQL field when readField reads it as named values, else null. */
export function namedFieldOf(field: string): string | null {
  const name = ALIASES[field] ?? field;
  return NAMED_FIELDS.has(name) ? name : null;
}

const DATE_FIELDS = new Set(["created", "updated", "resolutiondate", "duedate", "lastViewed", "lastviewed"]);
const NUMBER_FIELDS = new Set(["votes", "watches"]);

/** Whether a (lower-cased) JQL field compares dates or numbers, for the fields read here; null for any other. */
export function valueKindOf(field: string): "date" | "number" | null {
  const name = ALIASES[field] ?? field;
  return DATE_FIELDS.has(name) ? "date" : NUMBER_FIELDS.has(name) ? "number" : null;
}

/** Every name a value answers to, lower-cased once (JQL compares names case-insensitively). */
const names = (v: any): Named =>
  [v?.name, v?.key, v?.value, v?.id, v?.accountId, v?.displayName, v?.emailAddress]
    .filter((x) => x !== undefined && x !== null)
    .map((x) => String(x).toLowerCase());
const named = (v: any): FieldValue => ({
  kind: "named",
  values:
    v === null || v === undefined
      ? []
      : (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "object" ? names(x) : [String(x).toLowerCase()])),
});

/** Plain text of an ADF document or a string (description, environment, comment bodies). */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  const n = value as { text?: string; content?: unknown[] } | null;
  if (!n || typeof n !== "object") return "";
  return [n.text ?? "", ...(n.content ?? []).map(textOf)].join(" ");
}

export function readField(issue: JiraIssueLike, field: string, ctx: FieldContext): FieldValue {
  const f = issue.fields ?? {};
  const name = ALIASES[field] ?? field;
  switch (name) {
    case "key":
      return { kind: "key", key: String(issue.key ?? ""), id: String(issue.id ?? "") };
    case "project":
    case "issuetype":
    case "status":
    case "priority":
    case "resolution":
    case "labels":
    case "components":
    case "fixVersions":
    case "versions":
    case "assignee":
    case "reporter":
    case "creator":
      return named(f[name]);
    case "statusCategory":
      return named(f.status?.statusCategory);
    case "summary":
    case "environment":
    case "description":
      return { kind: "text", text: textOf(f[name]) };
    case "comment":
      return { kind: "text", text: (f.comment?.comments ?? []).map((c: any) => textOf(c.body)).join(" ") };
    case "text":
      return {
        kind: "text",
        text: [
          f.summary,
          textOf(f.description),
          textOf(f.environment),
          ...(f.comment?.comments ?? []).map((c: any) => textOf(c.body)),
        ].join(" "),
      };
    case "created":
    case "updated":
    case "resolutiondate":
    case "duedate":
    case "lastViewed":
      return { kind: "date", date: parseFieldDate(f[name], ctx.timeZone) };
    case "votes":
      return { kind: "number", value: f.votes?.votes ?? null };
    case "watches":
      return { kind: "number", value: f.watches?.watchCount ?? null };
    default:
      return customField(f, name, ctx);
  }
}

function customField(f: Record<string, any>, name: string, ctx: FieldContext): FieldValue {
  const byId = /^cf\[(\d+)\]$/.exec(name);
  const id = byId ? `customfield_${byId[1]}` : ctx.customFields?.[name];
  if (!id)
    return {
      kind: "unknown",
      reason: `the field "${name}" is not known locally (a custom field by name needs the site's field list)`,
    };
  if (!(id in f)) return { kind: "unknown", reason: `the issue payload does not include ${id} ("${name}")` };
  const value = f[id];
  if (typeof value === "number") return { kind: "number", value };
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value))
    return { kind: "date", date: parseFieldDate(value, ctx.timeZone) };
  return named(value);
}
