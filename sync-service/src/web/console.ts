import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { Router, type Request } from "express";

/** Where `npm install` builds the console (forge-app/ui/console, see scripts/build-console.mjs). */
export const CONSOLE_DIST = fileURLToPath(new URL("../../../forge-app/ui/console/dist/", import.meta.url));

/**
 * The console's pages (forge-app/ui/console/src/app.tsx routes them): each path, and every path under it, is
 * the console's index.html, so a link such as `PUBLIC_URL/incidents/INC-42` (written into Slack, Jira and
 * Confluence) or a reload opens that page directly.
 */
export const CONSOLE_PAGES = [
  "incidents",
  "oncall",
  "schedules",
  "escalation-policies",
  "services",
  "people",
  "teams",
  "rules",
  "action-items",
  "reports",
  "settings",
] as const;

const PAGE_PATH = new RegExp(`^/(?:${CONSOLE_PAGES.join("|")})(?:/|$)`);

/** A browser navigating (Accept: text/html, or anything): scripts asking for JSON keep the API's 404. */
const wantsPage = (req: Request): boolean => {
  const accept = req.get("accept") ?? "";
  return accept.includes("text/html") || accept.includes("*/*");
};

/**
 * The build keeps relative asset URLs (`./assets/…`): the same files are the Forge app's Custom UI resource,
 * served from a CDN path. Served here, index.html also answers deep paths (`/incidents/INC-42`), where a
 * relative URL would resolve under `/incidents/`; so its URLs are made absolute. Scripts loaded from
 * `/assets/` find their chunks relative to themselves, so only index.html needs this.
 */
export const absoluteAssets = (html: string): string => html.replace(/((?:src|href)=")\.\/assets\//g, "$1/assets/");

/**
 * The web console at `/` and at each of its pages: static files built by Vite. Hashed assets are cached for a
 * year; index.html is revalidated every time so a new build is picked up at once. Without a build, `/` says
 * how to make one.
 */
export function consoleRouter(dist = CONSOLE_DIST): Router {
  const router = Router();
  if (!existsSync(`${dist}index.html`)) {
    router.get("/", (_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send(
          "The web console is not built. Run `npm install` (it builds the console) or `npm run build:console`, then reload.\n",
        );
    });
    return router;
  }
  const index = absoluteAssets(readFileSync(`${dist}index.html`, "utf8"));
  router.use((req, res, next) => {
    const root = req.path === "/" || req.path === "/index.html";
    const page = root || (PAGE_PATH.test(req.path) && wantsPage(req));
    if ((req.method !== "GET" && req.method !== "HEAD") || !page) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.type("html").send(index);
  });
  router.use(
    express.static(dist, {
      index: false,
      setHeaders(res, path) {
        res.setHeader(
          "Cache-Control",
          /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    }),
  );
  return router;
}
