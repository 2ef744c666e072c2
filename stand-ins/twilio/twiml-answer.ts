// How Twilio reads an application's answer to one of its webhooks: a 2xx with an XML content type holding TwiML.
// Anything else is an error Twilio logs in the console's Monitor (https://www.twilio.com/docs/api/errors): a failed
// request 11200, a content type that is not XML 12300, a document that does not parse 12100, a root that is not
// Response 12102; the call then says the application-error message and ends.
import { parseTwiml, TwimlError, type TwimlElement } from "./twiml-document.ts";
import { isXml, type WebhookAnswer } from "./webhook-client.ts";

/** An error Twilio would log in the console's Monitor (https://www.twilio.com/docs/api/errors). */
export interface Alert {
  readonly code: number;
  /** The call or message it happened on. */
  readonly sid: string;
  readonly message: string;
}

/** What a caller hears when the application's answer cannot be run. */
export const APPLICATION_ERROR = "We are sorry, an application error has occurred. Goodbye.";

/** The TwiML an answer holds, or null after `alerted` was told what Twilio would log. */
export function twimlOf(
  answer: WebhookAnswer,
  url: string,
  alerted: (code: number, message: string) => void,
): TwimlElement | null {
  const alert = (code: number, message: string) => {
    alerted(code, message);
    return null;
  };
  if (typeof answer.status === "string" || answer.status < 200 || answer.status >= 300)
    return alert(11200, `HTTP retrieval failure: ${answer.status} from ${url}`);
  if (!isXml(answer.contentType)) return alert(12300, `Invalid Content-Type ${answer.contentType ?? "(none)"}`);
  try {
    return parseTwiml(answer.body);
  } catch (error) {
    if (error instanceof TwimlError) return alert(error.code, error.message);
    throw error;
  }
}
