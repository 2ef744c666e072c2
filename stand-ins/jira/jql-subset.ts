// The small JQL subset the emulator understands:
//   issue.property[<key>].<path> = "value" | in (...)     project = KEY | in (...)     key|issuekey|issue = K | in (...)
//   duedate|due  = != < <= > >= "2026-12-01" (or 2026/12/01, optionally " HH:mm") | in (...) | is [not] EMPTY
//   labels = "name" | in (...)
// joined by AND, optionally followed by ORDER BY <anything> (ignored). Anything else is rejected with a 400 in Jira's
// error shape; clauses real Jira would accept but this emulator does not are flagged `unsupported` so the emulator
// can record them as unexpected. Ref: https://support.atlassian.com/jira-service-management-cloud/docs/use-advanced-search-with-jira-query-language-jql/
import { PROJECTS } from "./seed.ts";
import type { IssueRecord } from "./types.ts";

export type JqlField =
  | { kind: "project" }
  | { kind: "key" }
  | { kind: "labels" }
  | { kind: "property"; key: string; path: string[] }
  | { kind: "duedate"; name: string };

export type JqlOperator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "is" | "is not";

export interface JqlClause {
  field: JqlField;
  op: JqlOperator;
  /** For is / is not (and = EMPTY), the single value "EMPTY". */
  values: string[];
  text: string;
}

export class JqlError extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

/** Fields real Jira knows; using one is an emulator limitation rather than a caller mistake. */
const REAL_FIELDS = new Set([
  "status",
  "statuscategory",
  "summary",
  "description",
  "text",
  "assignee",
  "reporter",
  "creator",
  "priority",
  "created",
  "updated",
  "resolution",
  "resolved",
  "issuetype",
  "type",
  "sprint",
  "parent",
  "comment",
  "component",
  "fixversion",
]);

type Token = { kind: "word" | "string" | "punct"; value: string; pos: number };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = "";
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === "\\") j++;
        value += jql[j] ?? "";
        j++;
      }
      if (j >= jql.length)
        throw new JqlError(
          `Error in the JQL Query: The quoted string '${value}' has not been completed. (line 1, character ${i + 1})`,
        );
      tokens.push({ kind: "string", value, pos: i });
      i = j + 1;
    } else if ("(),".includes(c)) tokens.push({ kind: "punct", value: c, pos: i++ });
    else if (/[=!<>~]/.test(c)) {
      const op = /^(!=|!~|<=|>=|=|<|>|~)/.exec(jql.slice(i))![0];
      tokens.push({ kind: "punct", value: op, pos: i });
      i += op.length;
    } else {
      const m = /^[^\s"'(),=!<>~]+/.exec(jql.slice(i))!;
      tokens.push({ kind: "word", value: m[0], pos: i });
      i += m[0].length;
    }
  }
  return tokens;
}

export function parseJql(jql: string): JqlClause[] {
  const tokens = tokenize(jql);
  const clauses: JqlClause[] = [];
  let i = 0;
  const peek = () => tokens[i];
  const at = (t: Token | undefined) => (t ? `(line 1, character ${t.pos + 1})` : "(end of query)");
  const isWord = (t: Token | undefined, w: string) => t?.kind === "word" && t.value.toUpperCase() === w;
  /** A value; for the due date a function call (now(), startOfDay()…) is recognised and reported as unsupported. */
  const value = (field: JqlField) => {
    const v = operand(tokens[i++], at);
    if (field.kind === "duedate" && peek()?.value === "(")
      throw new JqlError(`The Jira emulator does not support JQL functions ('${v}()').`, true);
    return v;
  };
  const parseOperator = (field: JqlField): { op: JqlOperator; values: string[] } => {
    const op = peek();
    const dates = field.kind === "duedate";
    if (op?.kind === "punct" && (op.value === "=" || (dates && ["!=", "<", "<=", ">", ">="].includes(op.value)))) {
      i++;
      return { op: op.value as JqlOperator, values: [value(field)] };
    }
    if (isWord(op, "IN")) {
      i++;
      if (peek()?.value !== "(") throw new JqlError(`Error in the JQL Query: Expecting '(' after 'in' ${at(peek())}`);
      i++;
      const values = [value(field)];
      while (peek()?.value === ",") {
        i++;
        values.push(value(field));
      }
      if (peek()?.value !== ")") throw new JqlError(`Error in the JQL Query: Expecting ')' ${at(peek())}`);
      i++;
      return { op: "in", values };
    }
    if (dates && isWord(op, "IS")) {
      i++;
      const negated = isWord(peek(), "NOT");
      if (negated) i++;
      if (!isWord(peek(), "EMPTY") && !isWord(peek(), "NULL"))
        throw new JqlError(
          `Error in the JQL Query: Expecting 'EMPTY' or 'NULL' after 'is${negated ? " not" : ""}' ${at(peek())}`,
        );
      i++;
      return { op: negated ? "is not" : "is", values: ["EMPTY"] };
    }
    if (op && (op.kind === "punct" || ["IS", "NOT", "WAS", "CHANGED"].includes(op.value.toUpperCase()))) {
      const supported = dates ? "=, !=, <, <=, >, >=, IN, IS [NOT] EMPTY" : "= and IN";
      throw new JqlError(
        `The Jira emulator does not support the operator '${op.value}' in JQL (only ${supported}).`,
        true,
      );
    }
    throw new JqlError(
      `Error in the JQL Query: Expecting operator but got '${op?.value ?? "end of query"}'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. ${at(op)}`,
    );
  };
  while (i < tokens.length) {
    if (isWord(peek(), "ORDER")) {
      if (!isWord(tokens[i + 1], "BY") || i + 2 >= tokens.length)
        throw new JqlError(`Error in the JQL Query: Expecting 'BY' after 'ORDER' ${at(tokens[i + 1])}`);
      break; // ordering is ignored
    }
    if (clauses.length > 0) {
      const t = peek()!;
      if (isWord(t, "OR") || isWord(t, "NOT"))
        throw new JqlError(`The Jira emulator does not support '${t.value.toUpperCase()}' in JQL (only AND).`, true);
      if (!isWord(t, "AND"))
        throw new JqlError(`Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${t.value}'. ${at(t)}`);
      i++;
    }
    const start = peek();
    if (!start || start.kind !== "word")
      throw new JqlError(
        `Error in the JQL Query: Expecting a field name but got '${start?.value ?? "end of query"}'. ${at(start)}`,
      );
    i++;
    const field = parseField(start.value);
    const { op, values } = parseOperator(field);
    const end = tokens[i - 1]!;
    clauses.push({
      field,
      op,
      values,
      text: jql.slice(start.pos, end.pos + end.value.length + (end.kind === "string" ? 2 : 0)),
    });
  }
  if (clauses.length === 0)
    throw new JqlError("Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
  return clauses;
}

function operand(t: Token | undefined, at: (t: Token | undefined) => string): string {
  if (!t || t.kind === "punct")
    throw new JqlError(
      `Error in the JQL Query: Expecting either a value, list or function but got '${t?.value ?? "end of query"}'. ${at(t)}`,
    );
  return t.value;
}

function parseField(word: string): JqlField {
  const lower = word.toLowerCase();
  if (lower === "project") return { kind: "project" };
  if (lower === "key" || lower === "issuekey" || lower === "issue" || lower === "id") return { kind: "key" };
  if (lower === "duedate" || lower === "due") return { kind: "duedate", name: word };
  if (lower === "labels" || lower === "label") return { kind: "labels" };
  const prop = /^issue\.property\[([^\]]+)\]((?:\.[^.]+)+)$/i.exec(word);
  if (prop) return { kind: "property", key: prop[1]!.replace(/^["']|["']$/g, ""), path: prop[2]!.slice(1).split(".") };
  if (REAL_FIELDS.has(lower) || /^cf\[\d+\]$|^customfield_\d+$/i.test(word))
    throw new JqlError(`The Jira emulator does not support the field '${word}' in JQL.`, true);
  throw new JqlError(`Field '${word}' does not exist or you do not have permission to view it.`);
}

/**
 * Checks clause values against the site, as Jira does before searching: an unknown project or issue key is a 400.
 * A property that no app indexed is not an error: real Jira answers such a query with no error and no match
 * (see matchesJql).
 */
export function checkJql(clauses: JqlClause[], find: (keyOrId: string) => IssueRecord | undefined): void {
  for (const c of clauses) {
    if (c.field.kind === "project") {
      for (const v of c.values)
        if (!findProjectId(v)) throw new JqlError(`The value '${v}' does not exist for the field 'project'.`);
    } else if (c.field.kind === "key") {
      for (const v of c.values) {
        if (!/^\d+$/.test(v) && !/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(v))
          throw new JqlError(`The issue key '${v}' for field 'key' is invalid.`);
        if (!find(v)) throw new JqlError(`An issue with key '${v}' does not exist for field 'key'.`);
      }
    } else if (c.field.kind === "duedate") {
      for (const v of c.values) if (!isEmptyWord(v)) jqlDate(v, c.field.name);
    }
  }
}

/**
 * Whether `issue` matches. `issue.property[key]` matches only when an app indexed `key` (a Forge
 * `jira:entityProperty` module); otherwise nothing matches, silently, as a live site answers
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/).
 */
export function matchesJql(clauses: JqlClause[], issue: IssueRecord, indexedPropertyKeys: readonly string[]): boolean {
  return clauses.every((c) => {
    if (c.field.kind === "project") return c.values.some((v) => findProjectId(v) === issue.projectId);
    if (c.field.kind === "key") return c.values.some((v) => v === issue.id || v.toUpperCase() === issue.key);
    if (c.field.kind === "duedate") return matchesDueDate(c, issue.dueDate);
    if (c.field.kind === "labels") return c.values.some((v) => issue.labels.includes(v));
    if (!indexedPropertyKeys.includes(c.field.key)) return false;
    let value: unknown = issue.properties[c.field.key];
    for (const part of c.field.path)
      value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
    const candidates = Array.isArray(value) ? value : [value];
    return candidates.some(
      (v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean") && c.values.includes(String(v)),
    );
  });
}

const isEmptyWord = (v: string) => ["EMPTY", "NULL"].includes(v.toUpperCase());

/**
 * A JQL date value as a sortable "yyyy-MM-dd HH:mm" string. Jira accepts 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm',
 * 'yyyy/MM/dd', 'yyyy-MM-dd' or a period relative to now ('-5d', '4w 2d'); periods (like functions) are left to real
 * Jira and flagged unsupported. Ref: https://support.atlassian.com/jira-software-cloud/docs/jql-fields/ ("Due")
 */
function jqlDate(value: string, field: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(value.trim());
  const pad = (n: string) => n.padStart(2, "0");
  if (m) {
    const [y, mo, d, h = "0", mi = "00"] = m.slice(1) as [
      string,
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && Number(h) < 24 && Number(mi) < 60)
      return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${mi}`;
  }
  if (/^[-+]?\d+[wdhm](\s*[-+]?\d+[wdhm])*$/i.test(value.trim()))
    throw new JqlError(`The Jira emulator does not support relative dates in JQL ('${value}').`, true);
  throw new JqlError(
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

/** The due date is a day: compared as its midnight. An empty due date matches only EMPTY (not even !=). */
function matchesDueDate(c: JqlClause, due: string | null): boolean {
  if (c.op === "is" || c.op === "is not") return (due === null) === (c.op === "is");
  if (due === null) return c.values.some(isEmptyWord) && (c.op === "=" || c.op === "in");
  const have = `${due} 00:00`;
  const wanted = c.values.filter((v) => !isEmptyWord(v)).map((v) => jqlDate(v, "duedate"));
  switch (c.op) {
    case "=":
    case "in":
      return wanted.includes(have);
    case "!=":
      return wanted.length > 0 && !wanted.includes(have);
    case "<":
      return have < wanted[0]!;
    case "<=":
      return have <= wanted[0]!;
    case ">":
      return have > wanted[0]!;
    case ">=":
      return have >= wanted[0]!;
  }
}

function findProjectId(value: string): string | undefined {
  return PROJECTS.find(
    (p) =>
      p.key.toUpperCase() === value.toUpperCase() || p.id === value || p.name.toLowerCase() === value.toLowerCase(),
  )?.id;
}
