// The fault queue every emulator uses: queued faults are consumed in order by the first request each
// one matches, `times` times (default once).

interface Queued<Spec> {
  spec: Spec;
  remaining: number;
}

export class FaultQueue<Spec extends { times?: number; match?: (req: Req) => boolean }, Req> {
  private queue: Queued<Spec>[] = [];

  /** `validate` throws for a spec that makes no sense for this emulator. */
  constructor(private readonly validate: (spec: Spec) => void) {}

  next(spec: Spec): this {
    this.validate(spec);
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
  take(req: Req): Spec | undefined {
    const found = this.queue.find((f) => !f.spec.match || f.spec.match(req));
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.queue = this.queue.filter((f) => f !== found);
    return found.spec;
  }
}

/** The faults of an emulator whose answers are HTTP statuses: a status, a hang, or a delay. */
export interface StatusFaultSpec<Req> {
  status?: number;
  headers?: Record<string, string>;
  /** Overrides the JSON body of a `status` fault. */
  body?: unknown;
  hang?: boolean;
  delayMs?: number;
  /** How many matching requests this fault applies to (default 1; Infinity for "until cleared"). */
  times?: number;
  match?: (req: Req) => boolean;
}

export class StatusFaultQueue<Req> extends FaultQueue<StatusFaultSpec<Req>, Req> {
  /** `emulator` names the emulator in the errors a wrong spec throws. */
  constructor(emulator: string) {
    super((spec) => {
      if (spec.status !== undefined && spec.hang)
        throw new Error(`${emulator} emulator fault: use only one of status, hang`);
      if (spec.status === undefined && !spec.hang && spec.delayMs === undefined)
        throw new Error(`${emulator} emulator fault: give status, hang or delayMs`);
    });
  }
}

export function describeStatusFault(spec: Pick<StatusFaultSpec<never>, "status" | "hang" | "delayMs">): string {
  if (spec.hang) return "hang";
  if (spec.status !== undefined) return `status:${spec.status}`;
  return `delay:${spec.delayMs}`;
}
