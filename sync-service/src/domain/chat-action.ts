/** What a responder can do from a chat message: the buttons on a page and on an incident channel's summary. */
export const CHAT_ACTIONS = ["acknowledge", "resolve", "escalate"] as const;
export type ChatActionKind = (typeof CHAT_ACTIONS)[number];

/** Where the button was: a page sent to one person, or the pinned summary of the incident's channel. */
export type ChatActionSource = "page" | "summary";

/** One click on a Firewatch button, as the chat delivered it (signature already checked). */
export interface ChatAction {
  readonly kind: ChatActionKind;
  readonly incidentId: string;
  readonly source: ChatActionSource;
  /** The chat account that clicked. */
  readonly userId: string;
  /** The message that carried the button, to update it in place. */
  readonly channelId: string;
  readonly messageTs: string;
}

/** The button's `action_id` and `block_id`: stable names the chat sends back with the click. */
export const actionId = (kind: ChatActionKind) => `firewatch_${kind}`;
export const actionsBlockId = (source: ChatActionSource) => `firewatch_${source}_actions`;
