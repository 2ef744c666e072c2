// The plain-text rules of incident e-mail: what a subject says (reply, severity tag, incident key) and where a
// reply's own text ends and the quoted earlier message begins. Simple line rules, as mail clients write them.
import type { Severity } from "../../domain/severity.ts";

/** `Re:`, and its translations mail clients use (AW German, SV/VS Nordic, Antw Dutch, Odp Polish, R/Rif Italian). */
const REPLY_PREFIX = /^\s*(?:(?:re|aw|sv|vs|antw|odp|rif|r)(?:\[\d+\])?\s*:\s*)+/i;
const SEVERITY_TAG = /\[\s*sev\s*([1-4])\s*\]/i;
const INCIDENT_KEY = /\bINC-([1-9][0-9]{0,9})\b/i;

export interface SubjectParts {
  readonly isReply: boolean;
  /** The subject with the first severity tag taken off, on one line. */
  readonly title: string;
  readonly severity: Severity | null;
  /** `INC-42` anywhere in the subject → 42. */
  readonly incidentNumber: number | null;
}

/** Reads a subject: whether it is a reply, its `[SEVn]` tag (any case) and the incident key it names. */
export function subjectParts(subject: string): SubjectParts {
  const line = subject.replace(/\s+/g, " ").trim();
  const tag = SEVERITY_TAG.exec(line);
  const key = INCIDENT_KEY.exec(line);
  return {
    isReply: REPLY_PREFIX.test(line),
    title: tag
      ? `${line.slice(0, tag.index)} ${line.slice(tag.index + tag[0].length)}`.replace(/\s+/g, " ").trim()
      : line,
    severity: tag ? (`SEV${tag[1]}` as Severity) : null,
    incidentNumber: key ? Number(key[1]) : null,
  };
}

/** Lines that start the quoted earlier message, or the signature, in what common clients write. */
const QUOTE_STARTS: readonly RegExp[] = [
  /^On\b.*\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^Am\b.*\bschrieb\b.*:\s*$/i, // the same in German
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook (plain text)
  /^_{20,}\s*$/, // Outlook's rule above its header block
  /^-- $/, // the signature delimiter (RFC 3676, 4.3)
];

/** Outlook's quoted header block: `From: …` with `Sent:` or `Date:` within the next lines. */
function startsHeaderBlock(lines: readonly string[], i: number): boolean {
  if (!/^\s*\*?From:\*?\s/i.test(lines[i]!)) return false;
  return lines.slice(i + 1, i + 5).some((l) => /^\s*\*?(Sent|Date):\*?\s/i.test(l));
}

/** "On … at …, Someone <a@b>" on one line and "wrote:" on the next, as Gmail wraps a long attribution. */
function startsWrappedAttribution(lines: readonly string[], i: number): boolean {
  return /^On\b/i.test(lines[i]!) && /\bwrote:\s*$/i.test(lines[i + 1] ?? "") && !/wrote:/i.test(lines[i]!);
}

/**
 * A reply's own text: everything before the quoted earlier message or signature, without `>` lines, trimmed.
 * Empty when the message is nothing but quotation (the caller then keeps the whole text).
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (QUOTE_STARTS.some((re) => re.test(line))) break;
    if (startsHeaderBlock(lines, i) || startsWrappedAttribution(lines, i)) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join("\n").trim();
}
