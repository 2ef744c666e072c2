// 10,000 enabled JQL rules against one issue event: the indexed rule set the service keeps (built again
// only after a rule changes); every compiled rule evaluated, without the index; and parsing every rule's
// JQL again for each event.
import { performance } from "node:perf_hooks";
import { CompiledRuleSet, compileJql, evaluateJql, IssueView } from "../sync-service/src/domain/jql/index.ts";

export const JQL_RULES = 10_000;
const EVENTS = 30;

/** Rules, and events per figure: the full figures, or `--smoke`'s few. */
export interface JqlSize {
  readonly rules: number;
  readonly events: number;
  readonly reparsed: number;
  readonly builds: number;
}
export const JQL_SIZE: JqlSize = { rules: JQL_RULES, events: EVENTS, reparsed: 3, builds: 9 };
export const JQL_SMOKE: JqlSize = { rules: 200, events: 3, reparsed: 1, builds: 2 };

export interface JqlBenchResult {
  readonly rules: number;
  readonly events: number;
  /** The indexed set, per event. */
  readonly compiledMedianMs: number;
  /** How many rules the index let through to evaluation, per event. */
  readonly evaluated: number;
  /** Every compiled rule evaluated (one shared issue view), no index, per event. */
  readonly unindexedMedianMs: number;
  /** Building the indexed set from the compiled rules: what the first event after a rule change adds. */
  readonly buildMedianMs: number;
  readonly reparsedMedianMs: number;
  readonly matched: number;
}

const issue = {
  id: "10017",
  key: "CI-17",
  fields: {
    project: { id: "10000", key: "CI", name: "Continuous Integration" },
    issuetype: { id: "10004", name: "Bug" },
    status: { id: "1", name: "To Do", statusCategory: { key: "new", name: "To Do" } },
    priority: { id: "2", name: "High" },
    labels: ["build-failed"],
    components: [{ id: "10100", name: "runner" }],
    summary: "Build failed on main",
    created: "2026-03-01T10:00:00.000+0000",
  },
};

/** Realistic rule shapes, varied so that most rules do not match. */
function ruleJql(i: number): string {
  const project = ["CI", "OPS", "WEB", "API", "DATA"][i % 5];
  const label = `build-failed-${i % 50 === 0 ? "" : i}`.replace(/-$/, "");
  switch (i % 4) {
    case 0:
      return `project = ${project} AND labels = ${label} AND priority in (Highest, High)`;
    case 1:
      return `project = ${project} AND component = runner-${i} AND status != Done`;
    case 2:
      return `project in (${project}, OPS) AND issuetype = Bug AND summary ~ "failed" AND created > -7d`;
    default:
      return `(project = ${project} OR labels = team-${i}) AND NOT status = Done`;
  }
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function runJqlBench(size: JqlSize = JQL_SIZE): JqlBenchResult {
  const jqls = Array.from({ length: size.rules }, (_, i) => ruleJql(i));
  const compiled = jqls.map(compileJql);
  const build = () => {
    const set = new CompiledRuleSet<number>();
    compiled.forEach((rule, i) => set.add(i, rule));
    return set;
  };
  const buildTimes: number[] = [];
  let ruleSet = build();
  for (let b = 0; b < size.builds; b++) {
    const start = performance.now();
    ruleSet = build();
    buildTimes.push(performance.now() - start);
  }
  const ctx = { now: new Date("2026-03-02T12:00:00Z"), timeZone: "UTC" };
  let matched = 0;
  const compiledTimes: number[] = [];
  for (let e = 0; e < size.events; e++) {
    const start = performance.now();
    matched = ruleSet.evaluate(issue, ctx).filter(({ verdict }) => "match" in verdict && verdict.match).length;
    compiledTimes.push(performance.now() - start);
  }
  const unindexedTimes: number[] = [];
  for (let e = 0; e < size.events; e++) {
    const start = performance.now();
    const view = new IssueView(issue, ctx);
    const all = compiled.filter((rule) => {
      const v = evaluateJql(rule, view);
      return "match" in v && v.match;
    }).length;
    unindexedTimes.push(performance.now() - start);
    if (all !== matched) throw new Error(`jql bench: the index found ${matched} matches, evaluating every rule ${all}`);
  }
  const reparsedTimes: number[] = [];
  for (let e = 0; e < size.reparsed; e++) {
    const start = performance.now();
    for (const jql of jqls) evaluateJql(compileJql(jql), issue, ctx);
    reparsedTimes.push(performance.now() - start);
  }
  return {
    rules: size.rules,
    events: size.events,
    compiledMedianMs: median(compiledTimes),
    evaluated: ruleSet.lastEvaluated,
    unindexedMedianMs: median(unindexedTimes),
    buildMedianMs: median(buildTimes),
    reparsedMedianMs: median(reparsedTimes),
    matched,
  };
}
