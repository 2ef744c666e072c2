// What each part must have done for its figures to mean anything: N events in → N rows, entries, pages out. A
// problem fails the part (and `npm run bench`); a note is printed after the tables. No timing is ever a problem
// here: a missed goal is a note.
import type { ConsoleBenchResult } from "./console-bench.ts";
import type { FirstPageResult } from "./first-page-bench.ts";
import type { ForgeBenchResult, ForgeSize } from "./forge-bench.ts";
import type { JiraSyncResult } from "./jira-bench.ts";
import type { JqlBenchResult } from "./jql-bench.ts";
import type { PostmortemBenchResult, PostmortemSize } from "./postmortem-bench.ts";
import type { DatabaseResult } from "./report.ts";
import type { RespondChannelResult } from "./respond-bench.ts";
import type { Verdict } from "./runner.ts";
import type { SlackBenchResult } from "./slack-bench.ts";
import type { StatusUpdateBenchResult } from "./status-update-bench.ts";
import type { TimerBenchResult } from "./timer-bench.ts";

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
const verdict = (problems: (string | false)[], notes: (string | false)[] = []): Verdict => ({
  problems: problems.filter((p): p is string => Boolean(p)),
  notes: notes.filter((n): n is string => Boolean(n)),
});

export function intakeVerdict(r: DatabaseResult): Verdict {
  return verdict(
    (["service", "raw"] as const).flatMap((name) => {
      const run = r[name];
      return [
        run.measured.errors + run.warmup.errors > 0 &&
          `${name}: ${run.measured.errors + run.warmup.errors} events failed, e.g. ${run.measured.errorSamples.concat(run.warmup.errorSamples).slice(0, 3).join(" | ")}`,
        !run.check.ok &&
          `${name}: rows differ from the events sent: expected ${JSON.stringify(run.check.expected)}, found ${JSON.stringify(run.check.actual)}`,
      ];
    }),
  );
}

/** `smoke`: a load far below capacity, so every event must also be answered and every loss counted. */
export function slackVerdict(s: SlackBenchResult, expectedMessages: number, smoke: boolean): Verdict {
  const r = s.redelivery;
  return verdict(
    [
      s.messages !== expectedMessages && `${s.messages} messages sent, ${expectedMessages} planned`,
      Boolean(s.lost) && `${s.lost} acknowledged messages never reached the timeline (the job queue was empty)`,
      s.duplicates > 0 &&
        `${s.duplicates} duplicate entries (${s.extraEntriesForOneMessage} extra for one message, ${s.entriesNotSent} for messages not sent)`,
      s.wrongContent > 0 && `${s.wrongContent} entries with another body or author than the message`,
      r.answeredDuplicate !== r.sent &&
        `${r.sent - r.answeredDuplicate} of ${r.sent} retries not answered as duplicates (${r.otherAnswers.join(" | ")})`,
      ((r.queueDrained && r.entriesAfter !== r.entriesBefore) || r.duplicatesAfter > 0 || r.changedEntries > 0) &&
        `retries changed the timeline: ${r.entriesBefore} → ${r.entriesAfter} entries, ${r.duplicatesAfter} duplicates, ${r.changedEntries} entries changed`,
      smoke &&
        s.httpErrors > 0 &&
        `${s.httpErrors} of ${s.messages} events without a 2xx: ${s.httpErrorSamples.join(" | ")}`,
      smoke &&
        s.lost === null &&
        `${s.missing} messages not on the timeline with ${s.queuedJobsAtCount} jobs still queued after the wait`,
      smoke &&
        s.service.failedJobs > 0 &&
        `${s.service.failedJobs} failed jobs: ${s.service.failedJobSamples.join(" | ")}`,
    ],
    [
      !smoke &&
        s.lost === null &&
        `${s.missing} acknowledged messages were not on the timeline ${f0(s.observedForMs / 1000)} s after the last send, with ${s.queuedJobsAtCount >= 500 ? "500+" : s.queuedJobsAtCount} jobs still queued: losses could not be told from late entries`,
      !r.queueDrained &&
        "the retries were checked while jobs were still queued: their answers were all checked, the timeline only as far as it had got",
      !smoke &&
        s.httpErrors > 0 &&
        `${s.httpErrors} events without a 2xx (${s.httpErrorSamples.join(" | ")}); of those without any answer, ${s.unansweredOnTimeline} reached the timeline anyway and ${s.unansweredNotOnTimeline} did not (Slack would retry them)`,
      s.meanPollIntervalMs > 1.5 * s.pollMs &&
        `the timeline reads came every ${f0(s.meanPollIntervalMs)} ms on average, not every ${s.pollMs} ms: the latencies are that coarse`,
      s.slip.maxMs > 1000 &&
        `sends fell behind the schedule by up to ${f0(s.slip.maxMs)} ms (${s.slip.sendsLateOver10Ms} sent > 10 ms late; at most ${s.maxInFlight} in flight)`,
      (s.service.errors > 0 || s.service.warnings > 0) &&
        `service log: ${s.service.errors} errors, ${s.service.warnings} warnings: ${s.service.logSamples.join(" | ")}`,
      !smoke &&
        s.service.failedJobs > 0 &&
        `${s.service.failedJobs} failed jobs: ${s.service.failedJobSamples.join(" | ")}`,
      !s.goalMet &&
        `p95 ${Number.isFinite(s.p95Ms) ? f0(s.p95Ms) : `> ${f0(s.observedForMs)}`} ms, goal < ${s.goalP95Ms} ms`,
    ],
  );
}

export function respondVerdict(rows: readonly RespondChannelResult[], expected: number): Verdict {
  return verdict(
    rows.flatMap((r) => [
      r.incidents !== expected && `${r.channel}: ${r.incidents} of ${expected} incidents acknowledged`,
      r.pages !== expected && `${r.channel}: ${r.pages} pages landed for ${expected} incidents`,
      r.escalationsLeft > 0 && `${r.channel}: ${r.escalationsLeft} acknowledged incidents still had pages queued`,
    ]),
  );
}

/** Every alert paged exactly once on each channel; a slow page, or a load below its rate, is only a note. */
export function firstPageVerdict(r: FirstPageResult, alerts: number): Verdict {
  const b = r.background;
  return verdict(
    r.rows.flatMap((row) => [
      row.alerts !== alerts && `${row.condition}: ${row.alerts} of ${alerts} alerts sent`,
      row.missing > 0 && `${row.condition}, ${row.channel}: ${row.missing} of ${row.alerts} alerts paged nobody`,
      row.duplicated > 0 && `${row.condition}, ${row.channel}: ${row.duplicated} of ${row.alerts} alerts paged twice`,
    ]),
    [
      ...r.rows.map(
        (row) =>
          !(row.p95Ms < row.goalP95Ms) &&
          `${row.condition}, ${row.channel}: alert → page p95 ${f0(row.p95Ms)} ms, goal < ${f0(row.goalP95Ms)} ms`,
      ),
      b.achievedPerSecond < 0.9 * b.targetPerSecond &&
        `the background load reached ${f0(b.achievedPerSecond)} of ${b.targetPerSecond} events/s (${b.behind} behind)`,
      b.errors > 0 && `${b.errors} of ${b.sent} background events not answered 202: ${b.errorSamples.join(" | ")}`,
    ],
  );
}

export function jiraVerdict(j: JiraSyncResult, expected: number): Verdict {
  return verdict([
    j.incidents !== expected && `${j.incidents} of ${expected} status changes reached Jira`,
    j.transitions !== expected && `Jira received ${j.transitions} transitions for ${expected} acknowledged incidents`,
  ]);
}

export function timersVerdict(t: TimerBenchResult, expected: number): Verdict {
  return verdict([t.timers !== expected && `${t.timers} of ${expected} timers fired`]);
}

export function forgeVerdict(r: ForgeBenchResult, size: ForgeSize): Verdict {
  return verdict(
    [
      r.errors > 0 && `${r.errors} of ${size.events} product events not answered 202`,
      r.failedJobs > 0 && `${r.failedJobs} ticket.inbound jobs failed`,
      r.handledJobs !== size.events && `${r.handledJobs} ticket.inbound jobs handled for ${size.events} events`,
      r.ruleIncidents !== size.ruleIssues &&
        `${r.ruleIncidents} incidents opened for ${size.ruleIssues} issues matching the rule`,
    ],
    [r.answerMaxMs >= 5_000 && `the slowest answer took ${f0(r.answerMaxMs)} ms, over Forge's 5 s`],
  );
}

export function jqlVerdict(j: JqlBenchResult): Verdict {
  return verdict([j.matched === 0 && `none of ${j.rules} rules matched the issue; the bench's rules are wrong`]);
}

export function oncallVerdict(o: { calls: number }, expected: number): Verdict {
  return verdict([o.calls !== expected && `${o.calls} of ${expected} onCallAt calls timed`]);
}

export function postmortemVerdict(p: PostmortemBenchResult, size: PostmortemSize): Verdict {
  return verdict(
    [
      // The child page holds the full timeline: a header row, then one row per entry.
      p.childPageRows !== size.entries + 1 &&
        `the timeline page has ${p.childPageRows - 1} rows for ${size.entries} entries`,
      p.refreshRequests.length !== size.refreshSizes.length &&
        `${p.refreshRequests.length} of ${size.refreshSizes.length} refreshes counted`,
    ],
    [!p.goalMet && `render p95 ${p.p95Ms} ms, goal < ${p.goalMs} ms`],
  );
}

export function consoleVerdict(c: ConsoleBenchResult): Verdict {
  return verdict(
    [
      c.timeline.loadedEntries < c.timelineEntries &&
        `the timeline showed ${c.timeline.loadedEntries} of ${c.timelineEntries} entries`,
      c.list.firstPageRows === 0 && "the incident list showed no rows",
    ],
    [
      !c.goals.listMet && `first load median ${f0(c.firstLoad.medianMs)} ms, goal < ${c.goals.listInteractiveMs} ms`,
      !c.goals.scrollMet &&
        `scroll: ${c.timeline.framesOver50Ms} frames over ${c.goals.jankFrameMs} ms, p95 ${c.timeline.frameP95Ms.toFixed(1)} ms`,
    ],
  );
}

/**
 * Every expected recipient told of each update, on each channel, once: none lost, no Slack DM twice, no one with two
 * Message-IDs. After the crash an e-mail may be resent with its first Message-ID (sent, not yet recorded as sent):
 * a note; without a crash, a problem.
 */
export function statusUpdateVerdict(s: StatusUpdateBenchResult): Verdict {
  const runs = [
    ["update", s.run],
    ["after the crash", s.crash],
  ] as const;
  return verdict(
    [
      ...runs.flatMap(([name, r]) => [
        r.deliveries.total !== s.expected && `${name}: ${r.deliveries.total} deliveries for ${s.expected} expected`,
        r.deliveries.failed > 0 && `${name}: ${r.deliveries.failed} deliveries failed`,
        r.lost > 0 && `${name}: ${r.lost} of ${s.expected} recipients got nothing`,
        r.emailTwoMessageIds > 0 && `${name}: ${r.emailTwoMessageIds} e-mail recipients got two different Message-IDs`,
        r.slackDuplicates > 0 && `${name}: ${r.slackDuplicates} Slack members got the update twice`,
        r.unexpected + r.wrongContent > 0 &&
          `${name}: ${r.unexpected} messages to no subscriber, ${r.wrongContent} without the update's text`,
      ]),
      s.run.emailResent > 0 && `update: ${s.run.emailResent} e-mails sent twice without a crash`,
      s.crash.receivedAtKill >= s.expected &&
        `the kill came after all ${s.expected} deliveries had arrived: the crash run tested nothing`,
      s.failedJobs > 0 && `${s.failedJobs} failed jobs: ${s.failedJobSamples.join(" | ")}`,
      s.slackUnexpected.length > 0 &&
        `the Slack stand-in could not serve: ${s.slackUnexpected.slice(0, 3).join(" | ")}`,
    ],
    [
      s.crash.emailResent > 0 &&
        `${s.crash.emailResent} e-mails resent after the crash with their first Message-ID (mail clients show them once)`,
      !s.goalMet &&
        `one update to ${f0(s.subscribers)} subscribers took ${s.run.seconds.toFixed(1)} s, goal < ${s.goalSeconds} s`,
    ],
  );
}
