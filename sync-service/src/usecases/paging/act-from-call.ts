import { keypressAnswer } from "../../domain/page-reply.ts";
import type { PageAnswerOutcome } from "../../domain/page-reply-texts.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { answerPage } from "./answer-page.ts";

/** A key pressed during the call a page made (signature already checked). */
export interface Keypress {
  /** The page whose call asked for the key. */
  readonly pageId: string;
  readonly digits: string;
}

/**
 * A responder pressed a key in a page's call: 4 acknowledges and 6 resolves the page's incident as the person the
 * page went to; another key is "not_understood" (the call asks again). Null when there is no such page.
 */
export async function actFromCall(deps: UseCaseDeps, keypress: Keypress): Promise<PageAnswerOutcome | null> {
  const page = await deps.uow.run((tx) => tx.oncall.getPage(keypress.pageId));
  if (!page) return null;
  const answer = keypressAnswer(keypress.digits);
  return answer ? answerPage(deps, page, answer, "voice") : { kind: "not_understood" };
}
