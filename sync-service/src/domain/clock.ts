/** The only source of time for the domain and use cases. */
export interface Clock {
  now(): Date;
}

export const MINUTE_MS = 60_000;

/** A day of 24 hours, in milliseconds: UTC days and spans, never a local calendar day (those follow DST; see oncall/). */
export const DAY_MS = 86_400_000;
