// Web pages of the emulated workspace for people to look at and click, under /_view/ (Slack's API lives under /api/,
// response_urls under /actions/ and /commands/, so nothing clashes):
//   GET  /_view/                                  every conversation (?as=U… shows one person's sidebar)
//   GET  /_view/conversations/<id>?as=U…          one conversation as that person sees it
//   POST /_view/conversations/<id>/click          ts, action_id, user: the same signed block_actions as click()
//   POST /_view/conversations/<id>/messages       text, user: the person posts, the app gets the message event
// No scripts, one stylesheet, a strict Content-Security-Policy; forms from another origin are refused.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ActionResult, Delivery } from "../events.ts";
import type { SlackChannel } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { clickNotice, conversationMain } from "./conversation-page.ts";
import { ViewPaths } from "../../common/view/view-server.ts";
import { conversationHref, documentHtml, errorMain, indexMain, sidebar } from "./layout.ts";
import { STYLESHEET } from "./styles.ts";
import { canSee, defaultViewer, title } from "./view-model.ts";
import { readForm, ViewError } from "../../common/view/forms.ts";
import { answerWatch, personFor } from "./view-forms.ts";

export interface ViewDeps {
  ws: Workspace;
  /** A person clicks a button: the emulator's click() path. */
  click(userId: string, channelId: string, ts: string, actionId: string): Promise<Delivery>;
  /** A person posts: the emulator's postAs() path. */
  post(userId: string, channelId: string, text: string): Promise<ActionResult>;
  baseUrl(): string;
}

const SECURITY_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  // Not no-referrer: Chromium then sends "Origin: null" with the page's own forms, and readForm refuses them.
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
};

export class SlackView {
  /** Where the pages are reached: the base URL may have a path (the demo mounts Slack at /sandbox/slack). */
  private readonly paths: ViewPaths;

  constructor(private readonly deps: ViewDeps) {
    this.paths = new ViewPaths(deps.baseUrl);
  }

  /** `<base path>/_view`, where every href starts. */
  get at(): string {
    return this.paths.href("");
  }

  handles(pathname: string): boolean {
    return this.paths.sub(pathname) !== null;
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      await this.route(req, res, url);
    } catch (err) {
      const e =
        err instanceof ViewError
          ? err
          : new ViewError(500, "The view failed", err instanceof Error ? err.message : String(err));
      const doc = documentHtml(
        e.heading,
        sidebar(this.deps.ws, null, null, this.at),
        errorMain(e.heading, e.message, this.at),
        this.at,
      );
      this.page(res, e.status, doc);
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = this.paths.sub(url.pathname) ?? "";
    const method = req.method ?? "GET";
    if (path === "/view.css") return this.only(method, "GET", () => this.send(res, 200, "text/css", STYLESHEET));
    if (path === "" || path === "/") return this.only(method, "GET", () => this.index(res, url));
    const match = /^\/conversations\/([A-Z0-9]+)(\/click|\/messages)?$/.exec(path);
    if (!match) throw new ViewError(404, "Not found", `The view has no page ${url.pathname}.`);
    const channel = this.channel(match[1]!);
    if (match[2] === "/click") return this.only(method, "POST", () => this.click(req, res, channel));
    if (match[2] === "/messages") return this.only(method, "POST", () => this.post(req, res, channel));
    return this.only(method, "GET", () => this.conversation(res, url, channel));
  }

  private index(res: ServerResponse, url: URL): void {
    const as = url.searchParams.get("as");
    const viewer = as === null ? null : personFor(this.deps.ws, as).id;
    const doc = documentHtml(
      `Conversations · ${this.deps.ws.team.name}`,
      sidebar(this.deps.ws, viewer, null, this.at),
      indexMain(this.deps.ws, viewer, this.at),
      this.at,
    );
    this.page(res, 200, doc);
  }

  private conversation(res: ServerResponse, url: URL, c: SlackChannel): void {
    const ws = this.deps.ws;
    const as = url.searchParams.get("as") ?? defaultViewer(ws, c);
    if (as === undefined) throw new ViewError(404, "Nobody to look", "The workspace has no active person.");
    const viewer = personFor(ws, as).id;
    if (!canSee(c, viewer))
      throw new ViewError(
        403,
        "Not a member",
        `${ws.users.get(viewer)!.realName} is not in this private conversation.`,
      );
    const name = title(ws, c, viewer);
    const doc = documentHtml(
      `${c.user === null ? "#" : ""}${name} · ${ws.team.name}`,
      sidebar(ws, viewer, c.id, this.at),
      conversationMain(ws, c, viewer, clickNotice(url.searchParams.get("clicked")), this.at),
      this.at,
    );
    this.page(res, 200, doc);
  }

  /** Sends the click as Slack would, waits (briefly) for the app's answer to show, and goes back to the conversation. */
  private async click(req: IncomingMessage, res: ServerResponse, c: SlackChannel): Promise<void> {
    const form = await readForm(req, this.deps.baseUrl());
    const [ts, actionId, user] = [form.get("ts"), form.get("action_id"), form.get("user")];
    if (!ts || !actionId || !user)
      throw new ViewError(400, "Incomplete click", "A click names ts, action_id and user.");
    const viewer = personFor(this.deps.ws, user).id;
    if (!canSee(c, viewer)) throw new ViewError(403, "Not a member", "That person cannot see this conversation.");
    let delivery: Delivery;
    try {
      const answered = answerWatch(this.deps.ws, c.id, ts, viewer);
      delivery = await this.deps.click(viewer, c.id, ts, actionId);
      if (delivery.status >= 200 && delivery.status < 300) await answered();
    } catch (err) {
      throw new ViewError(409, "Click not sent", err instanceof Error ? err.message : String(err));
    }
    const failed = delivery.status >= 200 && delivery.status < 300 ? "" : `&clicked=${delivery.status}`;
    this.redirect(res, `${conversationHref(this.at, c.id, viewer)}${failed}`);
  }

  private async post(req: IncomingMessage, res: ServerResponse, c: SlackChannel): Promise<void> {
    const form = await readForm(req, this.deps.baseUrl());
    const [text, user] = [form.get("text")?.trim(), form.get("user")];
    if (!text || !user)
      throw new ViewError(400, "Nothing to post", "A message names user and a text that is not blank.");
    if (text.length > 40_000) throw new ViewError(400, "Message too long", "Slack takes at most 40,000 characters.");
    const viewer = personFor(this.deps.ws, user).id;
    try {
      await this.deps.post(viewer, c.id, typedText(text));
    } catch (err) {
      throw new ViewError(409, "Message not posted", err instanceof Error ? err.message : String(err));
    }
    this.redirect(res, conversationHref(this.at, c.id, viewer));
  }

  private channel(id: string): SlackChannel {
    const c = this.deps.ws.channels.get(id);
    if (!c) throw new ViewError(404, "No such conversation", `The workspace has no conversation ${id}.`);
    return c;
  }

  private async only(method: string, allowed: "GET" | "POST", run: () => unknown): Promise<void> {
    if (method !== allowed && !(allowed === "GET" && method === "HEAD"))
      throw new ViewError(405, "Method not allowed", `Use ${allowed} here.`);
    await run();
  }

  private page(res: ServerResponse, status: number, doc: string): void {
    this.send(res, status, "text/html; charset=utf-8", doc);
  }

  private send(res: ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { "Content-Type": type, ...SECURITY_HEADERS }).end(body);
  }

  private redirect(res: ServerResponse, location: string): void {
    // 303: the browser GETs the conversation, so a reload does not click again.
    res.writeHead(303, { Location: location, ...SECURITY_HEADERS }).end();
  }
}

/**
 * What Slack's client sends for what a person typed: &, < and > as entities (they are Slack's control characters),
 * web addresses as <links>. https://docs.slack.dev/messaging/formatting-message-text/#escaping
 */
export function typedText(typed: string): string {
  const escaped = typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return escaped.replace(/\bhttps?:\/\/[^\s<>|]+/g, (url) => `<${url}>`);
}
