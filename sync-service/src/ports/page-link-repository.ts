import type { PageLink } from "../domain/page-link.ts";

/** One-time page links, found by the SHA-256 hash of their token (the token itself is never stored). */
export interface PageLinkRepository {
  insert(link: PageLink, tokenHash: string): Promise<void>;
  find(tokenHash: string): Promise<PageLink | null>;
  /**
   * Marks the link used at `now` if it is still unused and unexpired, in one statement (two concurrent uses: one
   * wins). @returns the link as it was before, or null when it was already used, expired or unknown
   */
  consume(tokenHash: string, now: Date): Promise<PageLink | null>;
}
