// Jira's answers to injected faults; the fault kinds are those of every REST emulator (common/http-faults.ts).
import { HttpFaultQueue, type HttpFaultRequest, type HttpFaultSpec } from "../common/http-faults.ts";

export { describeFault } from "../common/http-faults.ts";
export type FaultRequest = HttpFaultRequest;
export type FaultSpec = HttpFaultSpec;

const DEFAULT_MESSAGES: Record<number, string> = {
  429: "Rate limit exceeded.",
  500: "Internal server error.",
  502: "Bad gateway.",
  503: "Service unavailable. Please try again later.",
  504: "Gateway timeout.",
};

export class FaultQueue extends HttpFaultQueue {
  constructor() {
    super("jira");
  }
}

export function faultBody(spec: FaultSpec): unknown {
  if (spec.body !== undefined) return spec.body;
  return { errorMessages: [DEFAULT_MESSAGES[spec.status ?? 500] ?? `HTTP ${spec.status}`], errors: {} };
}
