// The spaces of a Confluence site as the caller may see them, for checking a space key before it is saved.
// GET /wiki/api/v2/spaces answers only spaces the caller may view: https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get
import { createV2Client } from "confluence.js";
import type { DocumentSpaces } from "../../ports/document-port.ts";
import { confluenceCall, type ConfluenceSite } from "./confluence-connection.ts";

/** Confluence's largest page of spaces. */
const MAX_LIMIT = 250;

export function confluenceSpaces(site: ConfluenceSite): DocumentSpaces {
  const v2 = createV2Client({ host: site.apiUrl, auth: site.auth });
  const call = confluenceCall(site);
  return {
    // The same question the postmortem publish asks of the key (confluence-pages.ts), so what is saved here publishes.
    async has(spaceKey) {
      const found = await call(() => v2.space.getSpaces({ keys: [spaceKey] }));
      return (found.results ?? []).some((s) => s.id !== undefined && s.id !== null);
    },
    async keys(max) {
      const page = await call(() => v2.space.getSpaces({ limit: Math.min(max, MAX_LIMIT) }));
      return (page.results ?? []).map((s) => String(s.key)).slice(0, max);
    },
  };
}
