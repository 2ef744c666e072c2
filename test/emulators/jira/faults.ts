// Fault injection: queued faults are consumed in order by the first request each one matches.
//   { status: 429, headers: { "Retry-After": "2" } }   answer with that status (Jira error body unless `body` given)
//   { hang: true }                                      never answer (the socket is closed by stop())
//   { afterCommit: "drop" }                             perform the request, then destroy the socket unanswered
//   { delayMs: 500 }                                    wait, then handle normally (combinable with the above)
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

interface QueuedFault {
  spec: FaultSpec;
  remaining: number;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  429: "Rate limit exceeded.",
  500: "Internal server error.",
  502: "Bad gateway.",
  503: "Service unavailable. Please try again later.",
  504: "Gateway timeout.",
};

export class FaultQueue {
  private queue: QueuedFault[] = [];

  next(spec: FaultSpec): this {
    const modes = [spec.status !== undefined, spec.hang === true, spec.afterCommit !== undefined].filter(Boolean).length;
    if (modes > 1) throw new Error("jira emulator fault: use only one of status, hang, afterCommit");
    if (modes === 0 && spec.delayMs === undefined) throw new Error("jira emulator fault: give status, hang, afterCommit or delayMs");
    this.queue.push({ spec, remaining: spec.times ?? 1 });
    return this;
  }

  clear(): void {
    this.queue = [];
  }

  /** Faults not yet used up. */
  pending(): number {
    return this.queue.length;
  }

  /** Consumes one use of the first fault matching the request. */
  take(req: FaultRequest): FaultSpec | undefined {
    const found = this.queue.find((f) => !f.spec.match || f.spec.match(req));
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.queue = this.queue.filter((f) => f !== found);
    return found.spec;
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
