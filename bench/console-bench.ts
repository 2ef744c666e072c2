// The web console in Chromium (Debian's /usr/bin/chromium through playwright-core) against the real
// service in its own process on PGlite, seeded through the Events v2 intake (the quickest path: one HTTP
// request per incident or timeline entry) with 1,000 incidents, one of which has a 5,000-entry timeline.
// Measures: (a) first load, cold cache, to "incident list interactive" (navigation start → the first row's
// link visible and the topmost element at its centre) and the JavaScript transferred; (b) the incident
// list's render with 1,000 incidents in the database (first page, then every page through "Load more");
// (c) the 5,000-entry timeline: first entries visible, all pages loaded, then a scripted scroll top →
// bottom timing every frame with requestAnimationFrame, and the <article> count in the DOM (virtualised).
// Not a test (STYLE.md: timings belong in bench/); bench/run.ts reports it, alone with `npm run bench -- console`.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium, openContext } from "../test/browser/support/browser.ts";
import buildConsole from "../test/browser/support/build-console.ts";
import { jsonApi, spawnService } from "../test/support/service-process.ts";
import { ADMIN_TOKEN } from "./config.ts";
import { percentile } from "./measure.ts";

// page.evaluate() and addInitScript() functions run in Chromium, not in Node; the root tsconfig has no DOM
// types, so the browser globals they use are declared here, for this module only.
declare const window: any;
declare const document: any;
declare function requestAnimationFrame(callback: (time: number) => void): number;

export const CONSOLE_INCIDENTS = 1_000;
export const CONSOLE_TIMELINE_ENTRIES = 5_000;
const FIRST_LOAD_RUNS = 5;
const LIST_RUNS = 5;

/** Seeded data and runs per figure: the full figures, or `--smoke`'s few (still more than one page of incidents). */
export interface ConsoleSize {
  readonly incidents: number;
  readonly timelineEntries: number;
  readonly firstLoadRuns: number;
  readonly listRuns: number;
}
export const CONSOLE_SIZE: ConsoleSize = {
  incidents: CONSOLE_INCIDENTS,
  timelineEntries: CONSOLE_TIMELINE_ENTRIES,
  firstLoadRuns: FIRST_LOAD_RUNS,
  listRuns: LIST_RUNS,
};
export const CONSOLE_SMOKE: ConsoleSize = { incidents: 120, timelineEntries: 150, firstLoadRuns: 1, listRuns: 1 };
const SEED_CONCURRENCY = 16;
/** Pixels scrolled per animation frame: about 7 timeline rows, a brisk flick through the feed. */
const SCROLL_STEP_PX = 480;
const LIST_GOAL_MS = 1_000;
/** "Without jank": no frame longer than this (three 60 Hz frames), and a p95 frame within one and a half. */
const JANK_FRAME_MS = 50;
const SMOOTH_P95_MS = 25;
const WAIT_MS = 120_000;

export interface ConsoleBenchResult {
  readonly incidents: number;
  readonly timelineEntries: number;
  readonly seedSeconds: number;
  readonly chromium: string;
  readonly firstLoad: {
    runs: number;
    medianMs: number;
    p95Ms: number;
    jsTransferredBytes: number;
    jsDecodedBytes: number;
    jsFiles: number;
  };
  readonly list: {
    runs: number;
    firstPageRows: number;
    firstPageMedianMs: number;
    firstPageP95Ms: number;
    allRows: number;
    allRowsMs: number;
    loadMoreMedianMs: number;
    loadMoreMaxMs: number;
  };
  readonly timeline: {
    firstVisibleMs: number;
    allLoadedMs: number;
    loadedEntries: number;
    scrolledPx: number;
    frames: number;
    frameP50Ms: number;
    frameP95Ms: number;
    frameMaxMs: number;
    framesOver50Ms: number;
    maxArticlesInDom: number;
  };
  readonly goals: {
    listInteractiveMs: number;
    listMet: boolean;
    jankFrameMs: number;
    smoothP95Ms: number;
    scrollMet: boolean;
  };
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const p95 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.95,
  );

/** Runs `op` over `items` with `concurrency` in flight; throws on the first failure. */
async function inParallel<T>(items: readonly T[], concurrency: number, op: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await op(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function enqueuer(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SEED_CONCURRENCY });
  const url = new URL("/v2/enqueue", baseUrl);
  const send = (routingKey: string, dedupKey: string, summary: string) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        routing_key: routingKey,
        event_action: "trigger",
        dedup_key: dedupKey,
        payload: { summary, source: "bench-host-01", severity: "error" },
      });
      const req = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 202 ? resolve() : reject(new Error(`POST /v2/enqueue answered ${res.statusCode}`)),
          );
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/** 1,000 incidents (INC-1 first, the long one) and 4,999 repeats of INC-1's alert: one timeline entry each. */
async function seed(baseUrl: string, size: ConsoleSize): Promise<{ longKey: string }> {
  const api = jsonApi(baseUrl, ADMIN_TOKEN);
  const { integrationKey } = await api("POST", "/api/services", { name: "checkout" });
  const { send, close } = enqueuer(baseUrl);
  try {
    await send(integrationKey, "checkout/latency", "Checkout p99 latency above 2 s");
    const others = Array.from({ length: size.incidents - 1 }, (_, i) => i + 1);
    await inParallel(others, SEED_CONCURRENCY, (i) =>
      send(integrationKey, `host-${i}/disk`, `Disk ${70 + (i % 30)}% full on host-${i}`),
    );
    const repeats = Array.from({ length: size.timelineEntries - 1 }, (_, i) => i);
    await inParallel(repeats, SEED_CONCURRENCY, () =>
      send(integrationKey, "checkout/latency", "Checkout p99 latency above 2 s"),
    );
  } finally {
    close();
  }
  const { incidents } = await api("GET", "/api/incidents?limit=200&q=Checkout");
  const longKey = (incidents as { key: string; title: string }[]).find(
    (i) => i.title === "Checkout p99 latency above 2 s",
  )!.key;
  let entries = 0;
  let cursor = "";
  do {
    const page = await api(
      "GET",
      `/api/incidents/${longKey}/timeline?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    entries += page.entries.length;
    cursor = page.nextCursor ?? "";
  } while (cursor);
  if (entries < size.timelineEntries)
    throw new Error(`bench: ${longKey} has ${entries} timeline entries, expected ${size.timelineEntries}`);
  return { longKey };
}

async function fresh(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await openContext(browser, { token: ADMIN_TOKEN, baseUrl, viewport });
  context.setDefaultTimeout(WAIT_MS);
  return context.newPage();
}

/** Installed before the console loads: records (ms since navigation start) when the first incident link can be clicked. */
function watchListInteractive(): void {
  const w = window as unknown as { __listInteractive?: number };
  const check = () => {
    const link = document.querySelector('table[aria-label="Incidents"] tbody tr a');
    if (link) {
      const box = link.getBoundingClientRect();
      const hit =
        box.width > 0 && box.height > 0
          ? document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
          : null;
      if (hit && (hit === link || link.contains(hit))) {
        w.__listInteractive = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  if (window === window.top) requestAnimationFrame(check);
}

async function firstLoad(browser: Browser, url: string, runs: number): Promise<ConsoleBenchResult["firstLoad"]> {
  const times: number[] = [];
  let js = { transferred: 0, decoded: 0, files: 0 };
  for (let run = 0; run < runs; run++) {
    const page = await fresh(browser, url); // a new context: empty HTTP cache, no storage
    await page.addInitScript(watchListInteractive);
    await page.goto(`${url}/incidents`);
    times.push(
      await page
        .waitForFunction(() => (window as unknown as { __listInteractive?: number }).__listInteractive, undefined, {
          timeout: WAIT_MS,
        })
        .then(
          (h) => h.jsonValue() as Promise<number>,
          async (error: Error) => {
            throw new Error(
              `${error.message}; the page showed: ${(await page.locator("body").innerText()).slice(0, 500)}`,
            );
          },
        ),
    );
    js = await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType("resource")
        .filter((e: { name: string }) => /\.m?js(\?|$)/.test(e.name)) as unknown as {
        name: string;
        transferSize: number;
        decodedBodySize: number;
      }[];
      return {
        transferred: scripts.reduce((s, e) => s + e.transferSize, 0),
        decoded: scripts.reduce((s, e) => s + e.decodedBodySize, 0),
        files: scripts.length,
      };
    });
    // Interactive means it works: the first row's link opens its incident.
    await page.locator('table[aria-label="Incidents"] tbody tr a').first().click();
    await page.waitForURL(/\/incidents\/INC-\d+$/);
    await page.context().close();
  }
  return {
    runs,
    medianMs: median(times),
    p95Ms: p95(times),
    jsTransferredBytes: js.transferred,
    jsDecodedBytes: js.decoded,
    jsFiles: js.files,
  };
}

async function listRender(browser: Browser, url: string, size: ConsoleSize): Promise<ConsoleBenchResult["list"]> {
  const firstPage: number[] = [];
  let rows = 0;
  let loadMore: number[] = [];
  let allRowsMs = 0;
  for (let run = 0; run < size.listRuns; run++) {
    const page = await fresh(browser, url);
    // The app is loaded on another page first, so this times the list's data and rendering, not the bundle.
    await page.goto(`${url}/rules`);
    await page.getByRole("heading", { level: 1, name: "Escalation rules" }).waitFor();
    const rowCount = () =>
      page.evaluate(() => document.querySelectorAll('table[aria-label="Incidents"] tbody tr').length);
    /** Ms from the action (the navigation link to the list, or a "Load more" click) until `expected` rows are in the DOM. */
    const timed = (expected: number, action: "nav" | "more") =>
      page.evaluate(
        ([min, action, limit]) =>
          new Promise<number>((resolve, reject) => {
            const t0 = performance.now();
            if (action === "nav")
              (document.querySelector('nav[aria-label="Main"] a[href="/incidents"]') as any).click();
            else
              (Array.from(document.querySelectorAll("button")) as any[])
                .find((b) => b.textContent === "Load more")!
                .click();
            const check = () => {
              if (document.querySelectorAll('table[aria-label="Incidents"] tbody tr').length >= min)
                resolve(performance.now() - t0);
              else if (performance.now() - t0 > limit)
                reject(new Error(`fewer than ${min} incident rows after ${limit} ms`));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          }),
        [expected, action, WAIT_MS] as const,
      );
    firstPage.push(await timed(1, "nav"));
    rows = await rowCount();
    if (run === 0) {
      // Every page through "Load more", on the first run only (a thousand rows, not virtualised).
      const started = performance.now();
      const perClick: number[] = [];
      for (;;) {
        const before = await rowCount();
        // A full last page still has a next cursor (the API cannot know nothing follows): stop at the seeded count.
        if (before >= size.incidents) break;
        const more = page.getByRole("button", { name: "Load more" });
        if ((await more.count()) === 0) break;
        await more.waitFor();
        perClick.push(await timed(before + 1, "more"));
        await page.waitForFunction(
          () => !(Array.from(document.querySelectorAll("button")) as any[]).some((b) => b.textContent === "Loading…"),
        );
      }
      allRowsMs = performance.now() - started;
      loadMore = perClick;
      const all = await rowCount();
      if (all < size.incidents)
        throw new Error(`bench: the list showed ${all} rows after every "Load more", expected ${size.incidents}`);
    }
    await page.context().close();
  }
  return {
    runs: size.listRuns,
    firstPageRows: rows,
    firstPageMedianMs: median(firstPage),
    firstPageP95Ms: p95(firstPage),
    allRows: size.incidents,
    allRowsMs,
    loadMoreMedianMs: median(loadMore),
    loadMoreMaxMs: Math.max(...loadMore),
  };
}

async function timeline(
  browser: Browser,
  url: string,
  key: string,
  expected: number,
): Promise<ConsoleBenchResult["timeline"]> {
  const page = await fresh(browser, url);
  // Runs in Chromium: `expected` travels as the script's argument, not by closure.
  await page.addInitScript((expected: number) => {
    const w = window as unknown as { __firstEntry?: number; __allLoaded?: number };
    const check = () => {
      if (w.__firstEntry === undefined && document.querySelector('[role="feed"] article'))
        w.__firstEntry = performance.now();
      const status = (Array.from(document.querySelectorAll('p[aria-live="polite"]')) as any[])
        .map((p) => p.textContent ?? "")
        .find((t) => /^\d+ entries/.test(t));
      if (status && !status.includes("loading more") && Number(status.split(" ")[0]) >= expected)
        w.__allLoaded = performance.now();
      else requestAnimationFrame(check);
    };
    if (window === window.top) requestAnimationFrame(check);
  }, expected);
  await page.goto(`${url}/incidents/${key}`);
  const loaded = await page.waitForFunction(
    () => {
      const w = window as unknown as { __firstEntry?: number; __allLoaded?: number };
      return w.__allLoaded !== undefined && { first: w.__firstEntry!, all: w.__allLoaded };
    },
    undefined,
    { timeout: WAIT_MS },
  );
  const { first, all } = (await loaded.jsonValue()) as { first: number; all: number };
  const loadedEntries = await page.evaluate(() =>
    Number(
      (Array.from(document.querySelectorAll('p[aria-live="polite"]')) as any[])
        .map((p) => p.textContent ?? "")
        .find((t) => /^\d+ entries/.test(t))!
        .split(" ")[0],
    ),
  );

  const scroll = await page.evaluate(
    (step) =>
      new Promise<{ intervals: number[]; maxArticles: number; scrolled: number }>((resolve) => {
        const feed = document.querySelector('[role="feed"]')!;
        feed.scrollTop = 0;
        const intervals: number[] = [];
        let maxArticles = 0;
        let last = 0;
        // Two frames at the top first, so the jump there is not counted as scrolling.
        requestAnimationFrame(() =>
          requestAnimationFrame((t0) => {
            last = t0;
            const frame = (t: number) => {
              intervals.push(t - last);
              last = t;
              maxArticles = Math.max(maxArticles, feed.querySelectorAll("article").length);
              const bottom = feed.scrollHeight - feed.clientHeight;
              if (feed.scrollTop >= bottom - 1) return resolve({ intervals, maxArticles, scrolled: feed.scrollTop });
              feed.scrollTop = Math.min(bottom, feed.scrollTop + step);
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        );
      }),
    SCROLL_STEP_PX,
  );
  await page.context().close();
  const frames = scroll.intervals;
  return {
    firstVisibleMs: first,
    allLoadedMs: all,
    loadedEntries,
    scrolledPx: scroll.scrolled,
    frames: frames.length,
    frameP50Ms: median(frames),
    frameP95Ms: p95(frames),
    frameMaxMs: Math.max(...frames),
    framesOver50Ms: frames.filter((f) => f > JANK_FRAME_MS).length,
    maxArticlesInDom: scroll.maxArticles,
  };
}

export async function runConsoleBench(
  log: (message: string) => void = () => {},
  size: ConsoleSize = CONSOLE_SIZE,
): Promise<ConsoleBenchResult> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  buildConsole();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-console-"));
  const service = await spawnService({ FIREWATCH_DATA_DIR: dataDir, FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN });
  let browser: Browser | undefined;
  try {
    log(`console: seeding ${size.incidents} incidents and a ${size.timelineEntries}-entry timeline through Events v2`);
    const seeding = performance.now();
    const { longKey } = await seed(service.url, size);
    const seedSeconds = (performance.now() - seeding) / 1000;
    browser = await launchChromium();
    const chromium = browser.version();
    log(`console: first load ×${size.firstLoadRuns}, cold cache`);
    const first = await firstLoad(browser, service.url, size.firstLoadRuns);
    log(`console: incident list render ×${size.listRuns}, then every page`);
    const list = await listRender(browser, service.url, size);
    log(`console: ${longKey}'s ${size.timelineEntries}-entry timeline, load and scroll`);
    const tl = await timeline(browser, service.url, longKey, size.timelineEntries);
    return {
      incidents: size.incidents,
      timelineEntries: size.timelineEntries,
      seedSeconds,
      chromium,
      firstLoad: first,
      list,
      timeline: tl,
      goals: {
        listInteractiveMs: LIST_GOAL_MS,
        listMet: first.medianMs < LIST_GOAL_MS,
        jankFrameMs: JANK_FRAME_MS,
        smoothP95Ms: SMOOTH_P95_MS,
        scrollMet: tl.framesOver50Ms === 0 && tl.frameP95Ms <= SMOOTH_P95_MS,
      },
    };
  } finally {
    await browser?.close();
    await service.kill("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

/** The console's rows of the bench report (bench/report.ts prints them after the others). */
export function consoleMarkdown(r: ConsoleBenchResult): string[] {
  const t = r.timeline;
  return [
    `| console first load (cold cache, ${r.firstLoad.runs} runs) | median ms | p95 ms | JS transferred KB | JS decoded KB | JS files | goal list interactive < ${f0(r.goals.listInteractiveMs)} ms |`,
    "|---|---:|---:|---:|---:|---:|---|",
    `| navigation start → first incident link clickable | ${f0(r.firstLoad.medianMs)} | ${f0(r.firstLoad.p95Ms)} | ${f0(r.firstLoad.jsTransferredBytes / 1024)} | ${f0(r.firstLoad.jsDecodedBytes / 1024)} | ${r.firstLoad.jsFiles} | ${r.goals.listMet ? "met" : "not met"} |`,
    "",
    `| incident list, ${f0(r.list.allRows)} incidents in the database | rows | median ms | p95 / max ms |`,
    "|---|---:|---:|---:|",
    `| first page (app loaded, query cache empty; ${r.list.runs} runs) | ${r.list.firstPageRows} | ${f0(r.list.firstPageMedianMs)} | ${f0(r.list.firstPageP95Ms)} |`,
    `| each "Load more" click → its rows rendered | 100 | ${f0(r.list.loadMoreMedianMs)} | ${f0(r.list.loadMoreMaxMs)} |`,
    `| every page, first to last | ${f0(r.list.allRows)} | ${f0(r.list.allRowsMs)} (total) | |`,
    "",
    `| timeline of ${f0(r.timelineEntries)} entries | first entries visible ms | all pages loaded ms | frames | frame p50 ms | p95 ms | max ms | frames > ${r.goals.jankFrameMs} ms | max <article> in DOM | goal no frame > ${r.goals.jankFrameMs} ms, p95 ≤ ${r.goals.smoothP95Ms} ms |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    `| scripted scroll top → bottom, ${f0(SCROLL_STEP_PX)} px/frame (${f0(t.scrolledPx)} px) | ${f0(t.firstVisibleMs)} | ${f0(t.allLoadedMs)} | ${t.frames} | ${f1(t.frameP50Ms)} | ${f1(t.frameP95Ms)} | ${f1(t.frameMaxMs)} | ${t.framesOver50Ms} | ${t.maxArticlesInDom} | ${r.goals.scrollMet ? "met" : "not met"} |`,
    "",
    `Console: ${r.chromium} headless (software rendering, --disable-gpu), service in its own process on PGlite on disk; seeding took ${f1(r.seedSeconds)} s.`,
  ];
}
