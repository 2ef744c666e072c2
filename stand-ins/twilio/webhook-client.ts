// Twilio's requests to an application: form-encoded POSTs signed in X-Twilio-Signature with the account's auth
// token over the full URL and the sorted parameters (https://www.twilio.com/docs/usage/webhooks/webhooks-security),
// made here with Twilio's own library.
import twilio from "twilio";

/** How the application answered, or the network error. */
export interface WebhookAnswer {
  readonly status: number | string;
  readonly contentType: string | null;
  readonly body: string;
}

/** POSTs `params` to `url`, signed with `authToken`; never throws. */
export async function postSigned(
  authToken: string,
  url: string,
  params: Record<string, string>,
): Promise<WebhookAnswer & { signature: string }> {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signature,
        "User-Agent": "TwilioProxy/1.1",
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, contentType: res.headers.get("content-type"), body: await res.text(), signature };
  } catch (error) {
    return { status: (error as Error).message, contentType: null, body: "", signature };
  }
}

/** Whether Twilio reads the answer as TwiML (https://www.twilio.com/docs/api/errors/12300: XML content types). */
export function isXml(contentType: string | null): boolean {
  return /^(text|application)\/xml\b/i.test(contentType ?? "");
}
