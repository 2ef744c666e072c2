// The web pages a stand-in serves for people, under `<its base URL>/_view/`: a small router of GET pages and POST
// forms, strict headers (no scripts, one stylesheet), a 303 after every form so a reload never repeats it, and
// refusals as pages. The base URL may have a path (the demo mounts each stand-in at /sandbox/<vendor>), so every
// href is built from it by ViewPaths, and a request is routed whether or not the mount left that path on it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readForm, ViewError } from "./forms.ts";
import type { Html } from "./html.ts";
import { documentHtml, errorMain, type Chrome } from "./layout.ts";
import { STYLESHEET } from "./styles.ts";

export const VIEW_SEGMENT = "/_view";

/** Where the pages live: `href("/issues/CI-1")` is `<base path>/_view/issues/CI-1`, whatever host serves it. */
export class ViewPaths {
  constructor(readonly baseUrl: () => string) {}

  /** The base URL's path without its trailing slash ("" for a stand-in on its own port). */
  get base(): string {
    const url = this.baseUrl();
    return url ? new URL(url).pathname.replace(/\/+$/, "") : "";
  }

  href(sub = "/"): string {
    return `${this.base}${VIEW_SEGMENT}${sub}`;
  }

  /** The part of `pathname` after `/_view` ("" or "/…"), or null when it is not a page of this view. */
  sub(pathname: string): string | null {
    for (const prefix of [`${this.base}${VIEW_SEGMENT}`, VIEW_SEGMENT]) {
      if (pathname === prefix) return "";
      if (pathname.startsWith(`${prefix}/`)) return pathname.slice(prefix.length);
    }
    return null;
  }
}

export interface ViewRequest {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** The pattern's captures, URI-decoded. */
  readonly params: string[];
  /** The posted form (same-origin, urlencoded; see forms.ts). */
  form(): Promise<URLSearchParams>;
}

export type ViewAnswer =
  | { status?: number; html: Html | string; headers?: Record<string, string> }
  | { redirect: string }
  | { status?: number; type: string; body: string; headers?: Record<string, string> };

export interface ViewRoute {
  method: "GET" | "POST";
  /** Matched against the path after `/_view` (e.g. /^\/issues\/([^/]+)$/). */
  pattern: RegExp;
  run(request: ViewRequest): ViewAnswer | Promise<ViewAnswer>;
}

export interface ViewOptions {
  /** The frame of every page, built at each render (the base URL is known once the stand-in listens or is mounted). */
  chrome(): Chrome;
  /** The index at <base>/_view/: its title and main column. */
  home(): { title: string; main: Html };
  routes: ViewRoute[];
}

export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const HEADERS = {
  "Content-Security-Policy": PAGE_CSP,
  "X-Content-Type-Options": "nosniff",
  // Not no-referrer: Chromium then sends "Origin: null" with the page's own forms, and readForm refuses them.
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
};

export class StandInView {
  constructor(private readonly options: ViewOptions) {}

  handles(pathname: string): boolean {
    return this.options.chrome().paths.sub(pathname) !== null;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let answer: ViewAnswer;
    try {
      answer = await this.route(req, url);
    } catch (err) {
      const e =
        err instanceof ViewError
          ? err
          : new ViewError(500, "The page failed", err instanceof Error ? err.message : String(err));
      const chrome = this.options.chrome();
      answer = { status: e.status, html: documentHtml(chrome, e.heading, errorMain(chrome, e.heading, e.message)) };
    }
    if ("redirect" in answer) {
      res.writeHead(303, { ...HEADERS, Location: answer.redirect }).end();
      return;
    }
    const [type, body] =
      "html" in answer ? ["text/html; charset=utf-8", String(answer.html)] : [answer.type, answer.body];
    res.writeHead(answer.status ?? 200, { ...HEADERS, "Content-Type": type, ...answer.headers });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private async route(req: IncomingMessage, url: URL): Promise<ViewAnswer> {
    const chrome = this.options.chrome();
    const paths = chrome.paths;
    const sub = paths.sub(url.pathname) ?? "";
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
    if (sub === "") return { redirect: paths.href("/") };
    if (sub === "/view.css") {
      if (method !== "GET") throw new ViewError(405, "Method not allowed", "Use GET here.");
      return { type: "text/css; charset=utf-8", body: STYLESHEET, headers: { "Cache-Control": "max-age=60" } };
    }
    if (sub === "/") {
      if (method !== "GET") throw new ViewError(405, "Method not allowed", "Use GET here.");
      const { title, main } = this.options.home();
      return { html: documentHtml(chrome, title, main, paths.href("/")) };
    }
    const matching = this.options.routes.filter((r) => r.pattern.test(sub));
    const route = matching.find((r) => r.method === method);
    if (!route) {
      if (matching.length === 0) throw new ViewError(404, "Not found", `There is no page ${url.pathname}.`);
      const allowed = matching.map((r) => r.method).join(", ");
      throw new ViewError(405, "Method not allowed", `Use ${allowed} here.`);
    }
    const params = route.pattern
      .exec(sub)!
      .slice(1)
      .map((p) => (p === undefined ? "" : decodeURIComponent(p)));
    return route.run({ req, url, params, form: () => readForm(req, paths.baseUrl() || `http://${req.headers.host}`) });
  }
}

/** A refusal from the stand-in's own rules (its REST API's error message), shown as a page with what to fix. */
export function refused(status: number, heading: string, err: unknown): ViewError {
  return new ViewError(status, heading, err instanceof Error ? err.message : String(err));
}
