// The subset of CQL the emulator answers (https://developer.atlassian.com/cloud/confluence/advanced-searching-using-cql/,
// fields: https://developer.atlassian.com/cloud/confluence/cql-fields/): clauses joined by AND over
//   type = page | space = KEY | space.key = KEY | title = "…" | title ~ "…" | label = name | id = 123 | parent = 123 | ancestor = 123
// (= != and IN (…) where the field allows them), and ORDER BY created | lastmodified | title [ASC|DESC].
// Anything else is CqlUnsupported: the emulator cannot answer it as Confluence would, and records it.
//
// Content properties are NOT searchable by default: CQL sees a content property only when an app declares a
// "Content Property Index Key Configuration" (Connect module confluenceContentProperties) with extractions, which
// makes `content.property[key].path` (or the extraction's alias) a CQL field
// (https://developer.atlassian.com/cloud/confluence/modules/content-property-index-key-configuration/).
// Without such an app Confluence has no such field, so the emulator does not emulate it.
import { current, type ConfluenceState, type PageRecord } from "./state.ts";

export class CqlUnsupported extends Error {}
export class CqlSyntaxError extends Error {}

type Op = "=" | "!=" | "~" | "!~" | "in" | "not in";

export interface CqlClause {
  field: string;
  op: Op;
  values: string[];
}

export interface CqlQuery {
  clauses: CqlClause[];
  orderBy: { field: string; desc: boolean }[];
}

type Token = { kind: "word" | "string" | "op" | "paren" | "comma"; text: string };

function tokenize(cql: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(!=|!~|=|~|>=|<=|>|<)|([()])|(,)|([^\s=!~<>(),"']+))/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < cql.length && (m = re.exec(cql))) {
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: "string", text: m[1].slice(1, -1).replace(/\\(.)/g, "$1") });
    else if (m[2]) tokens.push({ kind: "op", text: m[2] });
    else if (m[3]) tokens.push({ kind: "paren", text: m[3] });
    else if (m[4]) tokens.push({ kind: "comma", text: m[4] });
    else if (m[5]) tokens.push({ kind: "word", text: m[5] });
    else break;
  }
  if (cql.slice(at).trim() !== "") throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
  return tokens;
}

const FIELD_OPS: Record<string, Op[]> = {
  type: ["=", "!=", "in", "not in"],
  space: ["=", "!=", "in", "not in"],
  "space.key": ["=", "!=", "in", "not in"],
  title: ["=", "!=", "~", "!~", "in", "not in"],
  label: ["=", "!=", "in", "not in"],
  id: ["=", "!=", "in", "not in"],
  parent: ["=", "!=", "in", "not in"],
  ancestor: ["=", "!=", "in", "not in"],
};
const ORDER_FIELDS = ["created", "lastmodified", "title"];

export function parseCql(cql: string): CqlQuery {
  const tokens = tokenize(cql);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    const t = tokens[i++];
    if (!t) throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
    return t;
  };
  const word = (t: Token | undefined, w: string) => t?.kind === "word" && t.text.toLowerCase() === w;
  const value = (): string => {
    const t = next();
    if (t.kind !== "word" && t.kind !== "string") throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
    if (t.kind === "word" && peek()?.text === "(")
      throw new CqlUnsupported(`CQL functions are not emulated: ${t.text}()`);
    return t.text;
  };
  const clauses: CqlClause[] = [];
  const orderBy: CqlQuery["orderBy"] = [];
  while (i < tokens.length) {
    if (word(peek(), "order")) break;
    if (clauses.length > 0) {
      const joiner = next();
      if (word(joiner, "or") || word(joiner, "not"))
        throw new CqlUnsupported(`CQL ${joiner.text.toUpperCase()} is not emulated`);
      if (!word(joiner, "and")) throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
    }
    const fieldToken = next();
    if (fieldToken.kind === "paren") throw new CqlUnsupported("parenthesised CQL clauses are not emulated");
    if (fieldToken.kind !== "word") throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
    const field = fieldToken.text.toLowerCase();
    if (/^content\.property\[|\[/.test(field) || (!(field in FIELD_OPS) && field.includes(".")))
      throw new CqlUnsupported(
        `CQL field "${fieldToken.text}" looks like a content-property search; Confluence only offers that when an app declares a Content Property Index Key Configuration, so it is not emulated`,
      );
    if (!(field in FIELD_OPS)) throw new CqlUnsupported(`CQL field "${fieldToken.text}" is not emulated`);
    const opToken = next();
    let op: Op;
    if (opToken.kind === "op") op = opToken.text as Op;
    else if (word(opToken, "in")) op = "in";
    else if (word(opToken, "not") && word(peek(), "in")) {
      next();
      op = "not in";
    } else throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
    if (!FIELD_OPS[field]!.includes(op)) throw new CqlUnsupported(`CQL operator ${op} on "${field}" is not emulated`);
    const values: string[] = [];
    if (op === "in" || op === "not in") {
      if (next().text !== "(") throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
      for (;;) {
        values.push(value());
        const sep = next();
        if (sep.text === ")") break;
        if (sep.kind !== "comma") throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
      }
    } else values.push(value());
    clauses.push({ field: field === "space.key" ? "space" : field, op, values });
  }
  if (word(peek(), "order")) {
    next();
    if (!word(next(), "by")) throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
    for (;;) {
      const f = next().text.toLowerCase();
      if (!ORDER_FIELDS.includes(f)) throw new CqlUnsupported(`CQL ORDER BY ${f} is not emulated`);
      let desc = false;
      if (word(peek(), "asc") || word(peek(), "desc")) desc = next().text.toLowerCase() === "desc";
      orderBy.push({ field: f, desc });
      if (peek()?.kind !== "comma") break;
      next();
    }
  }
  if (i < tokens.length) throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
  if (clauses.length === 0) throw new CqlSyntaxError(`Could not parse cql : ${cql}`);
  return { clauses, orderBy };
}

function clauseMatches(state: ConfluenceState, page: PageRecord, c: CqlClause): boolean {
  const title = current(page).title.toLowerCase();
  const any = (pred: (v: string) => boolean) => c.values.some(pred);
  let hit: boolean;
  switch (c.field) {
    case "type":
      hit = any((v) => v.toLowerCase() === "page");
      break;
    case "space":
      hit = any((v) => state.space(page.spaceId)!.key.toUpperCase() === v.toUpperCase());
      break;
    case "title":
      hit =
        c.op === "~" || c.op === "!~"
          ? any((v) => title.includes(v.toLowerCase().replace(/[*?]/g, "")))
          : any((v) => title === v.toLowerCase());
      break;
    case "label":
      hit = any((v) => state.labels(page).some((l) => l.prefix === "global" && l.name === v.toLowerCase()));
      break;
    case "id":
      hit = any((v) => v === page.id);
      break;
    case "parent":
      hit = any((v) => v === page.parentId);
      break;
    case "ancestor":
      hit = any((v) => state.isDescendant(page, v));
      break;
    default:
      hit = false;
  }
  return c.op === "!=" || c.op === "!~" || c.op === "not in" ? !hit : hit;
}

/** Pages matching the query, in ORDER BY order (else by id). */
export function runCql(state: ConfluenceState, query: CqlQuery, visible: (p: PageRecord) => boolean): PageRecord[] {
  const hits = state.allPages().filter((p) => visible(p) && query.clauses.every((c) => clauseMatches(state, p, c)));
  const key = (p: PageRecord, f: string): string | number =>
    f === "title" ? current(p).title.toLowerCase() : f === "created" ? p.createdAt : current(p).createdAt;
  return hits.sort((a, b) => {
    for (const o of query.orderBy) {
      const x = key(a, o.field);
      const y = key(b, o.field);
      if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
    }
    return Number(a.id) - Number(b.id);
  });
}
