/** The text on one line: every run of whitespace (line breaks too) becomes one space, the ends trimmed; for titles in messages. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Length in code points, so an emoji counts once and is never split into a lone surrogate. */
export function codePoints(text: string): number {
  return [...text].length;
}

/**
 * The text cut to at most `max` code points, ending in "..." when cut. "..." rather than "…": one non-GSM-7
 * character would switch a whole text message to UCS-2 and 70-character segments.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 3)
        .join("")
        .trimEnd()}...`;
}
