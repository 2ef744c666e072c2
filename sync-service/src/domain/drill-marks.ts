// How everything a drill sends says it is one (docs/drills.md): people must never take a practice incident for a
// real one, nor a real one for practice.

/** The word pages and posts carry. */
export const DRILL = "DRILL";

/** The line a page or a pinned summary leads with. */
export const DRILL_NOTICE = "DRILL: this is a practice incident. Respond as you would to a real one.";

/** The label Jira issues Firewatch creates for a drill carry. */
export const DRILL_LABEL = "firewatch-drill";

/** `[DRILL] <text>` for a drill; `text` unchanged otherwise. */
export function drillPrefixed(drill: boolean | undefined, text: string): string {
  return drill ? `[${DRILL}] ${text}` : text;
}
