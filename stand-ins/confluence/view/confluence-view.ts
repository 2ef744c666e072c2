// The Confluence stand-in's web pages, under <base>/_view/:
//   /                              the space's page tree
//   /pages/<id>                    one page, readable, each section with its editor
//   POST /pages/<id>/sections      section, version, text: that section rewritten, saved as the next version
//   POST /pages/<id>/sections/new  version, title, text: a section added at the end
// A save goes through PUT /wiki/api/v2/pages/<id> as the site's person (as-person.ts). A save against a version
// someone else has since replaced is refused (409) with the person's text kept, as the editor's conflict dialog does.
import { ViewError } from "../../common/view/forms.ts";
import { documentHtml, noticeHtml, withQuery, type Chrome } from "../../common/view/layout.ts";
import { StandInView, ViewPaths, type ViewAnswer, type ViewRequest } from "../../common/view/view-server.ts";
import { bodyAsAdf } from "../represent.ts";
import { current, type ConfluenceState, type PageRecord } from "../state.ts";
import type { AdfDoc } from "../types.ts";
import { errorText, type PersonCall } from "./as-person.ts";
import { pageMain, spaceMain, type Draft } from "./page-view.ts";
import { appendSection, notEditable, replaceSection, sections, textBlocks } from "./sections.ts";

export interface ConfluenceViewDeps {
  state: ConfluenceState;
  asPerson: PersonCall;
  baseUrl(): string;
  /** Records what the emulator cannot show as Confluence would (a storage body it cannot convert). */
  unexpected(reason: string): void;
}

export function confluenceView(deps: ConfluenceViewDeps): StandInView {
  const paths = new ViewPaths(deps.baseUrl);
  const links = {
    home: () => paths.href("/"),
    page: (id: string, action = "") => paths.href(`/pages/${encodeURIComponent(id)}${action}`),
  };
  // Built at each render: the base URL is known only once the stand-in listens (or is mounted).
  const chrome = (): Chrome => ({
    paths,
    vendor: "Confluence",
    theme: "confluence",
    nav: [{ label: "Pages", href: links.home() }],
  });
  const { state } = deps;
  const adfOf = (page: PageRecord): AdfDoc => bodyAsAdf(current(page).body, deps.unexpected);
  const pageOf = (id: string): PageRecord => {
    const page = state.findPage(id);
    if (!page) throw new ViewError(404, "No such page", `The space has no page ${id}.`);
    return page;
  };
  const show = (page: PageRecord, url: URL, error?: string, draft?: Draft, status = 200): ViewAnswer => ({
    status,
    html: documentHtml(
      chrome(),
      current(page).title,
      pageMain(state, page, adfOf(page), links, noticeHtml(url, error), draft),
    ),
  });

  /** Saves `next(body)` as the version after `version`, or shows the page again with the refusal and the draft. */
  const save = async (r: ViewRequest, edit: (f: URLSearchParams, adf: AdfDoc) => AdfDoc | string, done: string) => {
    const page = pageOf(r.params[0]!);
    const f = await r.form();
    const section = Number(f.get("section") ?? -1);
    const draft = { section, text: f.get("text") ?? "" };
    const latest = current(page);
    if (f.get("version") !== String(latest.number))
      return show(
        page,
        r.url,
        `${state.user(latest.authorId).displayName} saved version ${latest.number} while you were editing. Your text is kept below; save again to replace what is there now.`,
        draft,
        409,
      );
    const next = edit(f, adfOf(page));
    if (typeof next === "string") return show(page, r.url, next, draft, 400);
    const answer = await deps.asPerson("PUT", `/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: "current",
      title: latest.title,
      body: { representation: "atlas_doc_format", value: JSON.stringify(next) },
      version: { number: latest.number + 1, message: "Edited in the sandbox" },
    });
    if (answer.status >= 400) return show(page, r.url, errorText(answer.body), draft, answer.status);
    return { redirect: withQuery(links.page(page.id), "done", done) };
  };

  return new StandInView({
    chrome,
    home: () => ({ title: "Pages", main: spaceMain(state, links) }),
    routes: [
      { method: "GET", pattern: /^\/pages\/(\d+)$/, run: ({ params, url }) => show(pageOf(params[0]!), url) },
      {
        method: "POST",
        pattern: /^\/pages\/(\d+)\/sections$/,
        run: (r) =>
          save(
            r,
            (f, adf) => {
              const section = sections(adf)[Number(f.get("section"))];
              if (!section) return "That section is no longer on the page.";
              return notEditable(section) ?? replaceSection(adf, section.index, textBlocks(f.get("text") ?? ""));
            },
            "Section saved as a new version.",
          ),
      },
      {
        method: "POST",
        pattern: /^\/pages\/(\d+)\/sections\/new$/,
        run: (r) =>
          save(
            r,
            (f, adf) => {
              const title = (f.get("title") ?? "").trim();
              return title ? appendSection(adf, title, textBlocks(f.get("text") ?? "")) : "Give the section a heading.";
            },
            "Section added as a new version.",
          ),
      },
    ],
  });
}
