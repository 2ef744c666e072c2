// The faults of the REST emulators (Jira, Confluence): an HTTP status, a request left hanging, a request
// performed and then its socket dropped, or a delay; queued and consumed in order by the first request
// each one matches.
//   { status: 429, headers: { "Retry-After": "2" } }   answer with that status (the API's error body unless `body` given)
//   { hang: true }                                      never answer (the socket is closed by stop())
//   { afterCommit: "drop" }                             perform the request, then destroy the socket unanswered
//   { delayMs: 500 }                                    wait, then handle normally (combinable with the above)
//   { drift: (body) => … }                              handle normally, then rewrite a 2xx answer's body (a live API
//                                                       drifting from its published schema; Confluence only)
import { FaultQueue } from "./fault-queue.ts";

export interface HttpFaultRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface HttpFaultSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
  afterCommit?: "drop";
  delayMs?: number;
  /** Rewrites a successful answer's body, e.g. to add a value the OpenAPI document does not list. */
  drift?: (body: unknown) => unknown;
  /** How many matching requests this fault applies to (default 1; Infinity for "until cleared"). */
  times?: number;
  match?: (req: HttpFaultRequest) => boolean;
}

export class HttpFaultQueue extends FaultQueue<HttpFaultSpec, HttpFaultRequest> {
  /** `emulator` names the emulator in the errors a wrong spec throws. */
  constructor(emulator: string) {
    super((spec) => {
      const modes = [spec.status !== undefined, spec.hang === true, spec.afterCommit !== undefined].filter(
        Boolean,
      ).length;
      if (modes > 1) throw new Error(`${emulator} emulator fault: use only one of status, hang, afterCommit`);
      if (modes === 0 && spec.delayMs === undefined && !spec.drift)
        throw new Error(`${emulator} emulator fault: give status, hang, afterCommit, delayMs or drift`);
    });
  }
}

export function describeFault(spec: HttpFaultSpec): string {
  if (spec.hang) return "hang";
  if (spec.afterCommit) return `afterCommit:${spec.afterCommit}`;
  if (spec.status !== undefined) return `status:${spec.status}`;
  if (spec.drift) return "drift";
  return `delay:${spec.delayMs}`;
}
