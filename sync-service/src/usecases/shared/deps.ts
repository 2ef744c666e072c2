import type { Clock } from "../../domain/clock.ts";
import type { AlertIntakeUnitOfWork, UnitOfWork } from "../../ports/unit-of-work.ts";

/** What every use case gets: one plain object, so tests can pass fakes. */
export interface UseCaseDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

export interface IntakeDeps {
  readonly intake: AlertIntakeUnitOfWork;
  readonly clock: Clock;
}
