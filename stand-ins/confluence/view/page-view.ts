// One Confluence page as a person reads it, section by section, each with its own editor (a textarea in a
// disclosure, no script needed), then a form to add a section, the page's versions and its child pages; and the
// space's page tree. Paths are in confluence-view.ts.
import { adfNodeHtml } from "../../common/view/adf-html.ts";
import { markup, type Html } from "../../common/view/html.ts";
import { timeHtml } from "../../common/view/layout.ts";
import type { ConfluenceState, PageRecord } from "../state.ts";
import { current } from "../state.ts";
import type { AdfDoc } from "../types.ts";
import { hasFormatting, notEditable, sectionText, sections, type Section } from "./sections.ts";

export interface PageLinks {
  page(id: string, action?: string): string;
  home(): string;
}

/** Text a person typed into section `section` that could not be saved, shown again in its editor. */
export interface Draft {
  readonly section: number;
  readonly text: string;
}

const FORMAT_HINT = "One paragraph a line; start a line with “- ” for a bullet, “1. ” for a numbered item.";

const who = (state: ConfluenceState, id: string) => state.users.find((u) => u.accountId === id)?.displayName ?? id;

function sectionTitle(s: Section): string {
  const text = (s.heading?.content ?? []).map((n) => n.text ?? "").join("");
  return s.index === 0 ? "the introduction" : `“${text || "Untitled"}”`;
}

function editor(page: PageRecord, s: Section, links: PageLinks, draft: Draft | undefined): Html {
  const why = notEditable(s);
  if (why) return markup`<p class="meta">${why}</p>`;
  const mine = draft?.section === s.index ? draft : undefined;
  const id = `section-${s.index}`;
  return markup`<details class="edit"${mine ? markup` open` : ""}><summary>Edit ${sectionTitle(s)}</summary>
    <form class="stack" method="post" action="${links.page(page.id, "/sections")}">
      <input type="hidden" name="section" value="${s.index}" />
      <input type="hidden" name="version" value="${current(page).number}" />
      <div><label for="${id}">Text of ${sectionTitle(s)}</label>
      <p class="hint" id="${id}-hint">${FORMAT_HINT}${hasFormatting(s) ? " Saving turns this section's tables, links and emphasis into plain text." : ""}</p>
      <textarea id="${id}" name="text" rows="8" aria-describedby="${id}-hint">${mine ? mine.text : sectionText(s)}</textarea></div>
      <div><button class="btn primary" type="submit">Save section</button></div>
    </form></details>`;
}

function sectionHtml(page: PageRecord, s: Section, offset: number, links: PageLinks, draft: Draft | undefined): Html {
  if (s.index === 0 && s.nodes.length === 0 && draft?.section !== 0) return markup``;
  return markup`<section class="doc-section">
    ${s.heading ? adfNodeHtml(s.heading, { headingOffset: offset }) : ""}
    <div class="doc">${s.nodes.map((n) => adfNodeHtml(n, { headingOffset: offset }))}</div>
    ${editor(page, s, links, draft)}
  </section>`;
}

function versionsHtml(state: ConfluenceState, page: PageRecord): Html {
  const row = (v: PageRecord["versions"][number]) =>
    markup`<li>Version ${v.number} by ${who(state, v.authorId)} · ${timeHtml(v.createdAt)}${v.message ? markup` — ${v.message}` : ""}</li>`;
  return markup`<details><summary>${page.versions.length} ${page.versions.length === 1 ? "version" : "versions"}</summary>
    <ol reversed>${[...page.versions].reverse().map(row)}</ol></details>`;
}

/** The page's main column. */
export function pageMain(
  state: ConfluenceState,
  page: PageRecord,
  adf: AdfDoc,
  links: PageLinks,
  notice: Html | string,
  draft?: Draft,
): Html {
  const latest = current(page);
  const trail: PageRecord[] = [];
  for (
    let p = page.parentId ? state.findPage(page.parentId) : undefined;
    p;
    p = p.parentId ? state.findPage(p.parentId) : undefined
  )
    trail.unshift(p);
  const space = state.space(page.spaceId);
  const offset = adf.content.some((n) => n.type === "heading" && Number(n.attrs?.level) === 1) ? 1 : 0;
  const labels = state.labels(page).map((l) => l.name);
  const children = state.children(page.id);
  const all = sections(adf);
  const empty = all.length === 1 && all[0]!.nodes.length === 0;
  return markup`<p class="meta"><a href="${links.home()}">${space?.name ?? "Space"}</a>
      ${trail.map((p) => markup` / <a href="${links.page(p.id)}">${current(p).title}</a>`)}</p>
    <h1>${latest.title}</h1>
    <p class="sub">Version ${latest.number}, last edited by ${who(state, latest.authorId)} · ${timeHtml(latest.createdAt)}
      ${labels.length ? markup` · Labels: ${labels.join(", ")}` : ""}</p>
    ${notice}
    <article class="card">
      ${all.map((s) => sectionHtml(page, s, offset, links, empty ? (draft ?? { section: 0, text: "" }) : draft))}
    </article>
    <details class="card"><summary>Add a section</summary>
      <form class="stack" method="post" action="${links.page(page.id, "/sections/new")}">
        <input type="hidden" name="version" value="${latest.number}" />
        <div><label for="new-title">Heading</label><input id="new-title" type="text" name="title" required maxlength="255" /></div>
        <div><label for="new-text">Text</label><p class="hint" id="new-hint">${FORMAT_HINT}</p>
        <textarea id="new-text" name="text" aria-describedby="new-hint"></textarea></div>
        <div><button class="btn primary" type="submit">Add section</button></div>
      </form></details>
    <h2>History</h2>${versionsHtml(state, page)}
    ${children.length ? markup`<h2>Child pages</h2><ul>${children.map((c) => markup`<li><a href="${links.page(c.id)}">${current(c).title}</a></li>`)}</ul>` : ""}`;
}

/** The space's pages as a tree under its homepage (and any page outside it). */
export function spaceMain(state: ConfluenceState, links: PageLinks): Html {
  const tree = (p: PageRecord): Html => {
    const kids = state.children(p.id);
    const latest = current(p);
    return markup`<li><a href="${links.page(p.id)}">${latest.title}</a>
      <span class="meta">· v${latest.number} · ${who(state, latest.authorId)} · ${timeHtml(latest.createdAt)}</span>
      ${kids.length ? markup`<ul>${kids.map(tree)}</ul>` : ""}</li>`;
  };
  return markup`${state.spaces.map(
    (space) => markup`<h1>${space.name} <span class="meta">(space ${space.key})</span></h1>
      <ul>${state
        .allPages()
        .filter((p) => p.spaceId === space.id && p.parentId === null)
        .map(tree)}</ul>`,
  )}`;
}
