import type { CompiledOverride } from "./compiled.ts";

/** One user on call and what put them there: a layer (its index) or an override. */
export type Assignment =
  { readonly user: string; readonly layer: number } | { readonly user: string; readonly override: true };

/**
 * docs/schedules.md: an override with `replaces` puts its user in place of the scheduled user
 * while it lasts (the last listed one wins when several replace the same user; it does nothing when
 * that user is not the one on call); one without `replaces` adds its user. Order: the scheduled (or
 * replacing) user first, then added users in listed order, each user once.
 */
export function assign(
  scheduled: { user: string; layer: number } | undefined,
  active: readonly CompiledOverride[],
): Assignment[] {
  const result: Assignment[] = [];
  if (scheduled) {
    const replacement = active.findLast((o) => o.replaces === scheduled.user);
    result.push(replacement ? { user: replacement.user, override: true } : scheduled);
  }
  for (const o of active) {
    if (o.replaces === undefined && !result.some((a) => a.user === o.user))
      result.push({ user: o.user, override: true });
  }
  return result;
}
