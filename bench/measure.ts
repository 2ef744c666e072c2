// Runs a list of operations with a fixed number in flight and records each one's latency.
import { performance } from "node:perf_hooks";

export interface PhaseResult {
  readonly operations: number;
  readonly ok: number;
  readonly errors: number;
  /** Up to five distinct error descriptions, for the report. */
  readonly errorSamples: string[];
  readonly elapsedMs: number;
  /** ok operations per second of wall time */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** `op` resolves to null on success or to an error description; a rejection also counts as an error. */
export async function runConcurrent<T>(
  items: readonly T[],
  concurrency: number,
  op: (item: T) => Promise<string | null>,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  const samples = new Set<string>();
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const started = performance.now();
      let error: string | null;
      try {
        error = await op(item);
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
      if (error === null) latencies.push(performance.now() - started);
      else {
        errors++;
        if (samples.size < 5) samples.add(error.slice(0, 300));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    operations: items.length,
    ok: latencies.length,
    errors,
    errorSamples: [...samples],
    elapsedMs,
    perSecond: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * Polls `probe` until it gives a value (anything but undefined or false), every `everyMs`.
 * @throws when `timeoutMs` passed first, naming `what`
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 60_000, everyMs = 20 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
