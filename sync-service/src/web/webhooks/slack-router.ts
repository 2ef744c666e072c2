import express, { Router, type Request } from "express";
import { AppError } from "../../domain/errors.ts";
import { checkSlackSignature } from "../../formats/slack/slack-signature.ts";
import { slackEnvelope, toChatEvent } from "../../formats/slack/slack-event-mapper.ts";
import { chatActionOf } from "../../formats/slack/slack-interaction.ts";
import { actFromChat } from "../../usecases/chat/act-from-chat.ts";
import { runChatCommand } from "../../usecases/chat/chat-command.ts";
import { takeChatEvent } from "../../usecases/chat/take-chat-event.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, UnauthenticatedWebError } from "../errors.ts";
import { readForm, readJson } from "../middleware/input-guard.ts";

class SlackNotConfiguredWebError extends AppError {
  readonly kind = "unavailable";
}

const SIGNATURE_ERRORS = {
  missing: "X-Slack-Signature and X-Slack-Request-Timestamp are required.",
  stale:
    "X-Slack-Request-Timestamp is more than 5 minutes from now; Slack requests are only accepted fresh (replay protection).",
  mismatch: "X-Slack-Signature does not match the body signed with SLACK_SIGNING_SECRET.",
} as const;

/** Checks the request came from Slack; @returns the raw body. */
function verified(req: Request, secret: string | null, now: number): Buffer {
  if (!secret)
    throw new SlackNotConfiguredWebError(
      "WEBHOOK.NOT_CONFIGURED",
      "Set SLACK_SIGNING_SECRET to accept Slack requests.",
    );
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const check = checkSlackSignature(
    secret,
    body,
    req.get("x-slack-request-timestamp"),
    req.get("x-slack-signature"),
    now,
  );
  if (check !== "ok")
    throw new UnauthenticatedWebError(`WEBHOOK.SLACK_SIGNATURE_${check.toUpperCase()}`, SIGNATURE_ERRORS[check]);
  return body;
}

/**
 * `POST /webhooks/slack/events` (Events API), `POST /webhooks/slack/commands` (the `/incident` slash
 * command) and `POST /webhooks/slack/interactions` (the buttons on pages and summaries). Slack wants an answer within 3 seconds and retries up to three times otherwise
 * (https://docs.slack.dev/apis/events-api/#retries), keeping `event_id`: each event is recorded and applied to
 * its message and the timeline in one transaction before the answer; a retry finds its event recorded and changes nothing.
 */
export function slackRouter(ctx: WebContext, signingSecret: string | null): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: "1mb" });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.post("/events", raw, async (req, res) => {
    const body = verified(req, signingSecret, ctx.clock.now().getTime());
    const json = readJson(body, "Events API body");
    const parsed = slackEnvelope.safeParse(json);
    if (!parsed.success)
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not an Events API callback (type url_verification, event_callback or app_rate_limited).",
      );
    const envelope = parsed.data;
    // https://docs.slack.dev/reference/events/url_verification: answer with the challenge.
    if (envelope.type === "url_verification") return void res.json({ challenge: envelope.challenge });
    if (envelope.type !== "event_callback") return void res.json({ ok: true });
    const event = toChatEvent(envelope);
    const recorded = await takeChatEvent({ intake: ctx.intake, clock: ctx.clock }, envelope.event_id, json, event);
    res.json({ ok: true, status: recorded ? "accepted" : "duplicate" });
  });

  // https://docs.slack.dev/interactivity/implementing-slash-commands: form-encoded, answered with a message.
  router.post("/commands", raw, async (req, res) => {
    const form = readForm(verified(req, signingSecret, ctx.clock.now().getTime()), "slash command");
    const userId = form.get("user_id");
    const channelId = form.get("channel_id");
    if (!userId || !channelId || form.get("command") === null) {
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not a slash command (user_id, channel_id and command are required).",
      );
    }
    const reply = await runChatCommand(deps, { userId, channelId, text: form.get("text") ?? "" });
    res.json({ response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral", text: reply.text });
  });

  // https://docs.slack.dev/interactivity/handling-user-interaction: a form with one `payload` field (JSON), signed
  // like events; Slack wants a 200 within 3 seconds, so the chat's answer (a rewritten page, a private reply) is a job.
  router.post("/interactions", raw, async (req, res) => {
    const form = readForm(verified(req, signingSecret, ctx.clock.now().getTime()), "interaction");
    const action = chatActionOf(form.get("payload"));
    if (action === "not_json" || action === "not_block_actions")
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not an interaction: a form field `payload` holding a block_actions payload is required.",
      );
    // Buttons that are not Firewatch's (another app's, or a stale layout) are acknowledged and ignored.
    if (action !== "not_ours") await actFromChat(deps, action);
    ctx.nudgeWorker();
    res.status(200).end();
  });
  return router;
}
