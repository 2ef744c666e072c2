// What the service answers a Forge resolver call with, and how answers link back to the console.
import type { Principal } from "../../domain/principal.ts";
import type { WebContext } from "../context.ts";

/** Where answers link the console: its page at `path` inside Jira (the app's global page), or null when unknown. */
export interface ConsoleLinks {
  url(path?: string): string | null;
}

export type ForgeResolver = (ctx: WebContext, by: Principal, body: unknown, links: ConsoleLinks) => Promise<unknown>;
