// The document port on Confluence Cloud through confluence.js (REST v2 pages and properties, v1 labels
// and CQL). A refresh reads the page's current version, merges Firewatch's sections into it and writes
// version + 1; a 409 (someone saved in between) re-reads and merges again, so neither side's change is
// lost. Requests per refresh are constant: read page, write page (and the same for the timeline child page).
import type { PostmortemDocument } from "../../domain/postmortem/document.ts";
import { isPlaceholderText } from "../../domain/postmortem/build-postmortem.ts";
import { IntegrationError } from "../../ports/integration-errors.ts";
import { unconfiguredDocuments, type DocumentPort, type PublishedPage } from "../../ports/document-port.ts";
import {
  mergeAdf,
  peopleSectionText,
  renderAdf,
  renderTimelineAdf,
  type AdfDoc,
} from "../../formats/adf/postmortem-adf.ts";
import { confluenceCall, type ConfluenceConnection } from "./confluence-connection.ts";
import { confluencePages } from "./confluence-pages.ts";

export function confluenceAdapter(settings: ConfluenceConnection | null): DocumentPort {
  if (!settings) return unconfiguredDocuments;
  const guarded = confluenceCall(settings);
  let requests = 0;
  const { read, find, create, write, parent } = confluencePages(settings, (work) => {
    requests++;
    return guarded(work);
  });

  function written(adf: AdfDoc, document: PostmortemDocument): Record<string, boolean> {
    const result: Record<string, boolean> = {};
    for (const s of document.sections)
      if (s.owner === "people") result[s.id] = !isPlaceholderText(peopleSectionText(adf, s.id, s.title) ?? "");
    return result;
  }

  return {
    configured: true,
    async publish(req): Promise<PublishedPage> {
      requests = 0;
      const { document } = req;
      let page =
        (req.pageId ? await read(req.pageId) : null) ?? (await find(document.title, req.incidentId, document.labels));
      const parentId = page ? null : await parent(req.parentTitle);
      page = page
        ? await write(page, document.title, (current) => mergeAdf(current, document))
        : await create(document.title, parentId, renderAdf(document), req.incidentId, document.labels);
      let timelinePageId = req.timelinePageId;
      const timeline = renderTimelineAdf(document);
      if (timeline && document.fullTimeline) {
        const child =
          (timelinePageId ? await read(timelinePageId) : null) ??
          (await find(document.fullTimeline.title, req.incidentId, []));
        timelinePageId = child
          ? (await write(child, document.fullTimeline.title, () => timeline)).id
          : (await create(document.fullTimeline.title, page.id, timeline, req.incidentId, [])).id;
      }
      return {
        pageId: page.id,
        version: page.version,
        url: `${settings.siteUrl.replace(/\/$/, "")}/wiki/pages/viewpage.action?pageId=${page.id}`,
        timelinePageId,
        sectionsWritten: written(page.adf, document),
        requests,
      };
    },
    async sectionsWritten(pageId, document) {
      const page = await read(pageId);
      if (!page)
        throw new IntegrationError(
          "confluence",
          "rejected",
          `The postmortem page ${pageId} no longer exists in Confluence; publish it again.`,
        );
      return written(page.adf, document);
    },
  };
}
