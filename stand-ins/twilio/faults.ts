// Fault injection: queued faults are consumed in order by the first request each one matches.
//   { status: 429, headers: { "Retry-After": "4" } }  HTTP 429 with Twilio's error 20429 body
//   { status: 503 }                                   an HTTP error with a Twilio error body (or `body`)
//   { hang: true }                                    never answer (the socket is closed by stop())
//   { delayMs: 500 }                                  wait, then handle normally
// 429: https://www.twilio.com/docs/api/errors/20429 ("never processed and is always safe to retry").
// Error body shape: https://www.twilio.com/docs/usage/twilios-response ({ code, message, more_info, status }).
import { twilioError } from "./resources.ts";
import { describeStatusFault, StatusFaultQueue, type StatusFaultSpec } from "../common/fault-queue.ts";

export interface FaultRequest {
  /** "Messages" or "Calls". */
  resource: string;
  params: Readonly<Record<string, string>>;
}

export type FaultSpec = StatusFaultSpec<FaultRequest>;

export class FaultQueue extends StatusFaultQueue<FaultRequest> {
  constructor() {
    super("twilio");
  }
}

export const describeFault = describeStatusFault;

const STATUS_CODES: Record<number, [number, string]> = {
  429: [20429, "Too Many Requests"],
  500: [20500, "Internal Server Error"],
  503: [20503, "Service Unavailable"],
};

/** The JSON body of a `status` fault: `body` if given, else Twilio's error object for that status. */
export function faultBody(spec: FaultSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const status = spec.status ?? 500;
  const [code, message] = STATUS_CODES[status] ?? [status, "Error"];
  return twilioError(code, message, status);
}
