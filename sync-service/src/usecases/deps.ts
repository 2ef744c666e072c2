import type { Clock } from "../domain/clock.ts";
import type { UnitOfWork } from "../ports/unit-of-work.ts";

/** What every use case gets: one plain object, so tests can pass fakes. */
export interface UseCaseDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}
