import { describe, expect, it } from "vitest";
import { compileJql, evaluateJql } from "./index.ts";
import { CompiledRuleSet } from "./rule-set.ts";

const issue = (project: string, labels: string[]) => ({
  key: `${project}-1`,
  id: "1",
  fields: {
    project: { key: project, id: `id-${project}`, name: `${project} project` },
    labels,
    status: { name: "To Do" },
  },
});
const ctx = { now: new Date("2026-03-02T12:00:00Z"), timeZone: "UTC" };

/** The rule set's answer must be exactly evaluating every rule: the index may only skip rules that cannot match. */
function expectSameAsEvaluatingEach(jqls: readonly string[], issues: readonly object[]) {
  const compiled = jqls.map(compileJql);
  const rules = new CompiledRuleSet<number>();
  compiled.forEach((rule, i) => rules.add(i, rule));
  const disagreements = [];
  for (const i of issues) {
    const found = new Map(rules.evaluate(i, ctx).map(({ id, verdict }) => [id, verdict]));
    for (const [id, rule] of compiled.entries()) {
      const each = evaluateJql(rule, i, ctx);
      // Left out means "does not match"; given back means the same verdict as evaluating it alone.
      const indexed = found.get(id) ?? { match: false };
      if (JSON.stringify(indexed) !== JSON.stringify(each))
        disagreements.push({ jql: rule.jql, issue: i, indexed, each });
    }
  }
  expect(disagreements.slice(0, 3)).toEqual([]);
}

describe("rule set", () => {
  const jqls = [
    "project = CI AND labels = a",
    "project in (CI, OPS) AND labels = b",
    "project = OPS",
    "labels = a",
    "project = CI OR labels = b",
    "NOT project = CI",
    '"CI project" = x',
    "project = id-OPS AND labels = a",
    // Unresolved is Jira's name for an empty resolution: no value of the issue to index it under.
    "resolution = Unresolved OR labels = b",
    "labels in (EMPTY, b)",
  ];

  it.each([issue("CI", ["a"]), issue("CI", ["b"]), issue("OPS", ["a", "b"]), issue("WEB", ["a"])])(
    "finds exactly the matches of evaluating every rule (%#)",
    (i) => {
      expectSameAsEvaluatingEach(jqls, [i]);
    },
  );

  it("agrees with evaluating each rule on 1,000 generated rules and 60 generated issues", () => {
    // A fixed-seed generator: the same rules every run, in the shapes people write (AND/OR/NOT, IN lists,
    // EMPTY, names by key/id/name in any case, text search, functions Jira must decide).
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const projects = ["CI", "ops", "id-WEB", "API"];
    const labels = ["a", "b", "build-failed", "flaky"];
    const statuses = ["To Do", "done", "3"];
    const types = ["Bug", "task"];
    // `=`/`!=` take one value, `IN`/`NOT IN` a list.
    const compare = (field: string, values: readonly string[]) => {
      const op = pick(["=", "!=", "in", "not in"]);
      return op.endsWith("in")
        ? `${field} ${op} (${pick(values)}, ${pick(values)})`
        : `${field} ${op} "${pick(values)}"`;
    };
    const clause = (): string =>
      pick([
        () => compare("project", projects),
        () => compare("labels", labels),
        () => `labels ${pick(["is", "is not"])} EMPTY`,
        () => `labels in (EMPTY, ${pick(labels)})`,
        () => compare("status", statuses),
        () => compare("type", types),
        () => `component = ${pick(["runner", "web"])}`,
        () => `resolution = ${pick(["Unresolved", "Done"])}`,
        () => `assignee = ${pick(["currentUser()", "alice", "712020:alice", "EMPTY"])}`,
        () => `summary ~ "${pick(["failed", "build"])}"`,
        () => `labels was ${pick(labels)}`,
      ])();
    const query = (depth: number): string => {
      if (depth === 0 || rnd(3) === 0) return clause();
      const parts = Array.from({ length: 2 + rnd(2) }, () => query(depth - 1));
      const joined = `(${parts.join(pick([" AND ", " OR "]))})`;
      return rnd(5) === 0 ? `NOT ${joined}` : joined;
    };
    const jqls = Array.from({ length: 1_000 }, () => query(3));
    const issues = Array.from({ length: 60 }, (_, n) => {
      const project = pick(["CI", "OPS", "WEB", "API", "DATA"]);
      return {
        key: `${project}-${n}`,
        id: String(n),
        fields: {
          project: { key: project, id: `id-${project}`, name: `${project} project` },
          labels: labels.filter(() => rnd(3) === 0),
          status: pick([
            { id: "1", name: "To Do" },
            { id: "3", name: "Done" },
          ]),
          issuetype: { id: "10004", name: pick(["Bug", "Task"]) },
          components: rnd(2) ? [{ id: "10100", name: "runner" }] : [],
          resolution: rnd(2) ? null : { id: "1", name: "Done" },
          assignee: rnd(2) ? null : { accountId: "712020:alice", displayName: "Alice" },
          summary: pick(["Build failed on main", "Flaky test", ""]),
        },
      };
    });
    expectSameAsEvaluatingEach(jqls, issues);
  });
});

describe("a rule that throws while evaluated", () => {
  it("fails alone: the rules beside it, indexed or not, still give their verdicts", () => {
    const rules = new CompiledRuleSet<string>();
    // However such a rule got stored: a clause the evaluator cannot read.
    const operand = {
      kind: "values",
      lower: [],
      get values(): string[] {
        throw new RangeError("Invalid time value");
      },
    };
    const throwing = {
      jql: "created > ?",
      where: { kind: "clause", field: "created", operator: ">", text: "created > ?", operand },
    } as never;
    rules.add("before", compileJql("project = CI"));
    rules.add("broken", throwing);
    rules.add("after", compileJql("labels = a"));
    rules.add("everywhere", compileJql("NOT project = OPS"));
    const verdicts = new Map(rules.evaluate(issue("CI", ["a"]), ctx).map(({ id, verdict }) => [id, verdict]));
    expect(Object.fromEntries(verdicts)).toEqual({
      before: { match: true },
      broken: { failed: "RangeError: Invalid time value" },
      after: { match: true },
      everywhere: { match: true },
    });
  });
});
