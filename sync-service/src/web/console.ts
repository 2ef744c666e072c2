import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";

/** Where `npm install` builds the console (forge-app/ui/console, see scripts/build-console.mjs). */
export const CONSOLE_DIST = fileURLToPath(new URL("../../../forge-app/ui/console/dist/", import.meta.url));

/**
 * The web console at `/`: static files built by Vite. Hashed assets are cached for a year; index.html is
 * revalidated every time so a new build is picked up at once. Without a build, `/` says how to make one.
 */
export function consoleRouter(dist = CONSOLE_DIST): Router {
  const router = Router();
  // Links Firewatch writes into Slack, Jira and Confluence (`PUBLIC_URL/incidents/INC-42`) open the
  // console's page for that incident, which lives at a hash route.
  router.get("/incidents/:key", (req, res) => {
    res.redirect(302, `/#/incidents/${encodeURIComponent(req.params.key)}`);
  });
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
  router.use(
    express.static(dist, {
      index: "index.html",
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
