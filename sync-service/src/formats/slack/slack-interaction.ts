// Slack's interactivity requests: a form-encoded body whose one field, `payload`, holds the JSON of the interaction.
// Shape: https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
import { z } from "zod";
import { actionId, actionsBlockId, CHAT_ACTIONS, type ChatAction } from "../../domain/chat-action.ts";
import { isUuid } from "../../domain/ids.ts";

const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1).max(64) }),
  container: z.object({ channel_id: z.string().min(1).max(64), message_ts: z.string().min(1).max(64) }),
  actions: z
    // A url button ("Open in Firewatch") has no value; Slack still posts its click.
    .array(
      z.object({
        action_id: z.string().max(255),
        block_id: z.string().max(255),
        value: z.string().max(2000).optional(),
      }),
    )
    .min(1),
});

/** Why a payload is refused, in words safe to answer with. */
export type InteractionRefusal = "not_json" | "not_block_actions" | "not_ours";

/**
 * The Firewatch button clicked in a block_actions payload; a refusal for anything else (other interaction types,
 * buttons that are not ours, a value that is not an incident id).
 */
export function chatActionOf(payload: string | null): ChatAction | InteractionRefusal {
  let json: unknown;
  try {
    json = JSON.parse(payload ?? "");
  } catch {
    return "not_json";
  }
  const parsed = blockActions.safeParse(json);
  if (!parsed.success) return "not_block_actions";
  const { user, container, actions } = parsed.data;
  const [action] = actions;
  const kind = CHAT_ACTIONS.find((k) => actionId(k) === action!.action_id);
  const source = (["page", "summary"] as const).find((s) => actionsBlockId(s) === action!.block_id);
  const incidentId = action!.value ?? "";
  if (!kind || !source || !isUuid(incidentId)) return "not_ours";
  return {
    kind,
    incidentId,
    source,
    userId: user.id,
    channelId: container.channel_id,
    messageTs: container.message_ts,
  };
}

/** The Block Kit actions block with the buttons for an incident (https://docs.slack.dev/reference/block-kit/blocks/actions-block). */
export function actionButtons(incidentId: string, source: ChatAction["source"], status: string, openUrl?: string) {
  const button = (kind: ChatAction["kind"], text: string, style?: "primary" | "danger") => ({
    type: "button" as const,
    action_id: actionId(kind),
    text: { type: "plain_text" as const, text },
    value: incidentId,
    ...(style ? { style } : {}),
  });
  return {
    type: "actions" as const,
    block_id: actionsBlockId(source),
    elements: [
      ...(status === "triggered" ? [button("acknowledge", "Acknowledge", "primary")] : []),
      ...(status !== "resolved" ? [button("resolve", "Resolve")] : []),
      // Pages the policy's next level now: only while nobody has the incident.
      ...(status === "triggered" ? [button("escalate", "Escalate")] : []),
      ...(openUrl ? [openButton(openUrl)] : []),
    ],
  };
}

/** The action_id of the "Open in Firewatch" url button; its click is answered 200 and changes nothing. */
export const OPEN_ACTION_ID = "open";

/**
 * A url button (https://docs.slack.dev/reference/block-kit/block-elements/button-element): Slack opens the URL in the
 * browser, and also posts a block_actions click, which Firewatch ignores (`not_ours`).
 */
function openButton(url: string) {
  return {
    type: "button" as const,
    action_id: OPEN_ACTION_ID,
    text: { type: "plain_text" as const, text: "Open in Firewatch" },
    url,
  };
}
