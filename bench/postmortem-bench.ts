// Postmortem rendering: an incident with 10,000 timeline entries built into the postmortem document,
// rendered to ADF, validated (the page by adf-utils' validator, the 10,000-row child page by the ADF
// JSON schema), and merged into an existing page (the refresh path). Not a test
// (STYLE.md: timings belong in bench/); bench/run.ts reports it. Goal (issue 6): < 500 ms, and the
// Confluence requests of a refresh constant as the timeline grows.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { ConfluenceEmulator } from "../stand-ins/confluence/index.ts";
import { confluenceAdapter } from "../sync-service/src/adapters/confluence/confluence-adapter.ts";
import { basicConfluenceConnection } from "../sync-service/src/adapters/confluence/confluence-connection.ts";
import {
  adfErrors,
  adfSchemaErrors,
  mergeAdf,
  renderAdf,
  renderTimelineAdf,
} from "../sync-service/src/formats/adf/postmortem-adf.ts";
import { buildPostmortem } from "../sync-service/src/domain/postmortem/build-postmortem.ts";
import type { PostmortemFacts } from "../sync-service/src/domain/postmortem/document.ts";
import type { PostmortemTemplate } from "../sync-service/src/domain/postmortem/template.ts";
import type { StoredTimelineEntry } from "../sync-service/src/domain/timeline.ts";

export const POSTMORTEM_ENTRIES = 10_000;
const RUNS = 15;
const WARMUP = 3;
const GOAL_MS = 500;

/** Entries, timed runs, and the timeline sizes of the refresh count: the full figures, or `--smoke`'s few. */
export interface PostmortemSize {
  readonly entries: number;
  readonly runs: number;
  readonly warmup: number;
  readonly refreshSizes: readonly number[];
}
export const POSTMORTEM_SIZE: PostmortemSize = {
  entries: POSTMORTEM_ENTRIES,
  runs: RUNS,
  warmup: WARMUP,
  refreshSizes: [10, 100, 1_000, 10_000],
};
// Above MAX_INLINE_TIMELINE (150) entries, so the smoke run renders the child timeline page too.
export const POSTMORTEM_SMOKE: PostmortemSize = { entries: 400, runs: 2, warmup: 1, refreshSizes: [10, 400] };

export interface RefreshRequests {
  readonly entries: number;
  /** HTTP requests to Confluence for one refresh of an existing page (and its timeline child page). */
  readonly requests: number;
}

export interface PostmortemBenchResult {
  readonly entries: number;
  readonly runs: number;
  /** build + render ADF (page and child page) + validate both + merge into the previous page. */
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly pageBytes: number;
  readonly childPageBytes: number;
  /** Rows of the child page's timeline table, header included: one per entry, plus the header. */
  readonly childPageRows: number;
  readonly goalMs: number;
  readonly goalMet: boolean;
  /** Requests per refresh at growing timelines, through the real adapter over HTTP to the Confluence emulator. */
  readonly refreshRequests: readonly RefreshRequests[];
}

const TYPES = ["chat.message", "alert.deduplicated", "ticket.comment", "note", "status.update"] as const;

function facts(n: number): PostmortemFacts {
  const start = Date.parse("2026-11-20T10:00:00Z");
  const timeline: StoredTimelineEntry[] = Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    incidentId: "i1",
    type: i === 0 ? "incident.triggered" : TYPES[i % TYPES.length]!,
    source: i === 0 ? "firewatch" : "slack",
    sourceId: `s:${i}`,
    occurredAt: new Date(start + i * 700),
    author: i % 3 === 0 ? "Alice Adams" : "Bob Brown",
    body: `Entry ${i}: checked the p99 latency graph for the checkout service and the error budget burn`,
    data: {},
    edits: [],
    keyMoment: i % 400 === 0,
    seq: BigInt(i),
  }));
  return {
    incident: {
      id: "i1",
      tenantId: "t",
      number: 4242,
      drill: false,
      title: "Checkout is down",
      description: "",
      severity: "SEV1",
      status: "resolved",
      serviceId: "s",
      ownerId: "u",
      revision: 9,
      createdAt: new Date(start),
      updatedAt: new Date(start),
      acknowledgedAt: new Date(start + 240_000),
      resolvedAt: new Date(start + n * 700),
    },
    serviceName: "checkout",
    ownerName: "Alice Adams",
    incidentUrl: "https://firewatch.example/incidents/INC-4242",
    alertCount: 12,
    timeline,
    tickets: [{ key: "OPS-1", url: "https://acme.atlassian.net/browse/OPS-1", status: "Done" }],
    actionItems: [],
    now: new Date(start + n * 700),
  };
}

/** Publishes once, then counts the requests of a refresh after the timeline grew to each size. */
async function measureRefreshRequests(
  template: PostmortemTemplate,
  sizes: readonly number[],
): Promise<RefreshRequests[]> {
  const emulator = new ConfluenceEmulator();
  const baseUrl = await emulator.start();
  try {
    const adapter = confluenceAdapter(
      basicConfluenceConnection({ baseUrl, email: emulator.email, apiToken: emulator.apiToken, spaceKey: "ENG" }),
    );
    let page = await adapter.publish({
      incidentId: "i1",
      pageId: null,
      timelinePageId: null,
      parentTitle: "Postmortems: checkout",
      document: buildPostmortem(template, facts(5)),
    });
    const result: RefreshRequests[] = [];
    for (const entries of sizes) {
      page = await adapter.publish({
        incidentId: "i1",
        pageId: page.pageId,
        timelinePageId: page.timelinePageId,
        parentTitle: "Postmortems: checkout",
        document: buildPostmortem(template, facts(entries)),
      });
      result.push({ entries, requests: page.requests });
    }
    return result;
  } finally {
    await emulator.stop();
  }
}

export async function runPostmortemBench(size: PostmortemSize = POSTMORTEM_SIZE): Promise<PostmortemBenchResult> {
  const template = JSON.parse(
    fs.readFileSync(new URL("../templates/default.json", import.meta.url), "utf8"),
  ) as PostmortemTemplate;
  const f = facts(size.entries);
  const previous = renderAdf(buildPostmortem(template, { ...f, timeline: f.timeline.slice(0, size.entries / 2) }));
  const times: number[] = [];
  let pageBytes = 0;
  let childPageBytes = 0;
  let childPageRows = 0;
  for (let run = 0; run < size.warmup + size.runs; run++) {
    const t0 = performance.now();
    const document = buildPostmortem(template, f);
    const page = mergeAdf(previous, document);
    const child = renderTimelineAdf(document)!;
    const errors = [...adfErrors(page), ...adfSchemaErrors(child)];
    const elapsed = performance.now() - t0;
    if (errors.length) throw new Error(`bench: invalid ADF: ${errors.slice(0, 3).join("; ")}`);
    if (run >= size.warmup) times.push(elapsed);
    pageBytes = JSON.stringify(page).length;
    childPageBytes = JSON.stringify(child).length;
    childPageRows = JSON.stringify(child).split('"type":"tableRow"').length - 1;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)]!;
  const refreshRequests = await measureRefreshRequests(template, size.refreshSizes);
  return {
    entries: size.entries,
    runs: size.runs,
    medianMs: round(median),
    p95Ms: round(p95),
    pageBytes,
    childPageBytes,
    childPageRows,
    goalMs: GOAL_MS,
    goalMet: p95 < GOAL_MS,
    refreshRequests,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
