// GET /sandbox/: one plain page that says what the sandbox is and links to the console and to each stand-in's pages.
// No script and no outside asset; its one stylesheet is inline and allowed by its hash alone.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { SANDBOX_NOTICE } from "./notices.ts";
import type { StandInPage } from "./mounts.ts";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#172b4d}
a{color:#0c66e4}li{margin:.4rem 0}.what{color:#44546f}`;
const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
};

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** The page's HTML: the console at `consolePath`, then every stand-in. */
export function sandboxIndexHtml(pages: readonly StandInPage[], consolePath = "/"): string {
  const items = pages
    .map(
      (p) =>
        `<li><a href="${escapeHtml(p.path)}">${escapeHtml(p.name)}</a> <span class="what">— ${escapeHtml(p.what)}</span></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Firewatch sandbox</title><style>${STYLE}</style></head>
<body>
<main>
<h1>Firewatch sandbox</h1>
<p>${escapeHtml(SANDBOX_NOTICE)}</p>
<p><a href="${escapeHtml(consolePath)}">Open the Firewatch console</a> (sign in with the admin token <code>npm run demo</code> wrote to its data directory).</p>
<h2>The stand-ins</h2>
<ul>
${items}
</ul>
</main>
</body>
</html>
`;
}

/** The handler mounted at /sandbox (after the stand-ins' own mounts): the index at its root, 404 elsewhere. */
export function sandboxIndexHandler(pages: readonly StandInPage[]) {
  const html = sandboxIndexHtml(pages);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = new URL(req.url ?? "/", "http://sandbox").pathname;
    if (pathname !== "/") {
      res.writeHead(404, HEADERS).end(sandboxNotFound(pathname));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...HEADERS, Allow: "GET, HEAD" }).end();
      return;
    }
    res.writeHead(200, HEADERS).end(req.method === "HEAD" ? undefined : html);
  };
}

function sandboxNotFound(pathname: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title><style>${STYLE}</style></head>
<body><main><h1>Not found</h1><p>The sandbox has no page ${escapeHtml(pathname)}.</p>
<p><a href="/sandbox/">All the stand-ins</a></p></main></body></html>
`;
}
