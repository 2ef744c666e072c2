// The frame of every stand-in page but Slack's (which mimics Slack's own client): a bar in the vendor's colour
// naming the stand-in and saying it is a sandbox, a few links, and the main column. Times are shown in UTC with
// a machine-readable <time>, so a page reads the same on every machine.
import { markup, type Html } from "./html.ts";
import type { ViewPaths } from "./view-server.ts";

export interface Chrome {
  readonly paths: ViewPaths;
  /** "Jira", "Confluence", …: the bar's title. */
  readonly vendor: string;
  /** The CSS theme (the vendor's colour): jira, confluence, statuspage, phone, mail. */
  readonly theme: string;
  /** Links in the bar: label and href (the first is the stand-in's index). */
  readonly nav: readonly { label: string; href: string }[];
}

/** A whole document: the stylesheet at `<base>/_view/view.css` is all it loads. */
export function documentHtml(chrome: Chrome, title: string, main: Html, current?: string): string {
  const link = (l: { label: string; href: string }) =>
    markup`<li><a href="${l.href}"${l.href === current ? markup` aria-current="page"` : ""}>${l.label}</a></li>`;
  return markup`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · ${chrome.vendor} (sandbox)</title>
    <link rel="stylesheet" href="${chrome.paths.href("/view.css")}" />
  </head>
  <body class="theme-${chrome.theme}">
    <a class="skip" href="#main">Skip to content</a>
    <header class="bar">
      <p class="brand"><a href="${chrome.paths.href("/")}">${chrome.vendor}</a> <span class="tag">sandbox</span></p>
      <nav aria-label="${chrome.vendor}"><ul>${chrome.nav.map(link)}</ul></nav>
    </header>
    <main id="main" class="content">${main}</main>
  </body>
</html>`.value;
}

/** The error page's main column. */
export function errorMain(chrome: Chrome, heading: string, message: string): Html {
  return markup`<h1>${heading}</h1>
    <p class="notice error" role="alert">${message}</p>
    <p><a href="${chrome.paths.href("/")}">Back to ${chrome.vendor}</a></p>`;
}

const DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** `<time datetime="…">7 Dec 2026, 14:52 UTC</time>`, or "" for a missing or invalid instant. */
export function timeHtml(at: number | string | Date | null | undefined): Html | string {
  if (at === null || at === undefined) return "";
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return "";
  return markup`<time datetime="${date.toISOString()}">${DATE.format(date)} UTC</time>`;
}

/**
 * The notice at the top of a page: a form's refusal (the page is shown again with it, status 4xx), else what the
 * last form did (`?done=…` on the page it redirected to).
 */
export function noticeHtml(url: URL, error?: string): Html | string {
  if (error) return markup`<p class="notice error" role="alert">${error}</p>`;
  const done = url.searchParams.get("done");
  return done ? markup`<p class="notice ok" role="status">${done.slice(0, 200)}</p>` : "";
}

/** `href` with `?key=value` added (for the notices above). */
export function withQuery(href: string, key: string, value: string): string {
  return `${href}${href.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`;
}
