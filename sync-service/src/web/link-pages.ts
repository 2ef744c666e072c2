// The small HTML pages a page's one-time links open: a confirmation with one button, and what came of it.
// Server-rendered with every value escaped, no script, and a Content-Security-Policy of our own origin only.
import { createHash } from "node:crypto";
import type { Response } from "express";
import { incidentKey, type Incident } from "../domain/incident.ts";
import { oneLine } from "../domain/text.ts";

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

/** Raw HTML, already escaped where it holds values. */
export interface Html {
  readonly html: string;
}
export const html = (strings: TemplateStringsArray, ...values: (string | number | Html)[]): Html => ({
  html: strings.reduce((out, s, i) => {
    const v = values[i - 1]!;
    return out + (typeof v === "object" ? v.html : escapeHtml(String(v))) + s;
  }),
});

/** `INC-42 — Checkout errors`, for headings. */
export const titled = (incident: Pick<Incident, "number" | "title">) =>
  `${incidentKey(incident)} — ${oneLine(incident.title)}`;

/** The console's page of the incident (a path: the page is served by this same origin). */
export const incidentPath = (incident: Pick<Incident, "number">) => `/incidents/${incidentKey(incident)}`;

// Readable on a phone at 3 a.m.: one inline stylesheet, allowed by its hash (no 'unsafe-inline', still no script).
const STYLE =
  "body{font:16px/1.5 system-ui,sans-serif;color:#172b4d;background:#f7f8f9;margin:0}" +
  "main{max-width:36rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #dcdfe4;border-radius:8px}" +
  "h1{font-size:1.4rem;margin:0 0 1rem}a{color:#0c66e4}" +
  "button{font:inherit;font-weight:600;color:#fff;background:#0c66e4;border:0;border-radius:4px;padding:.75rem 1.25rem;min-height:44px;cursor:pointer}" +
  "button:focus-visible{outline:2px solid #172b4d;outline-offset:2px}";
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;
const STYLE_ELEMENT: Html = { html: `<style>${STYLE}</style>` };

/**
 * Sends one page. Never cached or indexed (it is personal, and its URL is a credential); the CSP allows nothing but
 * this origin: no script at all, forms posting only back here.
 */
export function sendPage(res: Response, status: number, title: string, body: Html): void {
  res
    .status(status)
    .set({
      "Content-Security-Policy": `default-src 'self'; script-src 'none'; style-src ${STYLE_HASH}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex, nofollow",
    })
    .type("html")
    .send(
      "<!doctype html>\n" +
        html`<html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="referrer" content="no-referrer" />
            <title>${title} · Firewatch</title>
            ${STYLE_ELEMENT}
          </head>
          <body>
            <main>${body}</main>
          </body>
        </html> `.html,
    );
}

/** A form posting back to this same URL, with one button. */
export const confirmForm = (label: string) =>
  html`<form method="post">
    <p><button type="submit">${label}</button></p>
  </form>`;
