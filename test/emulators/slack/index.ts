export { SlackEmulator, type AuthMode, type SlackEmulatorOptions } from "./slack-emulator.ts";
export type { FaultRequest, FaultSpec } from "./faults.ts";
export type { LoggedRequest, PostedMessage, SlackUser, UnexpectedRequest } from "./types.ts";
export { BOT, DEFAULT_TEAM, SEED_USERS, type TeamInfo } from "./workspace.ts";
export { validateBlocks } from "./blocks.ts";
