// The bench runner's own logic: which parts and databases an invocation selects, and how a failing part is reported
// without losing the others. The parts here are stand-ins that record their calls; no benchmark runs.
import { describe, expect, it } from "vitest";
import {
  exitCode,
  helpText,
  parseArgs,
  planSteps,
  runSteps,
  statusMarkdown,
  unfinished,
  UsageError,
  type Engine,
  type Outcome,
  type PartSpec,
  type PostgresAvailability,
  type Verdict,
} from "./runner.ts";

const OK: Verdict = { problems: [], notes: [] };

function part(name: string, engines: Engine[], run: PartSpec["run"] = async () => OK, missing?: string): PartSpec {
  return { name, summary: `the ${name} part`, engines, run, missing: missing ? () => missing : undefined };
}

const NAMES = ["intake", "slack", "jql", "console"];
const reachable: PostgresAvailability = { unavailable: null, required: false };

describe("parseArgs", () => {
  it("selects every part on both databases by default", () => {
    expect(parseArgs([], NAMES)).toEqual({
      help: false,
      smoke: false,
      parts: NAMES,
      named: false,
      engines: ["pglite", "postgres"],
      enginesNamed: false,
    });
  });

  it("keeps the suite's order and drops repeats, whatever the order on the command line", () => {
    const inv = parseArgs(["jql", "--smoke", "slack", "jql"], NAMES);
    expect(inv.parts).toEqual(["slack", "jql"]);
    expect(inv).toMatchObject({ smoke: true, named: true });
  });

  it("takes --db as --db=x or --db x, comma-separated, in the suite's order", () => {
    expect(parseArgs(["--db=postgres"], NAMES)).toMatchObject({ engines: ["postgres"], enginesNamed: true });
    expect(parseArgs(["--db", "postgres,pglite", "slack"], NAMES)).toMatchObject({
      engines: ["pglite", "postgres"],
      parts: ["slack"],
    });
  });

  it.each([
    [["slak"], 'no part "slak"; the parts are: intake, slack, jql, console'],
    [["--fast"], "unknown option --fast"],
    [["--db=mysql"], '--db takes pglite, postgres (comma-separated), got "mysql"'],
    [["--db"], '--db takes pglite, postgres (comma-separated), got ""'],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseArgs(argv, NAMES)).toThrow(new UsageError(message));
  });

  it("--help wins over the rest and lists every part with its databases", () => {
    expect(parseArgs(["slack", "--help"], NAMES).help).toBe(true);
    const text = helpText([part("slack", ["pglite", "postgres"]), part("jql", [])]);
    expect(text).toContain("  slack  the slack part [pglite, postgres]");
    expect(text).toMatch(/ {2}jql {4}the jql part$/m);
  });
});

describe("planSteps", () => {
  const parts = [
    part("intake", ["pglite", "postgres"]),
    part("jql", []),
    part("console", ["pglite"], undefined, "no Chromium"),
  ];
  const plan = (argv: string[], postgres = reachable) =>
    planSteps(parts, parseArgs(argv, ["intake", "jql", "console"]), postgres).map((s) => [
      s.part.name,
      s.database,
      s.blocked?.status ?? "run",
    ]);

  it("runs each part once per database it uses, and once when it uses none", () => {
    expect(plan([])).toEqual([
      ["intake", "pglite", "run"],
      ["intake", "postgres", "run"],
      ["jql", null, "run"],
      ["console", "pglite", "skipped"],
    ]);
  });

  it("--db leaves out the other database but not the parts that need none", () => {
    expect(plan(["--db=postgres"])).toEqual([
      ["intake", "postgres", "run"],
      ["jql", null, "run"],
    ]);
  });

  it("skips PostgreSQL when it is unusable and was not asked for; fails it when it was", () => {
    const down: PostgresAvailability = { unavailable: "not reachable", required: false };
    expect(plan(["intake"], down)).toEqual([
      ["intake", "pglite", "run"],
      ["intake", "postgres", "skipped"],
    ]);
    expect(plan(["intake"], { ...down, required: true })).toEqual([
      ["intake", "pglite", "run"],
      ["intake", "postgres", "FAILED"],
    ]);
  });

  it("a part named on the command line that this machine cannot run fails instead of being skipped", () => {
    expect(plan(["console"])).toEqual([["console", "pglite", "FAILED"]]);
  });
});

describe("runSteps", () => {
  it("reports a part that throws or finds problems as FAILED, and still runs and keeps the others", async () => {
    const ran: string[] = [];
    const parts = [
      part("intake", ["pglite"], async () => {
        ran.push("intake");
        throw new Error("slack emulator: U0ALICE is not in C0CH00001; invite them first");
      }),
      part("slack", ["pglite", "postgres"], async (db) => {
        ran.push(`slack ${db}`);
        return db === "postgres" ? { problems: ["3 messages lost", "1 duplicate"], notes: [] } : OK;
      }),
      part("jql", [], async () => {
        ran.push("jql");
        return { problems: [], notes: ["p95 over the goal"] };
      }),
    ];
    const inv = parseArgs([], ["intake", "slack", "jql"]);
    const outcomes = await runSteps(planSteps(parts, inv, reachable), []);
    expect(ran).toEqual(["intake", "slack pglite", "slack postgres", "jql"]);
    expect(outcomes.map((o) => [o.part, o.database, o.status, o.detail, o.notes])).toEqual([
      ["intake", "pglite", "FAILED", "slack emulator: U0ALICE is not in C0CH00001; invite them first", []],
      ["slack", "pglite", "ok", "", []],
      ["slack", "postgres", "FAILED", "3 messages lost; 1 duplicate", []],
      ["jql", null, "ok", "", ["p95 over the goal"]],
    ]);
    expect(outcomes.every((o) => typeof o.seconds === "number")).toBe(true);
    expect(exitCode(outcomes)).toBe(1);
    expect(exitCode(outcomes.filter((o) => o.status === "ok"))).toBe(0);
  });

  it("records a blocked step without running it; a skip alone does not fail the run", async () => {
    let ran = false;
    const parts = [part("console", ["pglite"], async () => ((ran = true), OK), "no Chromium at /usr/bin/chromium")];
    const outcomes = await runSteps(planSteps(parts, parseArgs([], ["console"]), reachable), []);
    expect(ran).toBe(false);
    expect(outcomes).toEqual([
      {
        part: "console",
        database: "pglite",
        status: "skipped",
        seconds: null,
        detail: "no Chromium at /usr/bin/chromium",
        notes: [],
      },
    ]);
    expect(exitCode(outcomes)).toBe(0);
  });

  it("a run cut short: the running step FAILED, the rest not run, the finished ones kept", async () => {
    const parts = [part("intake", ["pglite"]), part("slack", ["pglite"]), part("jql", [])];
    const steps = planSteps(parts, parseArgs([], ["intake", "slack", "jql"]), reachable);
    const done = await runSteps(steps.slice(0, 1), []);
    const all = [...done, ...unfinished(steps, done, "the deadline passed")];
    expect(all.map((o) => [o.part, o.status, o.detail])).toEqual([
      ["intake", "ok", ""],
      ["slack", "FAILED", "still running when the deadline passed"],
      ["jql", "not run", "the deadline passed"],
    ]);
    expect(exitCode(all)).toBe(1);
  });
});

describe("statusMarkdown", () => {
  it("puts every outcome in one table, the error on one line with its pipes escaped", () => {
    const outcomes: Outcome[] = [
      { part: "intake", database: "pglite", status: "ok", seconds: 12.34, detail: "", notes: [] },
      {
        part: "slack",
        database: "postgres",
        status: "FAILED",
        seconds: 3,
        detail: "HTTP 500 | boom\n  at x",
        notes: [],
      },
      { part: "jql", database: null, status: "not run", seconds: null, detail: "deadline", notes: [] },
    ];
    expect(statusMarkdown(outcomes)).toEqual([
      "| part | database | status | seconds | detail |",
      "|---|---|---|---:|---|",
      "| intake | pglite | ok | 12.3 |  |",
      "| slack | postgres | FAILED | 3.0 | HTTP 500 \\| boom at x |",
      "| jql | — | not run |  | deadline |",
    ]);
  });
});
