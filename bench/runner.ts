// Which parts one `npm run bench` runs, on which databases, and what became of each. Pure (no I/O of its own), so
// bench/runner.test.ts can check the selection and the failure reporting without running a benchmark.
import { performance } from "node:perf_hooks";

export type Engine = "pglite" | "postgres";
export const ENGINES: readonly Engine[] = ["pglite", "postgres"];

/** What a part found wrong (the run fails) and what is only worth reading (a missed goal, a caveat). */
export interface Verdict {
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

export interface PartSpec {
  readonly name: string;
  readonly summary: string;
  /** The databases the part runs on, once each; empty when it needs none. */
  readonly engines: readonly Engine[];
  /** What this machine lacks for the part (Chromium), or null. */
  missing?(): string | null;
  run(database: Engine | null): Promise<Verdict>;
}

export interface Invocation {
  readonly help: boolean;
  readonly smoke: boolean;
  /** Part names in the suite's order; every part when none was named. */
  readonly parts: readonly string[];
  /** True when parts were named: what a named part cannot run for is a failure, not a skip. */
  readonly named: boolean;
  readonly engines: readonly Engine[];
  /** True when --db chose the databases: one of them unusable is then a failure, not a skip. */
  readonly enginesNamed: boolean;
}

export class UsageError extends Error {}

/** `[--smoke] [--db=pglite|postgres|pglite,postgres] [part ...]`, or `--help`. */
export function parseArgs(argv: readonly string[], known: readonly string[]): Invocation {
  const named = new Set<string>();
  let smoke = false;
  let help = false;
  let engines: readonly Engine[] = ENGINES;
  let enginesNamed = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--smoke") smoke = true;
    else if (arg === "--db" || arg.startsWith("--db=")) {
      const value = arg === "--db" ? argv[++i] : arg.slice("--db=".length);
      const list = (value ?? "").split(",").filter(Boolean);
      const wrong = list.filter((e) => !ENGINES.includes(e as Engine));
      if (list.length === 0 || wrong.length)
        throw new UsageError(`--db takes ${ENGINES.join(", ")} (comma-separated), got "${value ?? ""}"`);
      engines = ENGINES.filter((e) => list.includes(e));
      enginesNamed = true;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (!known.includes(arg)) throw new UsageError(`no part "${arg}"; the parts are: ${known.join(", ")}`);
    else named.add(arg);
  }
  const parts = named.size ? known.filter((k) => named.has(k)) : [...known];
  return { help, smoke, parts, named: named.size > 0, engines, enginesNamed };
}

export function helpText(parts: readonly PartSpec[]): string {
  const width = Math.max(...parts.map((p) => p.name.length));
  return [
    "usage: npm run bench -- [--smoke] [--db=pglite|postgres] [part ...]",
    "",
    "  --smoke   every part with tiny counts: checks that it runs and that its counts add up, no figures to keep",
    "  --db      only these databases (default: PGlite, and PostgreSQL when reachable on loopback)",
    "  part      run only these parts (default: all)",
    "",
    "parts:",
    ...parts.map(
      (p) => `  ${p.name.padEnd(width)}  ${p.summary}${p.engines.length ? ` [${p.engines.join(", ")}]` : ""}`,
    ),
  ].join("\n");
}

export type Status = "ok" | "FAILED" | "skipped" | "not run";

export interface Outcome {
  readonly part: string;
  readonly database: Engine | null;
  readonly status: Status;
  readonly seconds: number | null;
  /** The error or the problems when FAILED, the reason when skipped. */
  readonly detail: string;
  readonly notes: readonly string[];
}

export interface Step {
  readonly part: PartSpec;
  readonly database: Engine | null;
  /** Set when the step cannot run here: a skip, or a failure when it was asked for by name or by setting. */
  readonly blocked: { readonly status: "skipped" | "FAILED"; readonly reason: string } | null;
}

export interface PostgresAvailability {
  /** Why PostgreSQL cannot be used, or null. */
  readonly unavailable: string | null;
  /** Asked for (a URL in the environment, or --db=postgres): unusable is then a failure, not a skip. */
  readonly required: boolean;
}

/** One step per part and database, in the suite's order. */
export function planSteps(parts: readonly PartSpec[], inv: Invocation, postgres: PostgresAvailability): Step[] {
  const steps: Step[] = [];
  for (const part of parts.filter((p) => inv.parts.includes(p.name))) {
    const engines: (Engine | null)[] = part.engines.length
      ? part.engines.filter((e) => inv.engines.includes(e))
      : [null];
    const missing = part.missing?.() ?? null;
    for (const database of engines) {
      let blocked: Step["blocked"] = null;
      if (missing) blocked = { status: inv.named ? "FAILED" : "skipped", reason: missing };
      else if (database === "postgres" && postgres.unavailable)
        blocked = { status: postgres.required ? "FAILED" : "skipped", reason: postgres.unavailable };
      steps.push({ part, database, blocked });
    }
  }
  return steps;
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);

/**
 * Runs the steps one after another; a step that throws or reports problems is FAILED and the next one still runs.
 * Each outcome is pushed to `sink` as soon as it is known, so whoever holds `sink` can report a run cut short.
 */
export async function runSteps(
  steps: readonly Step[],
  sink: Outcome[],
  onStart: (step: Step) => void = () => {},
): Promise<Outcome[]> {
  for (const step of steps) {
    const base = { part: step.part.name, database: step.database };
    if (step.blocked) {
      sink.push({ ...base, status: step.blocked.status, seconds: null, detail: step.blocked.reason, notes: [] });
      continue;
    }
    onStart(step);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const verdict = await step.part.run(step.database);
      const failed = verdict.problems.length > 0;
      sink.push({
        ...base,
        status: failed ? "FAILED" : "ok",
        seconds: seconds(),
        detail: verdict.problems.join("; "),
        notes: verdict.notes,
      });
    } catch (error) {
      sink.push({ ...base, status: "FAILED", seconds: seconds(), detail: describe(error), notes: [] });
    }
  }
  return sink;
}

/** The steps without an outcome yet, for a run cut short by its deadline: the one running FAILED, the rest not run. */
export function unfinished(steps: readonly Step[], outcomes: readonly Outcome[], reason: string): Outcome[] {
  return steps.slice(outcomes.length).map((s, i) => ({
    part: s.part.name,
    database: s.database,
    status: i === 0 ? "FAILED" : "not run",
    seconds: null,
    detail: i === 0 ? `still running when ${reason}` : reason,
    notes: [],
  }));
}

export function exitCode(outcomes: readonly Outcome[]): number {
  return outcomes.some((o) => o.status === "FAILED" || o.status === "not run") ? 1 : 0;
}

const cell = (text: string) => text.replace(/\s*\n\s*/g, " ").replaceAll("|", "\\|");

export function statusMarkdown(outcomes: readonly Outcome[]): string[] {
  return [
    "| part | database | status | seconds | detail |",
    "|---|---|---|---:|---|",
    ...outcomes.map(
      (o) =>
        `| ${o.part} | ${o.database ?? "—"} | ${o.status} | ${o.seconds === null ? "" : o.seconds.toFixed(1)} | ${cell(o.detail.length > 600 ? `${o.detail.slice(0, 600)}…` : o.detail)} |`,
    ),
  ];
}
