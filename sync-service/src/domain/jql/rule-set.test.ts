import { describe, expect, it } from "vitest";
import { compileJql, evaluateJql } from "./index.ts";
import { CompiledRuleSet } from "./rule-set.ts";

const issue = (project: string, labels: string[]) => ({ key: `${project}-1`, id: "1", fields: { project: { key: project, id: `id-${project}`, name: `${project} project` }, labels, status: { name: "To Do" } } });
const ctx = { now: new Date("2026-03-02T12:00:00Z"), timeZone: "UTC" };

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
  ];
  const rules = new CompiledRuleSet<string>();
  for (const jql of jqls) rules.add(jql, compileJql(jql));

  it.each([issue("CI", ["a"]), issue("CI", ["b"]), issue("OPS", ["a", "b"]), issue("WEB", ["a"])])(
    "finds exactly the matches of evaluating every rule (%#)",
    (i) => {
      const all = jqls.filter((jql) => {
        const v = evaluateJql(compileJql(jql), i, ctx);
        return "match" in v && v.match;
      });
      const indexed = rules.evaluate(i, ctx).filter(({ verdict }) => "match" in verdict && verdict.match).map(({ id }) => id);
      expect(indexed.sort()).toEqual(all.sort());
    },
  );
});
