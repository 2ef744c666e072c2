// Interactivity: a person clicks a button on a message. Slack POSTs a block_actions payload to the app's interactivity
// Request URL as an application/x-www-form-urlencoded body with one field, `payload`, holding the JSON, signed like
// every request from Slack. The payload's response_url points back at the emulator, which records what the app sends.
// Payload: https://docs.slack.dev/reference/interaction-payloads/block-actions-payload
// Request format and response_url: https://docs.slack.dev/interactivity/handling-user-interaction
import { createHash, randomBytes } from "node:crypto";
import { validateBlocks } from "./blocks.ts";
import type { Delivery, EventDispatcher } from "./events.ts";
import { messageFields } from "./shapes.ts";
import type { SlackChannel, StoredMessage } from "./types.ts";
import { BOT, type Workspace } from "./workspace.ts";

type Obj = Record<string, unknown>;

export interface InteractivityConfig {
  /** The service's interactivity Request URL. */
  url: string;
  signingSecret: string;
}

/** A POST the service made to a response_url the emulator handed out. */
export interface ResponseUrlPost {
  url: string;
  /** The action_id of the click that handed the URL out. */
  actionId: string;
  /** The JSON body (text, blocks, replace_original, delete_original, response_type …), or the raw text. */
  body: unknown;
  /** What the emulator answered. */
  status: number;
  receivedAt: number;
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The button with `actionId` in a message: in an actions block or as a section's accessory. Slack generates a block_id
 * for a block posted without one; the emulator derives a stable one from the message ts and the block's position.
 */
export function findButton(m: StoredMessage, actionId: string): { button: Obj; blockId: string } | undefined {
  for (const [i, block] of (m.blocks ?? []).entries()) {
    if (!isObj(block)) continue;
    const elements = block.type === "actions" && Array.isArray(block.elements) ? block.elements : [block.accessory];
    const button = elements.find((e): e is Obj => isObj(e) && e.type === "button" && e.action_id === actionId);
    if (!button) continue;
    const blockId =
      typeof block.block_id === "string"
        ? block.block_id
        : createHash("sha1").update(`${m.ts}:${i}`).digest("base64url").slice(0, 5);
    return { button, blockId };
  }
  return undefined;
}

/** "directmessage" in a DM and "privategroup" in a private channel, as Slack names them to apps. */
export const channelName = (c: SlackChannel): string =>
  c.user !== null ? "directmessage" : c.isPrivate ? "privategroup" : (c.name ?? "");

/** The block_actions payload for one button click. */
export function blockActionsPayload(
  ws: Workspace,
  click: { userId: string; channel: SlackChannel; message: StoredMessage; button: Obj; blockId: string },
  ids: { token: string; responseUrl: string; triggerId: string; actionTs: string },
): Obj {
  const user = ws.users.get(click.userId)!;
  const { button, message: m } = click;
  return {
    type: "block_actions",
    user: { id: user.id, username: user.name, name: user.name, team_id: ws.team.id },
    api_app_id: BOT.appId,
    token: ids.token,
    container: { type: "message", message_ts: m.ts, channel_id: click.channel.id, is_ephemeral: false },
    trigger_id: ids.triggerId,
    team: { id: ws.team.id, domain: ws.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.channel.id, name: channelName(click.channel) },
    message: messageFields(ws, m),
    state: { values: {} },
    response_url: ids.responseUrl,
    actions: [
      {
        action_id: button.action_id,
        block_id: click.blockId,
        text: button.text,
        ...(button.value !== undefined ? { value: button.value } : {}),
        ...(button.style !== undefined ? { style: button.style } : {}),
        type: "button",
        action_ts: ids.actionTs,
      },
    ],
  };
}

/**
 * The response_urls handed out and what was POSTed to them. Slack takes JSON; the emulator answers 200 "ok"
 * (the incoming-webhook answer), 400 invalid_payload for a body that is not a JSON object and 400 invalid_blocks for
 * blocks Slack would refuse, and 404 for a URL it never handed out.
 */
export class ResponseUrls {
  private readonly issued = new Map<string, string>();
  private readonly posts: ResponseUrlPost[] = [];
  private seq = 0;

  constructor(private readonly team: string) {}

  issue(baseUrl: string, actionId: string): string {
    const path = `/actions/${this.team}/${1000 + ++this.seq}/${randomBytes(12).toString("hex")}`;
    this.issued.set(path, actionId);
    return `${baseUrl}${path}`;
  }

  /** Undefined when `path` is not a response_url path at all. */
  receive(baseUrl: string, path: string, raw: string): { status: number; body: string } | undefined {
    if (!path.startsWith("/actions/")) return undefined;
    const actionId = this.issued.get(path);
    if (actionId === undefined) return { status: 404, body: "no_active_hooks" };
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // not JSON: recorded as text
    }
    const answer = isObj(body)
      ? Array.isArray(body.blocks) && validateBlocks(body.blocks).length > 0
        ? { status: 400, body: "invalid_blocks" }
        : { status: 200, body: "ok" }
      : { status: 400, body: "invalid_payload" };
    this.posts.push({ url: `${baseUrl}${path}`, actionId, body, status: answer.status, receivedAt: Date.now() });
    return answer;
  }

  list(): ResponseUrlPost[] {
    return this.posts.map((p) => ({ ...p }));
  }

  clear(): void {
    this.posts.length = 0;
  }
}

/** Button clicks as Slack delivers them: signed block_actions forms to the configured interactivity URL. */
export class Interactivity {
  private config: InteractivityConfig | undefined;
  readonly responses: ResponseUrls;
  private seq = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly events: EventDispatcher,
    private readonly baseUrl: () => string,
  ) {
    this.responses = new ResponseUrls(ws.team.id);
  }

  configure(config: InteractivityConfig): void {
    this.config = { ...config };
  }

  /** @throws when interactivity is not configured, or the person, message or button does not exist. */
  click(
    userId: string,
    channelId: string,
    messageTs: string,
    actionId: string,
    options: { signingSecret?: string; timestamp?: number },
  ): Promise<Delivery> {
    const config = this.config;
    if (!config) throw new Error("slack emulator: call configureInteractivity({ url, signingSecret }) first");
    if (!this.ws.users.get(userId)) throw new Error(`slack emulator: no person ${userId}`);
    const channel = this.ws.channels.get(channelId);
    if (!channel) throw new Error(`slack emulator: no channel ${channelId}`);
    if (channel.isPrivate && !channel.members.has(userId))
      throw new Error(`slack emulator: ${userId} cannot see ${channelId}`);
    const message = this.ws.findMessage(channelId, messageTs);
    if (!message) throw new Error(`slack emulator: no message ${messageTs} in ${channelId}`);
    const found = findButton(message, actionId);
    if (!found) throw new Error(`slack emulator: no button with action_id ${actionId} on ${messageTs}`);
    const n = ++this.seq;
    const payload = blockActionsPayload(
      this.ws,
      { userId, channel, message, ...found },
      {
        token: this.events.token,
        responseUrl: this.responses.issue(this.baseUrl(), actionId),
        triggerId: `${2000 + n}.${Date.now()}.${randomBytes(16).toString("hex")}`,
        actionTs: this.ws.nextTs(),
      },
    );
    return this.events.send(config.url, {
      type: "block_actions",
      raw: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: "application/x-www-form-urlencoded",
      signingSecret: options.signingSecret ?? config.signingSecret,
      timestamp: options.timestamp,
    });
  }
}
