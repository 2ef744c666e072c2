export {
  SlackEmulator,
  type AuthMode,
  type ChannelView,
  type SentRequestResult,
  type SlackEmulatorOptions,
} from "./slack-emulator.ts";
export type { ActionResult, Delivery, EventsConfig, RetryReason } from "./events.ts";
export type { InteractivityConfig, ResponseUrlPost } from "./interactions.ts";
export type { FaultRequest, FaultSpec } from "./faults.ts";
export type {
  EphemeralMessage,
  LoggedRequest,
  MessageMetadata,
  MessageView,
  PostedMessage,
  SlackUser,
  UnexpectedRequest,
} from "./types.ts";
export { BOT, DEFAULT_TEAM, SEED_USERS, type NewChannel, type TeamInfo } from "./workspace.ts";
export { validateBlocks } from "./blocks.ts";
export { signSlackRequest, urlVerificationBody, type SignedHeaders } from "./signing.ts";
export { slashCommand, type SignedForm, type SlashCommandFields } from "./commands.ts";
