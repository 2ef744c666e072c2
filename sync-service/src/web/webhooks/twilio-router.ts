import express, { Router } from "express";
import { z } from "zod";
import { NOTHING_CHANGED, smsAnswerText, spokenAnswerText, wrongKeyText } from "../../domain/page-reply-texts.ts";
import { deliveryReport } from "../../formats/twilio/twilio-status.ts";
import { askedAgain, askTwiml, isAskedAgain, messageTwiml, sayTwiml } from "../../formats/twilio/twiml.ts";
import { actFromCall } from "../../usecases/paging/act-from-call.ts";
import { actFromSms } from "../../usecases/paging/act-from-sms.ts";
import { applyDeliveryReport } from "../../usecases/paging/apply-delivery-report.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, RouteNotFoundWebError } from "../errors.ts";
import { signedFormReader } from "./twilio-signed-form.ts";
import { twilioVoiceRouter } from "./twilio-voice-router.ts";

/**
 * Twilio's requests, each signed in X-Twilio-Signature over the URL Twilio called, so checked against PUBLIC_URL +
 * the path: behind a proxy, PUBLIC_URL must be the address Twilio calls.
 * - `POST /status/{pageId}`: the status callback of a text or call a page sent (the StatusCallback of its create);
 * - `POST /sms`: a text to the paging number (the number's incoming-message webhook), answered with a text back;
 * - `POST /voice/gather/{pageId}`: the key pressed in a page's call (its `<Gather>` action), answered with speech;
 * - `POST /voice/{integrationKey}` and its steps: a call to a service's number (live call routing, twilio-voice-router.ts).
 */
export function twilioRouter(ctx: WebContext, authToken: string | null): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: "64kb" });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  const signedForm = signedFormReader(ctx.publicUrl, authToken);
  const validPageId = (pageId: string) => z.uuid().safeParse(pageId).success;
  const twiml = (res: express.Response, body: string) => res.status(200).type("text/xml").send(body);

  router.post("/status/:pageId", raw, async (req, res) => {
    const params = signedForm(req, "status callbacks");
    const report = deliveryReport(params);
    if (!report)
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not a status callback (MessageSid and MessageStatus, or CallSid and CallStatus).",
      );
    const pageId = req.params.pageId;
    if (!validPageId(pageId) || !(await applyDeliveryReport(deps, pageId, report))) {
      throw new RouteNotFoundWebError("PAGE.NOT_FOUND", `No page ${pageId} was sent as ${report.providerId}.`);
    }
    res.status(204).end();
  });

  // https://www.twilio.com/docs/messaging/guides/webhook-request: From, To, Body, MessageSid, AccountSid, … as a
  // form; the TwiML answer's <Message> goes back to the sender.
  router.post("/sms", raw, async (req, res) => {
    const params = signedForm(req, "incoming messages");
    if (!params.From || !params.MessageSid)
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not an incoming message (From and MessageSid are required).",
      );
    const outcome = await actFromSms(deps, { from: params.From, body: params.Body ?? "" });
    ctx.nudgeWorker();
    twiml(res, messageTwiml(smsAnswerText(outcome)));
  });

  // https://www.twilio.com/docs/voice/twiml/gather#action: CallSid, From, To, Digits, … as a form; the TwiML answer
  // goes on with the call. A key that is no answer is asked about once more (the second time `?again=1`).
  router.post("/voice/gather/:pageId", raw, async (req, res) => {
    const params = signedForm(req, "gathered keys");
    const pageId = req.params.pageId;
    if (!params.CallSid)
      throw new BadRequestWebError("WEBHOOK.INVALID_PAYLOAD", "The body is not a gather result (CallSid is required).");
    const digits = params.Digits ?? "";
    const outcome = validPageId(pageId) ? await actFromCall(deps, { pageId, digits }) : null;
    if (!outcome) throw new RouteNotFoundWebError("PAGE.NOT_FOUND", `No page ${pageId} made this call.`);
    ctx.nudgeWorker();
    if (outcome.kind !== "not_understood" || isAskedAgain(req.originalUrl))
      return void twiml(res, sayTwiml(spokenAnswerText(outcome)));
    const action = askedAgain(`${ctx.publicUrl}${req.originalUrl}`);
    twiml(res, askTwiml([{ say: wrongKeyText(digits), action }], NOTHING_CHANGED));
  });
  router.use("/voice", twilioVoiceRouter(ctx, signedForm, raw));
  return router;
}
