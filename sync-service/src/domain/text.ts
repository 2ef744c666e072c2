/** The text on one line: every run of whitespace (line breaks too) becomes one space, the ends trimmed; for titles in messages. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
