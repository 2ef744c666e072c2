// Fault injection: queued faults are consumed in order by the first request each one matches.
//   { status: 429, headers: { "Retry-After": "2" } }   answer with that status (Jira error body unless `body` given)
//   { hang: true }                                      never answer (the socket is closed by stop())
//   { afterCommit: "drop" }                             perform the request, then destroy the socket unanswered
//   { delayMs: 500 }                                    wait, then handle normally (combinable with the above)
import { FaultQueue as SharedFaultQueue } from "../common/fault-queue.ts";
export interface FaultRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface FaultSpec {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  hang?: boolean;
  afterCommit?: "drop";
  delayMs?: number;
  /** How many matching requests this fault applies to (default 1; Infinity for "until cleared"). */
  times?: number;
  match?: (req: FaultRequest) => boolean;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  429: "Rate limit exceeded.",
  500: "Internal server error.",
  502: "Bad gateway.",
  503: "Service unavailable. Please try again later.",
  504: "Gateway timeout.",
};

export class FaultQueue extends SharedFaultQueue<FaultSpec, FaultRequest> {
  constructor() {
    super((spec) => {
      const modes = [spec.status !== undefined, spec.hang === true, spec.afterCommit !== undefined].filter(Boolean).length;
      if (modes > 1) throw new Error("jira emulator fault: use only one of status, hang, afterCommit");
      if (modes === 0 && spec.delayMs === undefined) throw new Error("jira emulator fault: give status, hang, afterCommit or delayMs");
    });
  }
}

export function describeFault(spec: FaultSpec): string {
  if (spec.hang) return "hang";
  if (spec.afterCommit) return `afterCommit:${spec.afterCommit}`;
  if (spec.status !== undefined) return `status:${spec.status}`;
  return `delay:${spec.delayMs}`;
}

export function faultBody(spec: FaultSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  return { errorMessages: [DEFAULT_MESSAGES[spec.status ?? 500] ?? `HTTP ${spec.status}`], errors: {} };
}
