// Fault injection: queued faults are consumed in order by the first request each one matches.
//   { status: 420, headers: { "Retry-After": "2" } }  Statuspage's rate-limit answer (also 429, see below)
//   { status: 500 }                                   an HTTP error with a JSON {error} body (or `body`)
//   { hang: true }                                    never answer (the socket is closed by stop())
//   { delayMs: 500 }                                  wait, then handle normally
// Rate limiting: "Each API token is limited to 1 request / second as measured on a 60 second rolling window …
// Error codes 420 or 429 indicate that you have exceeded the rate limit and the request has been rejected."
// (https://developer.statuspage.io/ — "Rate Limiting" in the reference's introduction.)
import { describeStatusFault, StatusFaultQueue, type StatusFaultSpec } from "../common/fault-queue.ts";

export interface FaultRequest {
  /** HTTP method, upper case. */
  method: string;
  /** Path below the API root, without a `.json` suffix, e.g. "/pages/pg0firewatch/incidents". */
  path: string;
  /** e.g. "incidents.create", "incidents.update", "components.update" (see OPERATIONS in routes.ts). */
  operation: string;
  /** The parsed request body ({} when there was none). */
  body: Readonly<Record<string, unknown>>;
}

export type FaultSpec = StatusFaultSpec<FaultRequest>;

export class FaultQueue extends StatusFaultQueue<FaultRequest> {
  constructor() {
    super("statuspage");
  }
}

export const describeFault = describeStatusFault;

/**
 * The JSON body of a `status` fault: `body` if given, else `{error: "..."}` — the shape Statuspage is reported to use
 * (see README in test/fixtures/statuspage for why not the reference's `ErrorEntity {message}`).
 */
export function faultBody(spec: FaultSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  const status = spec.status ?? 500;
  if (status === 420 || status === 429) return { error: RATE_LIMITED };
  if (status >= 500) return { error: "Internal Server Error" };
  return { error: `HTTP ${status}` };
}

/** The emulator's wording for a rate-limited request (the real message is not documented). */
export const RATE_LIMITED = "Rate limit exceeded";
