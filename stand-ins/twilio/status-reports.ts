// Status callbacks: a create that names a StatusCallback is later reported there, signed as Twilio signs
// (https://www.twilio.com/docs/usage/webhooks/webhooks-security): a text goes `sent`, then `delivered` or
// `undelivered`/`failed` with an ErrorCode (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status);
// a call reports only its final status (https://www.twilio.com/docs/voice/api/call-resource#statuscallback).
import type { Resource } from "./resources.ts";
import { postSigned } from "./webhook-client.ts";

/** What becomes of a text or call to a number, after Twilio accepted it. */
export type Fate =
  | { readonly status: "delivered" }
  | { readonly status: "undelivered" | "failed"; readonly errorCode: number }
  | { readonly status: "completed" | "busy" | "no-answer" | "failed" };

/** A status callback the emulator made, and how the receiver answered. */
export interface StatusCallbackDelivery {
  url: string;
  params: Record<string, string>;
  signature: string;
  /** The receiver's HTTP status, or the network error. */
  outcome: number | string;
}

export class StatusReports {
  /** What becomes of texts and calls to each number; delivered and answered unless set. */
  readonly fates = new Map<string, Fate>();
  readonly log: StatusCallbackDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly delayMs: number,
  ) {}

  /** Resolves once every status callback due has been made. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Makes the status callbacks of one accepted text or call (`created`, updated as it goes), each after the delay. */
  report(resource: Resource, params: Record<string, string>, created: Record<string, unknown>): void {
    const sid = String(created.sid);
    const fate = this.fates.get(params.To!) ?? { status: resource === "Messages" ? "delivered" : "completed" };
    const base = { AccountSid: this.accountSid, ApiVersion: "2010-04-01", From: params.From!, To: params.To! };
    const steps: Record<string, string>[] =
      resource === "Messages"
        ? [
            { MessageStatus: "sent" },
            { MessageStatus: fate.status, ...("errorCode" in fate ? { ErrorCode: String(fate.errorCode) } : {}) },
          ].map((s) => ({ ...base, MessageSid: sid, SmsSid: sid, SmsStatus: s.MessageStatus!, ...s }))
        : [
            {
              ...base,
              CallSid: sid,
              CallStatus: fate.status,
              Direction: "outbound-api",
              ...(fate.status === "completed" ? { CallDuration: "14" } : {}),
            },
          ];
    const run = (async () => {
      for (const step of steps) {
        await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        created.status = step.MessageStatus ?? step.CallStatus;
        await this.callback(params.StatusCallback!, step);
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async callback(url: string, params: Record<string, string>): Promise<void> {
    const entry: StatusCallbackDelivery = { url, params, signature: "", outcome: "pending" };
    this.log.push(entry);
    const answer = await postSigned(this.authToken, url, params);
    entry.signature = answer.signature;
    entry.outcome = answer.status;
  }
}
