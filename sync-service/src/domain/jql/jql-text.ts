// The `~` operator (https://support.atlassian.com/jira-software-cloud/docs/search-for-issues-using-the-text-field/):
// words match anywhere, all of them must be there; a quoted "phrase" must appear in order; "win*" is a
// prefix. Jira also stems words ("win" finds "winning"), which is not reproduced here: when only a
// stemmed match could explain a hit, the answer is "maybe" and Jira decides.

const words = (s: string): string[] => [...(s.toLowerCase().match(/[\p{L}\p{N}_]+\*?/gu) ?? [])];

export function textMatches(body: string, query: string): boolean | "maybe" {
  const tokens = words(body);
  const phrase = /^"(.*)"$/s.exec(query.trim());
  if (phrase) {
    const parts = words(phrase[1]!);
    for (let i = 0; i + parts.length <= tokens.length; i++) {
      if (parts.every((p, j) => tokens[i + j] === p)) return true;
    }
    return parts.some((p) => !tokens.includes(p) && tokens.some((t) => stemmedAlike(t, p))) ? "maybe" : false;
  }
  let maybe = false;
  for (const term of words(query)) {
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
