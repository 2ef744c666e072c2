import { Router, type Request, type Response } from "express";
import { incidentKey } from "../../domain/incident.ts";
import type { PageLinkPurpose } from "../../domain/page-link.ts";
import { signInWithLink } from "../../usecases/access/console-sessions.ts";
import { actFromPageLink, type LinkActionOutcome } from "../../usecases/paging/act-from-link.ts";
import { viewPageLink, type PageLinkView } from "../../usecases/paging/page-links.ts";
import type { WebContext } from "../context.ts";
import { confirmForm, html, incidentPath, sendPage, titled } from "../link-pages.ts";
import { setSessionCookie } from "../middleware/session-cookie.ts";

/** Our link tokens: 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const VERB = { acknowledge: "Acknowledge", resolve: "Resolve", signin: "Continue" } as const;
const DONE = { acknowledge: "Acknowledged", resolve: "Resolved" } as const;
const MAYBE_HANDLED = "The incident may already be handled; open Firewatch to see where it stands.";

/** 404 for a token never issued, counted against the client's sign-in budget (it may be guessing). */
function unknownLink(res: Response): void {
  res.locals.signInFailed = true;
  sendPage(
    res,
    404,
    "Link not found",
    html`<h1>This link is not known</h1>
      <p>It may be mistyped or cut short. ${MAYBE_HANDLED}</p>
      <p><a href="/">Open Firewatch</a></p>`,
  );
}

/** 410 for a link that worked once or ran out. */
function spentLink(res: Response, kind: "used" | "expired", signIn: boolean): void {
  const why = kind === "used" ? "This link was already used" : "This link has expired";
  const next = signIn
    ? html`<p>Links work once and for a short time. <a href="/">Sign in with an API token</a>.</p>`
    : html`<p>Links work once, for a day. ${MAYBE_HANDLED}</p>
        <p><a href="/">Open Firewatch</a></p>`;
  sendPage(
    res,
    410,
    why,
    html`<h1>${why}</h1>
      ${next}`,
  );
}

/** GET: what the link would do, and one button to do it; never a change (scanners and unfurlers open links). */
async function confirmation(
  ctx: WebContext,
  req: Request<{ token: string }>,
  res: Response,
  purposes: readonly PageLinkPurpose[],
) {
  const token = String(req.params.token ?? "");
  const view: PageLinkView = TOKEN.test(token)
    ? await viewPageLink({ uow: ctx.uow, clock: ctx.clock }, token, purposes)
    : { kind: "unknown" };
  if (view.kind === "unknown") return unknownLink(res);
  if (view.kind !== "usable") return spentLink(res, view.kind, view.purpose === "signin");
  const { purpose, incident, personName } = view;
  const key = incidentKey(incident);
  const question =
    purpose === "signin"
      ? html`<h1>Continue as ${personName} to ${key}</h1>
          <p>${titled(incident)}</p>`
      : html`<h1>${VERB[purpose]} ${titled(incident)}?</h1>
          <p>as ${personName}</p>`;
  const status = html`<p>${key} is ${incident.status} now.</p>`;
  const label = purpose === "signin" ? `Continue as ${personName}` : `${VERB[purpose]} ${key}`;
  sendPage(res, 200, `${VERB[purpose]} ${key}`, html`${question}${status}${confirmForm(label)}`);
}

function actionResult(res: Response, outcome: Exclude<LinkActionOutcome, { kind: "unknown" | "used" | "expired" }>) {
  const key = incidentKey(outcome.incident);
  const open = html`<p><a href="${incidentPath(outcome.incident)}">Open ${key} in Firewatch</a></p>`;
  if (outcome.kind === "done") {
    const stopped = outcome.purpose === "acknowledge" ? " Escalation stopped." : "";
    const said = `${DONE[outcome.purpose]} ${key}.${stopped}`;
    return sendPage(
      res,
      200,
      said,
      html`<h1>${said}</h1>
        <p>${titled(outcome.incident)}</p>
        ${open}`,
    );
  }
  const by = outcome.acknowledgedBy ? ` by ${outcome.acknowledgedBy}` : "";
  const said =
    outcome.incident.status === "resolved" ? `${key} is already resolved.` : `${key} is already acknowledged${by}.`;
  sendPage(
    res,
    200,
    said,
    html`<h1>${said}</h1>
      <p>Nothing was changed.</p>
      ${open}`,
  );
}

/** `GET /act/<token>` shows what an acknowledge or resolve link does; `POST /act/<token>` does it, once. */
export function actLinksRouter(ctx: WebContext): Router {
  const router = Router();
  router.get("/:token", (req, res) => confirmation(ctx, req, res, ["acknowledge", "resolve"]));
  router.post("/:token", async (req, res) => {
    const token = req.params.token;
    const outcome: LinkActionOutcome = TOKEN.test(token)
      ? await actFromPageLink({ uow: ctx.uow, clock: ctx.clock }, token)
      : { kind: "unknown" };
    if (outcome.kind === "unknown") return unknownLink(res);
    if (outcome.kind !== "done" && outcome.kind !== "stale") return spentLink(res, outcome.kind, false);
    ctx.nudgeWorker();
    actionResult(res, outcome);
  });
  return router;
}

/** `GET /signin/<token>` asks to continue as the person; `POST` spends the link, sets the session cookie, 303s on. */
export function signInLinksRouter(ctx: WebContext): Router {
  const router = Router();
  router.get("/:token", (req, res) => confirmation(ctx, req, res, ["signin"]));
  router.post("/:token", async (req, res) => {
    const token = req.params.token;
    const outcome = TOKEN.test(token)
      ? await signInWithLink({ uow: ctx.uow, clock: ctx.clock }, token)
      : ({ kind: "unknown" } as const);
    if (outcome.kind === "unknown") return unknownLink(res);
    if (outcome.kind !== "signed_in") return spentLink(res, outcome.kind, true);
    setSessionCookie(req, res, ctx.publicUrl, outcome.session.token, outcome.session.maxAgeMs);
    res.redirect(303, incidentPath(outcome.incident));
  });
  return router;
}
