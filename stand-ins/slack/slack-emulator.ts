// Slack emulator for tests: a real HTTP server serving the Web API methods Firewatch calls through @slack/web-api
// (auth.test, users.info, conversations.open/create/invite/list/history, chat.postMessage/update/postEphemeral,
// pins.add/remove) with seeded people, fault injection and a request log; plus people acting in Slack (post, edit,
// delete, pin, react, slash commands), delivered to the service as signed Events API callbacks, and button clicks,
// delivered as signed block_actions forms. Point a WebClient at it with `slackApiUrl: emulator.apiUrl`, and the
// emulator at the service with configureEvents({ url, signingSecret }) and configureInteractivity({ url, signingSecret }).
import { randomBytes } from "node:crypto";
import type { Mountable, StandInHandler } from "../common/mount.ts";
import { slashCommand } from "./commands.ts";
import { EventDispatcher, type ActionResult, type Delivery, type EventsConfig, type RetryReason } from "./events.ts";
import { FaultQueue } from "./faults.ts";
import { Interactivity, type InteractivityConfig, type ResponseUrlPost } from "./interactions.ts";
import { EmulatorHttpServer } from "./http.ts";
import { People } from "./people.ts";
import { urlVerificationBody } from "./signing.ts";
import { conversationHref, VIEW_PREFIX } from "./view/layout.ts";
import { SlackView } from "./view/view-server.ts";
import type {
  EphemeralMessage,
  LoggedRequest,
  MessageView,
  PostedMessage,
  SlackChannel,
  SlackUser,
  UnexpectedRequest,
} from "./types.ts";
import { BOT, DEFAULT_TEAM, SEED_USERS, Workspace, type NewChannel, type TeamInfo } from "./workspace.ts";

export interface SlackEmulatorOptions {
  /** The bot token the emulator accepts (default "xoxb-emulator-bot-token"). */
  botToken?: string;
  /** People in the workspace (default SEED_USERS: U0ALICE alice, U0BOB bob, U0CAROL carol, U0ERIN erin — deactivated). */
  users?: readonly SlackUser[];
  team?: TeamInfo;
}

/**
 * "ok": the bot token works. The others answer every call with Slack's error for a token that stopped working:
 * "revoked" → token_revoked (app uninstalled), "inactive" → account_inactive (deleted bot user or workspace).
 */
export type AuthMode = "ok" | "revoked" | "inactive";

export interface ChannelView {
  id: string;
  name: string | null;
  isPrivate: boolean;
  isArchived: boolean;
  creator: string | null;
  created: number;
  members: string[];
}

/** A POST the emulator made as Slack (slash command, url_verification): the service's status and answer (JSON when it parses). */
export interface SentRequestResult {
  status: number;
  body: unknown;
}

export class SlackEmulator implements Mountable {
  readonly botToken: string;
  readonly faults = new FaultQueue();
  private authMode: AuthMode = "ok";
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly ws: Workspace;
  private readonly http: EmulatorHttpServer;
  private readonly events: EventDispatcher;
  private readonly people: People;
  private readonly interactivity: Interactivity;
  private commandSeq = 0;

  constructor(options: SlackEmulatorOptions = {}) {
    this.botToken = options.botToken ?? "xoxb-emulator-bot-token";
    this.ws = new Workspace(options.team ?? DEFAULT_TEAM, options.users ?? SEED_USERS);
    this.events = new EventDispatcher(this.ws.team);
    // People's actions are delivered wherever the bot is a member (DMs with it included).
    this.people = new People(this.ws, (c, e) =>
      this.deliverable(c) ? this.events.dispatch(e, c.id) : Promise.resolve({ eventId: null, status: null }),
    );
    this.interactivity = new Interactivity(this.ws, this.events, () => this.baseUrl);
    this.http = new EmulatorHttpServer({
      ws: this.ws,
      faults: this.faults,
      log: this.log,
      recordUnexpected: (method, reason) => this.unexpectedList.push({ method, reason, receivedAt: Date.now() }),
      authenticate: (token) => this.authenticate(token),
      // The bot's own posts, edits and pins reach the service like anyone's, but only in channels: its DMs stay out.
      publish: (c, e) => {
        if (c.user === null && this.deliverable(c)) void this.events.dispatch(e, c.id).catch(() => undefined);
      },
      responseUrl: (path, raw) => this.interactivity.responses.receive(this.baseUrl, path, raw),
      view: new SlackView({
        ws: this.ws,
        click: (user, channel, ts, actionId) => this.interactivity.click(user, channel, ts, actionId, {}),
        post: (user, channel, text) => this.people.post(user, channel, text),
        baseUrl: () => this.baseUrl,
      }),
    });
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL. */
  start(): Promise<string> {
    return this.http.start();
  }

  /** Served at `baseUrl` by another server (`npm run demo`: the service's, under /sandbox/…) instead of listening. */
  mount(baseUrl: string): StandInHandler {
    return this.http.mount(baseUrl);
  }

  /** Waits for queued event deliveries, then closes the server, cutting hung requests. */
  async stop(): Promise<void> {
    await this.events.settle();
    await this.http.stop();
  }

  get baseUrl(): string {
    return this.http.url;
  }

  /** The web page of a conversation as a person sees it (default: the DM's person), or of every conversation. */
  viewUrl(channelId?: string, userId?: string): string {
    // Relative to the base URL, which carries the mount's path when there is one.
    return `${this.baseUrl}${channelId ? conversationHref(VIEW_PREFIX, channelId, userId ?? null) : `${VIEW_PREFIX}/`}`;
  }

  /** The WebClient's `slackApiUrl`: `<baseUrl>/api/`. */
  get apiUrl(): string {
    return `${this.http.url}/api/`;
  }

  setAuth(mode: AuthMode): void {
    this.authMode = mode;
  }

  addUser(user: SlackUser): void {
    this.ws.addUser(user);
  }

  /** A channel that exists before the test starts (the bot is in it unless botMember: false). Returns its id. */
  addChannel(spec: NewChannel): string {
    if (this.ws.channelByName(spec.name)) throw new Error(`slack emulator: #${spec.name} exists`);
    return this.ws.createChannel(spec, Date.now()).id;
  }

  /** Archives a channel (chat.postMessage then answers is_archived). */
  archive(channelId: string): void {
    this.channel(channelId).isArchived = true;
  }

  channelByName(name: string): ChannelView | undefined {
    const c = this.ws.channelByName(name.replace(/^#/, ""));
    return (
      c && {
        id: c.id,
        name: c.name,
        isPrivate: c.isPrivate,
        isArchived: c.isArchived,
        creator: c.creator,
        created: c.created,
        members: [...c.members],
      }
    );
  }

  /** Who is in a conversation (the bot user included when it is a member). */
  members(channelId: string): string[] {
    return [...this.channel(channelId).members];
  }

  /** The bot's DM channel id with a person, if conversations.open (or a post to the user id) opened one. */
  dmChannel(userId: string): string | undefined {
    return [...this.ws.channels.values()].find((c) => c.user === userId)?.id;
  }

  /** Every message the bot posted with chat.postMessage, oldest first; filter by channel or by the person the DM was opened for. */
  messages(filter: { channel?: string; user?: string } = {}): PostedMessage[] {
    return this.ws.messages
      .filter((m) => m.viaApi)
      .map((m) => ({
        channel: m.channel,
        user: this.ws.channels.get(m.channel)?.user ?? null,
        text: m.text,
        blocks: m.blocks,
        metadata: m.metadata,
        ts: m.ts,
        postedAt: m.postedAt,
      }))
      .filter((m) => (!filter.channel || m.channel === filter.channel) && (!filter.user || m.user === filter.user));
  }

  /** chat.postEphemeral messages, oldest first; filter by channel or by the one person who sees them. */
  ephemerals(filter: { channel?: string; user?: string } = {}): EphemeralMessage[] {
    return this.ws.ephemerals
      .filter((m) => (!filter.channel || m.channel === filter.channel) && (!filter.user || m.user === filter.user))
      .map((m) => ({ ...m }));
  }

  /** A conversation's messages, everyone's, oldest first, deleted ones flagged; thread replies only with includeReplies. */
  channelMessages(channelId: string, options: { includeReplies?: boolean } = {}): MessageView[] {
    this.channel(channelId);
    return this.ws.messages
      .filter((m) => m.channel === channelId && (options.includeReplies || m.threadTs === null))
      .map((m) => ({
        ts: m.ts,
        user: m.user,
        botId: m.botId,
        text: m.text,
        blocks: m.blocks,
        threadTs: m.threadTs,
        replyCount: m.threadTs === null ? this.ws.replies(channelId, m.ts).length : 0,
        edited: m.edited && { ...m.edited },
        pinned: m.pin !== null,
        reactions: m.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })),
        deleted: m.deleted,
        metadata: m.metadata,
      }));
  }

  /** Every request received, oldest first (including rejected and faulted ones). */
  requests(filter: { method?: string } = {}): LoggedRequest[] {
    return this.log.filter((r) => !filter.method || r.method === filter.method);
  }

  /** Requests the emulator could not serve as Slack would: unknown methods or paths, arguments it does not know. */
  unexpected(): UnexpectedRequest[] {
    return [...this.unexpectedList];
  }

  /** Forgets the request log, unexpected requests and event deliveries. */
  clearLog(): void {
    this.log.length = 0;
    this.unexpectedList.length = 0;
    this.events.clear();
    this.interactivity.responses.clear();
  }

  // ---- Events API -------------------------------------------------------------------------------------------------

  /** Where events (and slash commands) go, and the signing secret they are signed with. */
  configureEvents(config: EventsConfig): void {
    this.events.configure(config);
  }

  postAs(userId: string, channelId: string, text: string, options: { threadTs?: string } = {}): Promise<ActionResult> {
    return this.people.post(userId, channelId, text, options);
  }

  editAs(userId: string, channelId: string, ts: string, text: string): Promise<ActionResult> {
    return this.people.edit(userId, channelId, ts, text);
  }

  deleteAs(userId: string, channelId: string, ts: string): Promise<ActionResult> {
    return this.people.delete(userId, channelId, ts);
  }

  pinAs(userId: string, channelId: string, ts: string): Promise<ActionResult> {
    return this.people.pin(userId, channelId, ts);
  }

  unpinAs(userId: string, channelId: string, ts: string): Promise<ActionResult> {
    return this.people.unpin(userId, channelId, ts);
  }

  reactAs(userId: string, channelId: string, ts: string, name: string): Promise<ActionResult> {
    return this.people.react(userId, channelId, ts, name);
  }

  unreactAs(userId: string, channelId: string, ts: string, name: string): Promise<ActionResult> {
    return this.people.unreact(userId, channelId, ts, name);
  }

  /** Slack's retry of a delivered event: same body, X-Slack-Retry-Num/-Reason, signed now (or at `timestamp`). */
  redeliver(
    eventId: string,
    options: { retryNum: number; reason?: RetryReason | string; timestamp?: number },
  ): Promise<Delivery> {
    return this.events.redeliver(eventId, options);
  }

  /** Everything POSTed to the service, in order. */
  deliveries(): Delivery[] {
    return this.events.deliveries();
  }

  /** Resolves once every queued delivery (the bot's own posts included) has been answered. */
  eventsSettled(): Promise<void> {
    return this.events.settle();
  }

  /** Sends the url_verification handshake to the configured Request URL. */
  async verifyUrl(challenge = randomBytes(24).toString("base64url")): Promise<SentRequestResult> {
    const config = this.eventsConfig();
    const raw = JSON.stringify(urlVerificationBody(challenge, this.events.token));
    return result(
      await this.events.send(config.url, { type: "url_verification", raw, contentType: "application/json" }),
    );
  }

  /**
   * A person runs a slash command: a signed form POST to `url` (the command's Request URL). response_url points at the
   * emulator, so a service that answers through it shows up in unexpected() rather than reaching hooks.slack.com.
   */
  async sendCommand(
    url: string,
    cmd: { userId: string; channelId: string; text: string; command?: string },
  ): Promise<SentRequestResult> {
    const config = this.eventsConfig();
    const user = this.ws.users.get(cmd.userId);
    if (!user) throw new Error(`slack emulator: no person ${cmd.userId}`);
    const channel = this.channel(cmd.channelId);
    const n = ++this.commandSeq;
    const { body } = slashCommand(
      {
        token: this.events.token,
        teamId: this.ws.team.id,
        teamDomain: this.ws.team.domain,
        channelId: channel.id,
        channelName:
          channel.user !== null ? "directmessage" : channel.isPrivate ? "privategroup" : (channel.name ?? ""),
        userId: user.id,
        userName: user.name,
        command: cmd.command ?? "/firewatch",
        text: cmd.text,
        apiAppId: BOT.appId,
        responseUrl: `${this.baseUrl}/commands/${this.ws.team.id}/${1000 + n}/${randomBytes(12).toString("hex")}`,
        triggerId: `${1000 + n}.${Date.now()}.${randomBytes(16).toString("hex")}`,
      },
      { signingSecret: config.signingSecret },
    );
    return result(
      await this.events.send(url, {
        type: "slash_command",
        raw: body,
        contentType: "application/x-www-form-urlencoded",
      }),
    );
  }

  // ---- Interactivity ----------------------------------------------------------------------------------------------

  /** Where button clicks go (the app's interactivity Request URL), and the signing secret they are signed with. */
  configureInteractivity(config: InteractivityConfig): void {
    this.interactivity.configure(config);
  }

  /**
   * A person clicks the button `actionId` on a message: a signed block_actions form POST; returns the service's answer.
   * `signingSecret` signs with another secret (a forged click), `timestamp` (unix seconds) signs at another time.
   * @throws when interactivity is not configured or there is no such person, message or button.
   */
  async click(
    userId: string,
    channelId: string,
    messageTs: string,
    actionId: string,
    options: { signingSecret?: string; timestamp?: number } = {},
  ): Promise<SentRequestResult> {
    return result(await this.interactivity.click(userId, channelId, messageTs, actionId, options));
  }

  /** What the service POSTed to the response_urls of clicks, oldest first. */
  responses(): ResponseUrlPost[] {
    return this.interactivity.responses.list();
  }

  // Token errors: https://docs.slack.dev/reference/methods/auth.test#errors
  private authenticate(token: string | null): string | null {
    if (token === null) return "not_authed";
    if (token !== this.botToken) return "invalid_auth";
    if (this.authMode === "revoked") return "token_revoked";
    if (this.authMode === "inactive") return "account_inactive";
    return null;
  }

  /** Slack sends an app the events of conversations it is in. */
  private deliverable(c: SlackChannel): boolean {
    return this.events.configured !== undefined && c.members.has(BOT.userId);
  }

  private eventsConfig(): EventsConfig {
    const config = this.events.configured;
    if (!config) throw new Error("slack emulator: call configureEvents({ url, signingSecret }) first");
    return config;
  }

  private channel(channelId: string): SlackChannel {
    const channel = this.ws.channels.get(channelId);
    if (!channel) throw new Error(`slack emulator: no channel ${channelId}`);
    return channel;
  }
}

function result(d: Delivery): SentRequestResult {
  let body: unknown = d.responseBody;
  try {
    body = JSON.parse(d.responseBody);
  } catch {
    // not JSON: keep the text
  }
  return { status: d.status, body };
}
