// Summary figures of the reports, shared by the incident report and the on-call health report.

/** The median of `values` (the mean of the middle two for an even count), or null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The mean of `values`, or null when there are none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * How evenly `values` fall: 1 − G, G the Gini coefficient Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄).
 * 1 is perfectly even; 1/n when one of n carries everything. Fewer than two values, or all zero, is even (1).
 */
export function evenness(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n < 2 || total === 0) return 1;
  let differences = 0;
  for (const a of values) for (const b of values) differences += Math.abs(a - b);
  return 1 - differences / (2 * n * total);
}
