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
