// One check for every string that comes in — JSON bodies, webhook bodies, form fields, query strings and
// path segments — before any handler sees it: PostgreSQL text and jsonb cannot hold NUL (U+0000), and an
// unpaired UTF-16 surrogate is not Unicode text (jsonb refuses its `\ud800` escape; text stores garbage), so
// both are refused with a 400 naming where they were instead of failing at the INSERT as a 500. Nesting is
// bounded too: JSON.parse reads any depth, but whatever walks the value recursively afterwards (zod,
// JSON.stringify for jsonb, templates) overflows the stack long before 1 MB of `[[[…` runs out.
import type { NextFunction, Request, Response } from "express";
import { BadRequestWebError, type FieldProblem } from "../errors.ts";

/** Deeper than any payload a sender Firewatch knows writes (Jira, Slack, Statuspage, Alertmanager, Forge). */
export const MAX_INPUT_DEPTH = 64;

const UNSTORABLE = /[\0\p{Cs}]/u;

type Key = string | number;
interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | null;
  readonly key: Key | null;
}

function pathOf(frame: Frame, extra?: Key): Key[] {
  const keys: Key[] = extra === undefined ? [] : [extra];
  for (let f: Frame | null = frame; f?.key != null; f = f.parent) keys.unshift(f.key);
  return keys;
}

/** `levels[0].targets`, as the schema errors name fields. */
export function formatPath(keys: readonly Key[]): string {
  return keys.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${k}`)).join("");
}

/** What is wrong with `text` for storing, or null. */
export function characterProblem(text: string): string | null {
  const found = UNSTORABLE.exec(text)?.[0];
  if (found === undefined) return null;
  if (found === "\0") return "contains a NUL character (U+0000), which cannot be stored; remove it";
  const code = found.charCodeAt(0).toString(16).toUpperCase();
  return `contains an unpaired surrogate (U+${code}), which is not Unicode text; send valid UTF-8`;
}

/** The first string, key or nesting in a parsed value that cannot be stored. Iterative: the value may nest deeper than the stack. */
export function findInputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): FieldProblem | null {
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v === "string") {
      const problem = characterProblem(v);
      if (problem) return { path: formatPath(pathOf(frame)), message: problem };
    } else if (typeof v === "object" && v !== null) {
      if (frame.depth >= maxDepth) {
        const keys = pathOf(frame);
        return {
          path: `${formatPath(keys.slice(0, 4))}${keys.length > 4 ? "…" : ""}`,
          message: `nests more than ${maxDepth} levels deep; flatten it`,
        };
      }
      const entries: [Key, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
      for (const [key, item] of entries) {
        const keyProblem = typeof key === "string" ? characterProblem(key) : null;
        if (keyProblem) return { path: formatPath(pathOf(frame)), message: `has a key that ${keyProblem}` };
        stack.push({ value: item, depth: frame.depth + 1, parent: frame, key });
      }
    }
  }
  return null;
}

/** @throws BadRequestWebError naming the field when `value` holds something that cannot be stored */
export function refuseUnstorable(value: unknown, what: string): void {
  const problem = findInputProblem(value);
  if (!problem) return;
  const code = problem.message.startsWith("nests") ? "REQUEST.TOO_DEEP" : "REQUEST.INVALID_CHARACTER";
  throw new BadRequestWebError(
    code,
    `Invalid ${what}: ${problem.path ? `\`${problem.path}\`` : "the value"} ${problem.message}.`,
    [problem],
  );
}

/** Parses a raw webhook body as JSON and checks it. @throws BadRequestWebError REQUEST.MALFORMED_JSON, or as refuseUnstorable */
export function readJson(body: Buffer, what: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new BadRequestWebError("REQUEST.MALFORMED_JSON", `The ${what} is not valid JSON.`);
  }
  refuseUnstorable(json, what);
  return json;
}

/** Parses a raw form-encoded body and checks each field. @throws BadRequestWebError as refuseUnstorable */
export function readForm(body: Buffer, what: string): URLSearchParams {
  const form = new URLSearchParams(body.toString("utf8"));
  for (const [name, value] of form) refuseUnstorable({ [name]: value }, what);
  return form;
}

/** Checks what a body parser left in `req.body`; mount it right after one. */
export function checkedBody(what = "request body") {
  // Typed structurally, so mounting it beside a route's handler leaves that route's path parameters typed.
  return (req: { body?: unknown }, _res: unknown, next: NextFunction) => {
    refuseUnstorable(req.body, what);
    next();
  };
}

/** Each path segment must be percent-encoded UTF-8 (express decodes path parameters with decodeURIComponent). */
function checkPath(path: string): void {
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new BadRequestWebError(
        "REQUEST.MALFORMED_PATH",
        `The path segment \`${segment.slice(0, 100)}\` is not percent-encoded UTF-8; encode it with encodeURIComponent.`,
      );
    }
    const problem = characterProblem(decoded);
    if (problem)
      throw new BadRequestWebError(
        "REQUEST.INVALID_CHARACTER",
        `The path segment \`${segment.slice(0, 100)}\` ${problem}.`,
        [{ path: "path", message: problem }],
      );
  }
}

/** App-wide, before any router: the path and the query string of every request. */
export function checkedUrl() {
  return (req: Request, _res: Response, next: NextFunction) => {
    checkPath(req.path);
    refuseUnstorable(req.query, "query string");
    next();
  };
}
