// For tests of the stand-ins' pages: a browser without a browser. It GETs pages, finds a form on a page by its
// action and submits it the way a browser does (its hidden fields and the fields a person filled in, urlencoded,
// with the page's Origin), without following the 303, and reads links and text off a page.

export interface Page {
  status: number;
  html: string;
  /** The page's visible text, tags removed and whitespace collapsed. */
  text: string;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

export const unescapeHtml = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

export function pageText(html: string): string {
  const body = html.replace(/<(script|style|title)[\s\S]*?<\/\1>/gi, " ");
  return unescapeHtml(body.replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** Every form on the page: its action, and the values its hidden inputs carry. */
export function formsOf(html: string): { action: string; hidden: Record<string, string>; html: string }[] {
  return [...html.matchAll(/<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => ({
    action: unescapeHtml(m[1]!),
    html: m[2]!,
    hidden: Object.fromEntries(
      [...m[2]!.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)].map((input) => [
        unescapeHtml(/name="([^"]*)"/.exec(input[0])?.[1] ?? ""),
        unescapeHtml(/value="([^"]*)"/.exec(input[0])?.[1] ?? ""),
      ]),
    ),
  }));
}

/** The hrefs of the page's links whose text contains `text` (as the person reads it). */
export function linksTo(html: string, text: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)]
    .filter((m) => pageText(m[2]!).includes(text))
    .map((m) => unescapeHtml(m[1]!));
}

export class PageClient {
  /** `origin` is where the stand-in is reached, e.g. http://127.0.0.1:40123; hrefs on its pages are paths. */
  constructor(private readonly origin: () => string) {}

  url(href: string): string {
    return new URL(href, this.origin()).href;
  }

  async get(href: string): Promise<Page> {
    const res = await fetch(this.url(href));
    const html = await res.text();
    return { status: res.status, html, text: pageText(html) };
  }

  /** POSTs `fields` to `href` as a form of the stand-in's own pages; the answer is not followed. */
  post(href: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(this.url(href), {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(this.origin()).origin,
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Submits the form of `page` whose action ends with `action` (and, when given, whose markup holds `holding`) with
   * its hidden fields and `fields`. @throws when the page has no such form
   */
  submit(page: Page, action: string, fields: Record<string, string> = {}, holding?: string): Promise<Response> {
    const form = formsOf(page.html).find((f) => f.action.endsWith(action) && (!holding || f.html.includes(holding)));
    if (!form) throw new Error(`no form posting to …${action}${holding ? ` holding ${holding}` : ""} on the page`);
    return this.post(form.action, { ...form.hidden, ...fields });
  }

  /** Follows a 303 the way a browser does. */
  async follow(res: Response): Promise<Page> {
    if (res.status !== 303) throw new Error(`expected a 303, got ${res.status}: ${await res.text()}`);
    return this.get(res.headers.get("location")!);
  }
}
