// Counting one status update at the stand-ins: who got it, who got nothing, who got it twice. An e-mail resent after a
// crash carries the Message-ID of the first (the delivery's id), which mail clients show once; two different
// Message-IDs for one recipient would mean two deliveries of the update, which they show twice.
import { mailPart, type CapturedMail } from "../stand-ins/smtp/index.ts";
import type { PostedMessage } from "../stand-ins/slack/index.ts";
import type { StatusUpdateBenchResult } from "./status-update-bench.ts";
import type { ExpectedDelivery } from "./status-update-seed.ts";

export interface Tally {
  /** Messages the stand-ins received for the update: e-mails, Slack DMs. */
  readonly emails: number;
  readonly slackMessages: number;
  /** Expected recipient-and-channel pairs that got nothing. */
  readonly lost: number;
  /** E-mail recipients who received the update more than once, as raw SMTP messages (a resend counts). */
  readonly emailResent: number;
  /** E-mail recipients who received two different Message-IDs for the update: two deliveries. */
  readonly emailTwoMessageIds: number;
  /** Slack members with the update in their DM more than once. */
  readonly slackDuplicates: number;
  /** Messages to nobody expected, or without the update's text. */
  readonly unexpected: number;
  readonly wrongContent: number;
}

const messageIdOf = (raw: string) => /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? null;

/** `mails` and `dms` are what the stand-ins received since the update was posted (and before any other was). */
export function tally(
  expected: readonly ExpectedDelivery[],
  mails: readonly CapturedMail[],
  dms: readonly PostedMessage[],
  message: string,
): Tally {
  const want = new Set(expected.map((e) => `${e.channel}:${e.recipient}`));
  const got = new Map<string, { count: number; ids: Set<string | null> }>();
  let unexpected = 0;
  let wrongContent = 0;
  const receive = (key: string, id: string | null, body: string | null | undefined) => {
    if (!want.has(key)) unexpected++;
    if (!body?.includes(message)) wrongContent++;
    const seen = got.get(key) ?? { count: 0, ids: new Set() };
    seen.count++;
    seen.ids.add(id);
    got.set(key, seen);
  };
  for (const mail of mails)
    for (const to of mail.to)
      receive(`email:${to.toLowerCase()}`, messageIdOf(mail.raw), mailPart(mail.raw, "text/plain"));
  for (const dm of dms) receive(`slack:${dm.user ?? dm.channel}`, dm.ts, dm.text);
  const over = (channel: string, test: (s: { count: number; ids: Set<string | null> }) => boolean) =>
    [...got].filter(([key, s]) => key.startsWith(`${channel}:`) && want.has(key) && test(s)).length;
  return {
    emails: mails.length,
    slackMessages: dms.length,
    lost: [...want].filter((key) => !got.has(key)).length,
    emailResent: over("email", (s) => s.count > 1),
    emailTwoMessageIds: over("email", (s) => s.ids.size > 1),
    slackDuplicates: over("slack", (s) => s.count > 1),
    unexpected,
    wrongContent,
  };
}

type Row = { readonly database: string } & StatusUpdateBenchResult;

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");

/** The status-updates part's two tables: the update timed, then the one with a SIGKILL in the middle. */
export function statusUpdateMarkdown(rows: readonly Row[]): string[] {
  return [
    `| status update → every delivery done | database | subscribers | deliveries | sent | failed | seconds | deliveries/s | last arrival s | lost | goal < ${rows[0]!.goalSeconds} s |`,
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| one update | ${r.database} | ${f0(r.subscribers)} | ${f0(r.run.deliveries.total)} | ${f0(r.run.deliveries.sent)} | ${r.run.deliveries.failed} | ${f1(r.run.seconds)} | ${f0(r.run.deliveriesPerSecond)} | ${f1(r.run.lastArrivalSeconds)} | ${r.run.lost} | ${r.goalMet ? "met" : "not met"} |`,
    ),
    "",
    "| status update, SIGKILL in the middle | database | deliveries | received at the kill | restart s | seconds | lost | e-mails resent (same Message-ID) | recipients with two Message-IDs | Slack DMs twice |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| crash run | ${r.database} | ${f0(r.crash.deliveries.total)} | ${f0(r.crash.receivedAtKill)} | ${f1(r.crash.restartSeconds)} | ${f1(r.crash.seconds)} | ${r.crash.lost} | ${r.crash.emailResent} | ${r.crash.emailTwoMessageIds} | ${r.crash.slackDuplicates} |`,
    ),
  ];
}
