// The `~` operator (https://support.atlassian.com/jira-software-cloud/docs/search-for-issues-using-the-text-field/):
// words match anywhere, all of them must be there; a quoted "phrase" must appear in order; "win*" is a
// prefix. Jira also stems words ("win" finds "winning"), which is not reproduced here: when only a
// stemmed match could explain a hit, the answer is "maybe" and Jira decides.

const words = (s: string): string[] => [...(s.toLowerCase().match(/[\p{L}\p{N}_]+\*?/gu) ?? [])];

/** The words of a field's text, lower-cased, as the `~` operator compares them. */
export const tokenize = words;

interface TextQuery {
  readonly phrase: string[] | null;
  readonly terms: string[];
}

// Rules repeat the same few search texts on every event; parse each once.
const queries = new Map<string, TextQuery>();

function parseQuery(query: string): TextQuery {
  let parsed = queries.get(query);
  if (!parsed) {
    const phrase = /^"(.*)"$/s.exec(query.trim());
    parsed = phrase ? { phrase: words(phrase[1]!), terms: [] } : { phrase: null, terms: words(query) };
    if (queries.size > 10_000) queries.clear();
    queries.set(query, parsed);
  }
  return parsed;
}

export function textMatches(tokens: readonly string[], query: string): boolean | "maybe" {
  const { phrase, terms } = parseQuery(query);
  if (phrase) {
    const parts = phrase;
    for (let i = 0; i + parts.length <= tokens.length; i++) {
      if (parts.every((p, j) => tokens[i + j] === p)) return true;
    }
    return parts.some((p) => !tokens.includes(p) && tokens.some((t) => stemmedAlike(t, p))) ? "maybe" : false;
  }
  let maybe = false;
  for (const term of terms) {
    if (term.endsWith("*")) {
      if (!tokens.some((t) => t.startsWith(term.slice(0, -1)))) return false;
      continue;
    }
    if (tokens.includes(term)) continue;
    if (tokens.some((t) => stemmedAlike(t, term))) maybe = true;
    else return false;
  }
  return maybe ? "maybe" : true;
}

/** Words that an English stemmer could reduce to one stem: a shared start of at least 4 letters. */
function stemmedAlike(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  if (n < 3) return false;
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i >= Math.min(4, n) && Math.abs(a.length - b.length) <= 4;
}
