import type { Temporal } from "temporal-polyfill";
import { localDateAt } from "./local-time.ts";
import { restrictionWindows, type RestrictionWindows, type Span } from "./restrictions.ts";
import { rotationClock, type RotationClock } from "./rotation.ts";
import type { Layer } from "./schedule.ts";

/** A layer with its local times already turned into rules over instants. */
export interface CompiledLayer {
  readonly index: number;
  readonly users: readonly string[];
  readonly clock: RotationClock;
  /** undefined when the layer has no restrictions (on call around the clock) */
  readonly windows: RestrictionWindows | undefined;
}

export interface LayerSpan extends Span {
  readonly user: string;
}

export function compileLayer(layer: Layer, index: number, timeZone: string): CompiledLayer {
  return {
    index,
    users: layer.users,
    clock: rotationClock(layer.rotation, timeZone),
    windows: layer.restrictions ? restrictionWindows(layer.restrictions, timeZone) : undefined,
  };
}

const userOf = (layer: CompiledLayer, shift: number): string => layer.users[shift % layer.users.length]!;

/** Who this layer puts on call at `epochMs`: nobody before its start or outside its restrictions. */
export function layerUserAt(
  layer: CompiledLayer,
  epochMs: number,
  localDate: () => Temporal.PlainDate,
): string | undefined {
  const shift = layer.clock.shiftAt(epochMs, localDate);
  if (shift < 0) return undefined;
  if (layer.windows && !layer.windows.contains(epochMs, localDate())) return undefined;
  return userOf(layer, shift);
}

/** The layer's on-call spans within `[fromMs, toMs)`, sorted and disjoint. */
export function layerSpans(layer: CompiledLayer, fromMs: number, toMs: number, timeZone: string): LayerSpan[] {
  const shifts = rotationSpans(layer, fromMs, toMs, () => localDateAt(fromMs, timeZone));
  if (!layer.windows) return shifts;
  return intersect(
    shifts,
    layer.windows.between(fromMs, toMs, localDateAt(fromMs, timeZone), localDateAt(toMs, timeZone)),
  );
}

function rotationSpans(
  layer: CompiledLayer,
  fromMs: number,
  toMs: number,
  fromDate: () => Temporal.PlainDate,
): LayerSpan[] {
  const spans: LayerSpan[] = [];
  let shift = Math.max(0, layer.clock.shiftAt(fromMs, fromDate));
  let start = layer.clock.handOff(shift);
  while (start < toMs) {
    const end = layer.clock.handOff(shift + 1);
    if (end > fromMs)
      spans.push({ start: Math.max(start, fromMs), end: Math.min(end, toMs), user: userOf(layer, shift) });
    shift++;
    start = end;
  }
  return spans;
}

/** Two sorted, disjoint lists: the parts of each shift inside a window. */
function intersect(shifts: readonly LayerSpan[], windows: readonly Span[]): LayerSpan[] {
  const out: LayerSpan[] = [];
  let w = 0;
  for (const shift of shifts) {
    while (w < windows.length && windows[w]!.end <= shift.start) w++;
    for (let i = w; i < windows.length && windows[i]!.start < shift.end; i++) {
      const start = Math.max(shift.start, windows[i]!.start);
      const end = Math.min(shift.end, windows[i]!.end);
      if (end > start) out.push({ start, end, user: shift.user });
    }
  }
  return out;
}
