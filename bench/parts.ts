// The parts of `npm run bench`, in the order they run: what each measures, on which databases, at full size or
// with `--smoke`'s tiny counts, where its figures go, and what it must have done (bench/verdicts.ts).
import fs from "node:fs";
import { CHROMIUM } from "../test/browser/support/browser.ts";
import { DATABASE_KINDS } from "../test/support/databases.ts";
import { CONCURRENCY, NEW_KEY_SHARE, WARMUP_EVENTS, type BenchSettings } from "./config.ts";
import { CONSOLE_SIZE, CONSOLE_SMOKE, runConsoleBench } from "./console-bench.ts";
import { withPostgresDatabase } from "./databases.ts";
import { FIRST_PAGE_SIZE, FIRST_PAGE_SMOKE, runFirstPageBench } from "./first-page-bench.ts";
import { FORGE_SIZE, FORGE_SMOKE, runForgeBench } from "./forge-bench.ts";
import { benchPGlite, benchPostgres } from "./intake.ts";
import { inTempDir, postgresKind, withServiceDatabase } from "./part-databases.ts";
import { JIRA_INCIDENTS, runJiraBench } from "./jira-bench.ts";
import { JQL_SIZE, JQL_SMOKE, runJqlBench } from "./jql-bench.ts";
import { runOncallBench } from "./oncall-bench.ts";
import { countNew, makePlan } from "./plan.ts";
import { POSTMORTEM_SIZE, POSTMORTEM_SMOKE, runPostmortemBench } from "./postmortem-bench.ts";
import type { Figures } from "./report.ts";
import { RESPOND_INCIDENTS, runRespondBench } from "./respond-bench.ts";
import type { Engine, PartSpec } from "./runner.ts";
import { runSlackBench, SLACK_SIZE, SLACK_SMOKE } from "./slack-bench.ts";
import { runStatusUpdateBench, STATUS_UPDATE_SIZE, STATUS_UPDATE_SMOKE } from "./status-update-bench.ts";
import { runTimerBench, TIMER_SIZE, TIMER_SMOKE } from "./timer-bench.ts";
import * as verdicts from "./verdicts.ts";

export interface BenchContext {
  readonly smoke: boolean;
  readonly settings: BenchSettings;
  /** Where every part puts its figures, for the tables and the JSON file. */
  readonly figures: Figures;
  readonly log: (message: string) => void;
}

const BOTH: readonly Engine[] = ["pglite", "postgres"];

/** "Under load" is half the intake's capacity: as this run's intake part measured it, when it ran first. */
function firstPageSize(database: Engine, figures: Figures) {
  const intake = figures.results.find((r) => r.database === database)?.service.measured.perSecond;
  if (!intake) return FIRST_PAGE_SIZE;
  const backgroundPerSecond = { ...FIRST_PAGE_SIZE.backgroundPerSecond, [database]: Math.round(intake / 2) };
  return { ...FIRST_PAGE_SIZE, backgroundPerSecond };
}

export function benchParts(ctx: BenchContext): PartSpec[] {
  const { smoke, figures, log } = ctx;
  const db = (engine: Engine | null) => engine ?? "pglite";
  return [
    {
      name: "intake",
      summary: "Events v2 triggers through the service over HTTP, against the same rows written raw",
      engines: BOTH,
      async run(engine) {
        const plan = smoke ? makePlan(20, 100, 20) : makePlan(WARMUP_EVENTS, ctx.settings.events);
        const n = countNew(plan.measured);
        log(
          `intake: ${plan.warmup.length} warm-up + ${plan.measured.length} measured events, ${CONCURRENCY} in flight; ` +
            `${(NEW_KEY_SHARE * 100).toFixed(0)}% new dedup keys (measured: ${n} new), the rest repeat ` +
            `${plan.openKeys.length} open keys`,
        );
        const result =
          engine === "postgres"
            ? await benchPostgres(ctx.settings.postgresUrl, plan, log)
            : await benchPGlite(plan, log);
        figures.results.push(result);
        return verdicts.intakeVerdict(result);
      },
    },
    {
      name: "first-page",
      summary: "alert → first page: an Events v2 trigger → the Slack DM and the SMS delivered, idle and under load",
      engines: BOTH,
      async run(engine) {
        const database = db(engine);
        const size = smoke ? FIRST_PAGE_SMOKE : firstPageSize(database, figures);
        log(
          `first-page: ${size.alerts} alerts idle, ${size.alerts} under ${size.backgroundPerSecond[database]} background events/s (${database})`,
        );
        const result = await withServiceDatabase(ctx.settings.postgresUrl, engine, (env) =>
          runFirstPageBench(env, database, size, log),
        );
        figures.firstPage.push({ database, ...result });
        return verdicts.firstPageVerdict(result, size.alerts);
      },
    },
    {
      name: "respond",
      summary: "a page acknowledged from where it lands (Slack button, SMS reply)",
      engines: BOTH,
      async run(engine) {
        const count = smoke ? 3 : RESPOND_INCIDENTS;
        log(`respond: ${count} pages per channel acknowledged from where they land (${db(engine)})`);
        const rows = await withServiceDatabase(ctx.settings.postgresUrl, engine, (env) => runRespondBench(env, count));
        figures.respond.push(...rows.map((r) => ({ database: db(engine), ...r })));
        return verdicts.respondVerdict(rows, count);
      },
    },
    {
      name: "jira",
      summary: "incident status change → the transition at the Jira stand-in",
      engines: BOTH,
      async run(engine) {
        const count = smoke ? 5 : JIRA_INCIDENTS;
        log(`jira: ${count} status changes → transitions on the emulator (${db(engine)})`);
        const result = await withServiceDatabase(ctx.settings.postgresUrl, engine, (env) => runJiraBench(env, count));
        figures.jiraSync.push({ database: db(engine), ...result });
        return verdicts.jiraVerdict(result, count);
      },
    },
    {
      name: "slack",
      summary: "Slack messages at a fixed rate → the incident's timeline; Slack's retries change nothing",
      engines: BOTH,
      async run(engine) {
        const size = smoke ? SLACK_SMOKE : SLACK_SIZE;
        log(`slack: ${size.eventsPerSecond} events/s for ${size.durationS} s → timeline entries (${db(engine)})`);
        const result = await withServiceDatabase(ctx.settings.postgresUrl, engine, (env) =>
          runSlackBench(env, log, size),
        );
        figures.slackTimeline.push({ database: db(engine), ...result });
        return verdicts.slackVerdict(result, size.eventsPerSecond * size.durationS, smoke);
      },
    },
    {
      name: "timers",
      summary: "escalation timers due over a window, fired by the real worker: lateness",
      engines: BOTH,
      async run(engine) {
        const size = smoke ? TIMER_SMOKE : TIMER_SIZE;
        log(`timers: ${size.timers} escalation timers due over ${size.spreadMs / 1000} s (${db(engine)})`);
        const result =
          engine === "postgres"
            ? await withPostgresDatabase(ctx.settings.postgresUrl, (url) =>
                runTimerBench({ kind: "postgres", url }, size),
              )
            : await inTempDir("firewatch-bench-timers-", (dataDir) => runTimerBench({ kind: "pglite", dataDir }, size));
        figures.timers.push({ database: db(engine), ...result });
        return verdicts.timersVerdict(result, size.timers);
      },
    },
    {
      name: "forge",
      summary: "Forge Remote product events answered and handled; an issue filed → its incident",
      engines: BOTH,
      async run(engine) {
        const size = smoke ? FORGE_SMOKE : FORGE_SIZE;
        log(
          `forge: ${size.events} product events to /forge/events, then ${size.ruleIssues} issues → incidents (${db(engine)})`,
        );
        const kind = engine === "postgres" ? postgresKind(ctx.settings.postgresUrl) : DATABASE_KINDS[0]!;
        const result = await runForgeBench(kind, size);
        figures.forge.push({ database: db(engine), ...result });
        return verdicts.forgeVerdict(result, size);
      },
    },
    {
      name: "status-updates",
      summary: "one status update to 1,000 subscribers by e-mail and Slack DM; again with a SIGKILL half-way",
      engines: BOTH,
      async run(engine) {
        const size = smoke ? STATUS_UPDATE_SMOKE : STATUS_UPDATE_SIZE;
        const subscribers = size.teamPeople + size.directPeople + size.emails;
        log(`status-updates: one update to ${subscribers} subscribers, then one with a crash (${db(engine)})`);
        const result = await withServiceDatabase(ctx.settings.postgresUrl, engine, (env) =>
          runStatusUpdateBench(env, log, size),
        );
        figures.statusUpdates.push({ database: db(engine), ...result });
        return verdicts.statusUpdateVerdict(result);
      },
    },
    {
      name: "jql",
      summary: "JQL escalation rules evaluated against one issue event (in process, no database)",
      engines: [],
      async run() {
        const size = smoke ? JQL_SMOKE : JQL_SIZE;
        log(`jql: ${size.rules} rules against one issue event`);
        figures.jql = runJqlBench(size);
        return verdicts.jqlVerdict(figures.jql);
      },
    },
    {
      name: "oncall",
      summary: "who is on call, over a year of hourly rotation with 50 overrides (in process)",
      engines: [],
      async run() {
        const [calls, warmup] = smoke ? [200, 20] : [10_000, 1_000];
        log(`oncall: ${calls} onCallAt calls over a year of hourly rotation with 50 overrides`);
        figures.oncall = runOncallBench(calls, warmup);
        return verdicts.oncallVerdict(figures.oncall, calls);
      },
    },
    {
      name: "postmortem",
      summary: "a long timeline rendered into the postmortem page; Confluence requests per refresh",
      engines: [],
      async run() {
        const size = smoke ? POSTMORTEM_SMOKE : POSTMORTEM_SIZE;
        log(`postmortem: render ${size.entries} timeline entries; Confluence requests per refresh`);
        figures.postmortem = await runPostmortemBench(size);
        return verdicts.postmortemVerdict(figures.postmortem, size);
      },
    },
    {
      name: "console",
      summary: "the web console in Chromium: first load, the incident list, a long timeline",
      engines: ["pglite"],
      missing: () =>
        fs.existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
      async run() {
        const size = smoke ? CONSOLE_SMOKE : CONSOLE_SIZE;
        log(
          `console: the web console in Chromium (${size.incidents} incidents, a ${size.timelineEntries}-entry timeline)`,
        );
        figures.console = await runConsoleBench(log, size);
        return verdicts.consoleVerdict(figures.console);
      },
    },
  ];
}
