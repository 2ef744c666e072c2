import type { Jobs } from "./jobs.ts";
import type {
  AlertRepository,
  InboxRepository,
  IncidentRepository,
  Locks,
  ServiceRepository,
  TenantRepository,
  TimelineRepository,
} from "./repositories.ts";

/** Everything a use case may touch inside one database transaction. */
export interface Transaction {
  readonly incidents: IncidentRepository;
  readonly alerts: AlertRepository;
  readonly timeline: TimelineRepository;
  readonly services: ServiceRepository;
  readonly tenants: TenantRepository;
  readonly inbox: InboxRepository;
  readonly jobs: Jobs;
  readonly locks: Locks;
}

export interface UnitOfWork {
  /** Runs `work` in one transaction: all of its writes and enqueued jobs commit together, or none do. */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}
