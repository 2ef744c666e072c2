import type { CompiledOverride } from "./compiled.ts";

/** One user on call and what put them there: a layer (its index) or an override. */
export type Assignment =
  { readonly user: string; readonly layer: number } | { readonly user: string; readonly override: true };

/**
 * docs/schedules.md, as in PagerDuty: an override takes the place of whoever the layers put on call
 * (with `replaces`, only while that user is the one on call; without, whoever it is, or nobody); the last
 * listed override that applies wins. One with `add` puts its user beside them instead. Order: the
 * scheduled (or replacing) user first, then added users in listed order, each user once.
 */
export function assign(
  scheduled: { user: string; layer: number } | undefined,
  active: readonly CompiledOverride[],
): Assignment[] {
  const result: Assignment[] = [];
  const replacement = active.findLast((o) => !o.add && (o.replaces === undefined || o.replaces === scheduled?.user));
  if (replacement) result.push({ user: replacement.user, override: true });
  else if (scheduled) result.push(scheduled);
  for (const o of active) {
    if (o.add && !result.some((a) => a.user === o.user)) result.push({ user: o.user, override: true });
  }
  return result;
}
