// Confluence's answers to injected faults; the fault kinds are those of every REST emulator (common/http-faults.ts).
// Confluence Cloud answers rate limiting with 429 and "may" send Retry-After (seconds), plus X-RateLimit-Limit,
// X-RateLimit-Remaining, X-RateLimit-Reset and X-RateLimit-NearLimit: pass the ones a test needs in `headers`
// (https://developer.atlassian.com/cloud/confluence/rate-limiting/).
import { HttpFaultQueue, type HttpFaultRequest, type HttpFaultSpec } from "../common/http-faults.ts";
import { errorBodyFor } from "./types.ts";

export { describeFault } from "../common/http-faults.ts";
export type FaultRequest = HttpFaultRequest;
export type FaultSpec = HttpFaultSpec;

const DEFAULT_MESSAGES: Record<number, string> = {
  429: "Rate limit exceeded",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export class FaultQueue extends HttpFaultQueue {
  constructor() {
    super("confluence");
  }
}

export function faultBody(spec: FaultSpec, path: string): unknown {
  if (spec.body !== undefined) return spec.body;
  const status = spec.status ?? 500;
  return errorBodyFor(path, status, DEFAULT_MESSAGES[status] ?? `HTTP ${status}`);
}
