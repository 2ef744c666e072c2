import { assign, type Assignment } from "./assignment.ts";
import { activeOverrides, type CompiledSchedule } from "./compiled.ts";
import { layerSpans, type LayerSpan } from "./layer.ts";

/** One user's stretch on call; `layer` or `override` says what put them there. */
export interface OnCallShift {
  user: string;
  start: Date;
  end: Date;
  layer?: number;
  override?: boolean;
}

interface Segment {
  readonly start: number;
  readonly key: string;
  readonly assignments: readonly Assignment[];
}

/**
 * The on-call timeline in `[fromMs, toMs)`: cut at every instant where any layer or override
 * changes, evaluated once per piece, and merged while the same users stay on from the same sources.
 */
export function timeline(schedule: CompiledSchedule, fromMs: number, toMs: number): OnCallShift[] {
  if (!(toMs > fromMs)) return [];
  const layers = schedule.layers.map((layer) => layerSpans(layer, fromMs, toMs, schedule.timeZone));
  const overrides = schedule.overrides.filter((o) => o.start < toMs && o.end > fromMs);
  const cuts = cutPoints(fromMs, toMs, layers, overrides);
  const cursors = layers.map(() => 0);
  const shifts: OnCallShift[] = [];
  let open: Segment | undefined;
  for (const at of cuts.slice(0, -1)) {
    const assignments = assign(scheduledAt(layers, cursors, at), activeOverrides(overrides, at));
    const key = assignments.map((a) => `${a.user}\u0000${"layer" in a ? a.layer : "override"}`).join("\u0001");
    if (open?.key === key) continue;
    if (open) emit(open, at, shifts);
    open = { start: at, key, assignments };
  }
  if (open) emit(open, toMs, shifts);
  return shifts;
}

function cutPoints(
  fromMs: number,
  toMs: number,
  layers: readonly LayerSpan[][],
  overrides: readonly { start: number; end: number }[],
): number[] {
  const points = new Set<number>([fromMs, toMs]);
  for (const spans of layers) for (const s of spans) points.add(s.start).add(s.end);
  for (const o of overrides) points.add(Math.max(o.start, fromMs)).add(Math.min(o.end, toMs));
  return [...points].sort((a, b) => a - b);
}

/** The last layer with someone at `at`; `cursors` only move forward as `at` grows. */
function scheduledAt(
  layers: readonly LayerSpan[][],
  cursors: number[],
  at: number,
): { user: string; layer: number } | undefined {
  for (let layer = layers.length - 1; layer >= 0; layer--) {
    const spans = layers[layer]!;
    let i = cursors[layer]!;
    while (i < spans.length && spans[i]!.end <= at) i++;
    cursors[layer] = i;
    const span = spans[i];
    if (span && span.start <= at) return { user: span.user, layer };
  }
  return undefined;
}

function emit(segment: Segment, end: number, into: OnCallShift[]): void {
  for (const a of segment.assignments) {
    const source = "layer" in a ? { layer: a.layer } : { override: true };
    into.push({ user: a.user, start: new Date(segment.start), end: new Date(end), ...source });
  }
}
