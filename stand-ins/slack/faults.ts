// Fault injection: queued faults are consumed in order by the first request each one matches.
//   { status: 429, headers: { "Retry-After": "7" } }  HTTP 429 with Slack's body {ok:false, error:"ratelimited"}
//   { status: 500 }                                   an HTTP error (Slack's edge answers 5xx with an HTML page)
//   { error: "account_inactive" }                     HTTP 200 {ok:false, error} — how Slack reports method errors
//   { hang: true }                                    never answer (the socket is closed by stop())
//   { delayMs: 500 }                                  wait, then handle normally
//   { answerLost: true }                              handle the call (a message is posted), then never answer:
//                                                     Slack did it, the caller cannot know
// Rate limiting: https://docs.slack.dev/apis/web-api/rate-limits (429 + Retry-After in seconds).
import { FaultQueue as SharedFaultQueue } from "../common/fault-queue.ts";
export interface FaultRequest {
  /** The Slack method, e.g. "chat.postMessage". */
  method: string;
  args: Readonly<Record<string, unknown>>;
}

export interface FaultSpec {
  status?: number;
  headers?: Record<string, string>;
  /** Overrides the response body of a `status` fault. */
  body?: unknown;
  /** Answer HTTP 200 {ok:false, error} (with `body` merged in). */
  error?: string;
  hang?: boolean;
  /** Carry the call out, then never answer (the socket is closed by stop()). */
  answerLost?: boolean;
  delayMs?: number;
  /** How many matching requests this fault applies to (default 1; Infinity for "until cleared"). */
  times?: number;
  match?: (req: FaultRequest) => boolean;
}

export class FaultQueue extends SharedFaultQueue<FaultSpec, FaultRequest> {
  constructor() {
    super((spec) => {
      const modes = [
        spec.status !== undefined,
        spec.error !== undefined,
        spec.hang === true,
        spec.answerLost === true,
      ].filter(Boolean).length;
      if (modes > 1) throw new Error("slack emulator fault: use only one of status, error, hang, answerLost");
      if (modes === 0 && spec.delayMs === undefined)
        throw new Error("slack emulator fault: give status, error, hang, answerLost or delayMs");
    });
  }
}

export function describeFault(spec: FaultSpec): string {
  if (spec.hang) return "hang";
  if (spec.answerLost) return "answer-lost";
  if (spec.error !== undefined) return `error:${spec.error}`;
  if (spec.status !== undefined) return `status:${spec.status}`;
  return `delay:${spec.delayMs}`;
}

/** The HTTP answer of a `status` fault: Slack's JSON for 429, an HTML error page otherwise. */
export function faultResponse(spec: FaultSpec): { body: unknown; contentType: string } {
  if (spec.body !== undefined) return { body: spec.body, contentType: "application/json; charset=utf-8" };
  if (spec.status === 429)
    return { body: { ok: false, error: "ratelimited" }, contentType: "application/json; charset=utf-8" };
  return { body: `<html><body><h1>${spec.status} Server Error</h1></body></html>`, contentType: "text/html" };
}
