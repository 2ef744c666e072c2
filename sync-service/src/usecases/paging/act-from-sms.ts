import { parseSmsReply } from "../../domain/page-reply.ts";
import type { PageAnswerOutcome } from "../../domain/page-reply-texts.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { answerPage } from "./answer-page.ts";

/** A text message to the paging number, as the provider delivered it (signature already checked). */
export interface IncomingText {
  /** The sender's number (E.164). */
  readonly from: string;
  readonly body: string;
}

/**
 * A responder texted back to a page: `ack` or `resolve` acts, as the person that page went to, on the latest
 * incident paged to that number, or on the one the text names (`ack INC-42`) when that number was paged for it.
 * A number no page went to changes nothing, whatever it says.
 */
export async function actFromSms(deps: UseCaseDeps, text: IncomingText): Promise<PageAnswerOutcome> {
  const latest = await deps.uow.run((tx) => tx.oncall.latestPageToNumber(text.from, null));
  if (!latest) return { kind: "not_paged" };
  const reply = parseSmsReply(text.body);
  if (!reply) return { kind: "not_understood" };
  const { kind, incidentNumber } = reply;
  if (incidentNumber === null) return answerPage(deps, latest, kind, "sms");
  const named = await deps.uow.run((tx) => tx.oncall.latestPageToNumber(text.from, incidentNumber));
  return named ? answerPage(deps, named, kind, "sms") : { kind: "not_paged_for", incidentNumber };
}
