// Live call routing: Twilio's requests about a call to a service's number, each answered with the TwiML the caller's
// line runs next. `POST /{integrationKey}` is the number's Voice URL: Twilio's incoming-call webhook with CallSid,
// From, To, CallStatus, Direction, … as a form (https://www.twilio.com/docs/usage/webhooks/voice-webhooks); the
// other paths are the URLs that TwiML names (formats/twilio/call-twiml.ts). Every request is signed (signedForm).
import { Router, type RequestHandler, type Response } from "express";
import { z } from "zod";
import { callTexts, DIAL_OUTCOMES, VOICEMAIL_MAX_SECONDS, type CallStep } from "../../domain/call-routing.ts";
import { INTEGRATION_KEY_PATTERN, type Service } from "../../domain/service.ts";
import { connectTwiml, dialTwiml, hangupTwiml, recordTwiml, screenTwiml } from "../../formats/twilio/call-twiml.ts";
import { answerCall } from "../../usecases/calls/answer-call.ts";
import { screenAnswered, screenOf, voicemailRecorded } from "../../usecases/calls/call-answers.ts";
import { dialEnded } from "../../usecases/calls/dial-ended.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow, RouteNotFoundWebError } from "../errors.ts";
import type { SignedForm } from "./twilio-signed-form.ts";

const callSid = z.string().regex(/^CA[0-9a-f]{32}$/, "a Twilio CallSid (CA and 32 hex digits)");
const incoming = z.object({ CallSid: callSid, From: z.string().min(1).max(64) });
const dialed = z.object({ CallSid: callSid, DialCallStatus: z.enum(DIAL_OUTCOMES) });
const screened = z.object({ Digits: z.string().max(32).default("") });
const recording = z.object({
  CallSid: callSid,
  RecordingSid: z.string().regex(/^RE[0-9a-f]{32}$/, "a Twilio RecordingSid (RE and 32 hex digits)"),
  RecordingUrl: z.url({ protocol: /^https$/ }),
  RecordingDuration: z.coerce.number().int().min(0),
  RecordingStatus: z.string().min(1).max(32),
});
const level = z.coerce.number().int().min(0).max(99);
const levelQuery = z.object({ level });
const calleeQuery = z.object({ call: callSid, level, user: z.uuid() });

/** The routes under /webhooks/twilio/voice; `raw` keeps the body as signed. */
export function twilioVoiceRouter(ctx: WebContext, signedForm: SignedForm, raw: RequestHandler): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const twiml = (res: Response, body: string) => res.status(200).type("text/xml").send(body);
  const keyOf = (key: unknown) => {
    if (typeof key !== "string" || !INTEGRATION_KEY_PATTERN.test(key))
      throw new RouteNotFoundWebError("SERVICE.NOT_FOUND", "No such service.");
    return key;
  };
  const base = (key: string) => `${ctx.publicUrl}/webhooks/twilio/voice/${key}`;

  const calleeUrl = (key: string, path: string, callee: z.infer<typeof calleeQuery>) =>
    `${base(key)}/${path}?${new URLSearchParams({ call: callee.call, level: String(callee.level), user: callee.user })}`;

  /** What the caller's line runs for `step`, after `greeting`. */
  const stepTwiml = (key: string, sid: string, step: CallStep, greeting: readonly string[] = []) => {
    switch (step.kind) {
      case "closed":
        return hangupTwiml(callTexts.notTaking);
      case "ring": {
        const screen = (user: string) => calleeUrl(key, "screen", { call: sid, level: step.level, user });
        const numbers = step.callees.map((c) => ({ number: c.number, screenUrl: screen(c.userId) }));
        const action = `${base(key)}/dial?level=${step.level}`;
        return dialTwiml({ say: greeting, numbers, ringSeconds: step.ringSeconds, action });
      }
      case "voicemail": {
        const say = [...greeting, callTexts.voicemail];
        const [action, statusCallback] = [`${base(key)}/record`, `${base(key)}/recording`];
        return recordTwiml({ say, maxSeconds: VOICEMAIL_MAX_SECONDS, action, statusCallback });
      }
      case "unreachable":
        return hangupTwiml(...greeting, callTexts.unreachable);
      case "hangup":
        return hangupTwiml();
    }
  };
  const greetingOf = (service: Service) => [service.callRouting?.greeting ?? callTexts.greeting(service.name)];

  router.post("/:integrationKey", raw, async (req, res) => {
    const form = parseOrThrow(incoming, signedForm(req, "incoming calls"), "incoming call");
    const key = keyOf(req.params.integrationKey);
    const answer = await answerCall(deps, key, { callSid: form.CallSid, from: form.From });
    ctx.nudgeWorker();
    twiml(res, stepTwiml(key, form.CallSid, answer.step, greetingOf(answer.service)));
  });

  // https://www.twilio.com/docs/voice/twiml/dial#action: the level's <Dial> ended with DialCallStatus.
  router.post("/:integrationKey/dial", raw, async (req, res) => {
    const form = parseOrThrow(dialed, signedForm(req, "dial results"), "dial result");
    const key = keyOf(req.params.integrationKey);
    const query = parseOrThrow(levelQuery, req.query, "query");
    const end = { callSid: form.CallSid, level: query.level, outcome: form.DialCallStatus };
    twiml(res, stepTwiml(key, form.CallSid, await dialEnded(deps, key, end)));
  });

  // https://www.twilio.com/docs/voice/twiml/number#url: a callee picked up; they hear the screen before connecting.
  router.post("/:integrationKey/screen", raw, async (req, res) => {
    signedForm(req, "call screens");
    const key = keyOf(req.params.integrationKey);
    const query = parseOrThrow(calleeQuery, req.query, "query");
    const { serviceName, incidentKey } = await screenOf(deps, key, query.call);
    twiml(res, screenTwiml(callTexts.screen(serviceName, incidentKey), calleeUrl(key, "screened", query)));
  });

  // https://www.twilio.com/docs/voice/twiml/gather#action: the key the callee pressed at the screen.
  router.post("/:integrationKey/screened", raw, async (req, res) => {
    const form = parseOrThrow(screened, signedForm(req, "call screens"), "gathered keys");
    const key = keyOf(req.params.integrationKey);
    const query = parseOrThrow(calleeQuery, req.query, "query");
    const answer = { callSid: query.call, level: query.level, userId: query.user, digits: form.Digits };
    const outcome = await screenAnswered(deps, key, answer);
    ctx.nudgeWorker();
    twiml(res, outcome === "take" ? connectTwiml() : hangupTwiml(...(outcome === "taken" ? [callTexts.taken] : [])));
  });

  // https://www.twilio.com/docs/voice/twiml/record#action: the caller finished their message.
  router.post("/:integrationKey/record", raw, (req, res) => {
    signedForm(req, "recordings");
    keyOf(req.params.integrationKey);
    twiml(res, hangupTwiml(callTexts.thanks));
  });

  // https://www.twilio.com/docs/voice/twiml/record#recordingstatuscallback: the message is ready at RecordingUrl.
  router.post("/:integrationKey/recording", raw, async (req, res) => {
    const form = parseOrThrow(recording, signedForm(req, "recording status callbacks"), "recording status");
    const key = keyOf(req.params.integrationKey);
    await voicemailRecorded(deps, key, {
      callSid: form.CallSid,
      recordingSid: form.RecordingSid,
      url: form.RecordingUrl,
      seconds: form.RecordingDuration,
      status: form.RecordingStatus,
    });
    ctx.nudgeWorker();
    res.status(204).end();
  });
  return router;
}
