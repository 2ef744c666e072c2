// Slack Web API emulator for tests: a real HTTP server serving the methods Firewatch calls through @slack/web-api
// (auth.test, conversations.open, chat.postMessage, users.info) with seeded people, fault injection, a request log and
// every posted message. Point a WebClient at it with `slackApiUrl: emulator.apiUrl`.
import { FaultQueue } from "./faults.ts";
import { EmulatorHttpServer } from "./http.ts";
import type { LoggedRequest, PostedMessage, SlackUser, UnexpectedRequest } from "./types.ts";
import { DEFAULT_TEAM, SEED_USERS, Workspace, type TeamInfo } from "./workspace.ts";

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

export class SlackEmulator {
  readonly botToken: string;
  readonly faults = new FaultQueue();
  private authMode: AuthMode = "ok";
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly ws: Workspace;
  private readonly http: EmulatorHttpServer;

  constructor(options: SlackEmulatorOptions = {}) {
    this.botToken = options.botToken ?? "xoxb-emulator-bot-token";
    this.ws = new Workspace(options.team ?? DEFAULT_TEAM, options.users ?? SEED_USERS);
    this.http = new EmulatorHttpServer({
      ws: this.ws,
      faults: this.faults,
      log: this.log,
      recordUnexpected: (method, reason) => this.unexpectedList.push({ method, reason, receivedAt: Date.now() }),
      authenticate: (token) => this.authenticate(token),
    });
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL. */
  start(): Promise<string> {
    return this.http.start();
  }

  /** Closes the server, cutting hung requests. */
  stop(): Promise<void> {
    return this.http.stop();
  }

  get baseUrl(): string {
    return this.http.url;
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

  /** Archives a channel (chat.postMessage then answers is_archived). */
  archive(channelId: string): void {
    const channel = this.ws.channels.get(channelId);
    if (!channel) throw new Error(`slack emulator: no channel ${channelId}`);
    channel.isArchived = true;
  }

  /** The bot's DM channel id with a person, if conversations.open (or a post to the user id) opened one. */
  dmChannel(userId: string): string | undefined {
    return [...this.ws.channels.values()].find((c) => c.user === userId)?.id;
  }

  /** Every message posted, oldest first; filter by channel or by the person the DM was opened for. */
  messages(filter: { channel?: string; user?: string } = {}): PostedMessage[] {
    return this.ws.messages.filter((m) => (!filter.channel || m.channel === filter.channel) && (!filter.user || m.user === filter.user)).map((m) => ({ ...m }));
  }

  /** Every request received, oldest first (including rejected and faulted ones). */
  requests(filter: { method?: string } = {}): LoggedRequest[] {
    return this.log.filter((r) => !filter.method || r.method === filter.method);
  }

  /** Requests the emulator could not serve as Slack would: unknown methods or paths, arguments it does not know. */
  unexpected(): UnexpectedRequest[] {
    return [...this.unexpectedList];
  }

  clearLog(): void {
    this.log.length = 0;
    this.unexpectedList.length = 0;
  }

  // Token errors: https://docs.slack.dev/reference/methods/auth.test#errors
  private authenticate(token: string | null): string | null {
    if (token === null) return "not_authed";
    if (token !== this.botToken) return "invalid_auth";
    if (this.authMode === "revoked") return "token_revoked";
    if (this.authMode === "inactive") return "account_inactive";
    return null;
  }
}
