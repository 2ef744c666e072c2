// A stand-in served by another HTTP server instead of its own loopback port: `npm run demo` mounts each one on the
// service's port under /sandbox/<vendor>. The host server hands the stand-in every request under the mount path
// with that path already taken off `req.url` (what express's `app.use(path, handler)` does), and the stand-in builds
// every absolute URL it gives out (self links, response_urls, page links) from the public base URL it was mounted at.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A stand-in's whole HTTP side as one request handler; it always answers (or, for a `hang` fault, never does). */
export type StandInHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** What every HTTP stand-in offers besides `start()`: to be served at `baseUrl` by someone else's server. */
export interface Mountable {
  /**
   * From now on the stand-in's base URL is `baseUrl` (e.g. http://127.0.0.1:3000/sandbox/jira) and the returned
   * handler serves it; it must get `req.url` relative to the mount path. Use instead of `start()`, not with it.
   */
  mount(baseUrl: string): StandInHandler;
}

/** `baseUrl` without a trailing slash, checked to be http(s) with no query or fragment. @throws Error otherwise */
export function mountBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash)
    throw new Error(`a stand-in mounts at an http(s) URL without query or fragment, not ${baseUrl}`);
  return baseUrl.replace(/\/+$/, "");
}
