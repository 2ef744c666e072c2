import type { Alert } from "../domain/alert.ts";
import type { Service } from "../domain/service.ts";
import type { ChatIntake } from "./chat-intake.ts";
import type { ConversationRepository } from "./conversation-repository.ts";
import type { Jobs } from "./jobs.ts";
import type { PostmortemRepository } from "./postmortem-repository.ts";
import type { ReportRepository } from "./report-repository.ts";
import type { StatusPostRepository } from "./status-post-repository.ts";
import type { OnCallRepository } from "./oncall-repository.ts";
import type { PageLinkRepository } from "./page-link-repository.ts";
import type { SessionRepository } from "./session-repository.ts";
import type { PeopleRepository } from "./people-repository.ts";
import type { TeamRepository } from "./team-repository.ts";
import type { CrisisRepository } from "./crisis-repository.ts";
import type { VoiceCallRepository } from "./voice-call-repository.ts";
import type {
  AlertRepository,
  InboxRepository,
  IncidentRepository,
  IntegrationStatusRepository,
  EscalationRuleRepository,
  LinkedIssueRepository,
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
  readonly links: LinkedIssueRepository;
  readonly integrations: IntegrationStatusRepository;
  readonly rules: EscalationRuleRepository;
  readonly oncall: OnCallRepository;
  readonly people: PeopleRepository;
  readonly teams: TeamRepository;
  readonly crisis: CrisisRepository;
  readonly conversations: ConversationRepository;
  readonly statusPosts: StatusPostRepository;
  readonly postmortems: PostmortemRepository;
  readonly reports: ReportRepository;
  readonly pageLinks: PageLinkRepository;
  readonly sessions: SessionRepository;
  readonly calls: VoiceCallRepository;
}

export interface UnitOfWork {
  /** Runs `work` in one transaction: all of its writes and enqueued jobs commit together, or none do. */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

/**
 * The slice of a transaction that alert intake uses. It is its own port because intake is the hot
 * path (every monitoring event): adapters implement it with few round trips.
 */
export interface AlertIntakeTransaction {
  readonly intake: {
    /** The service with this integration key; null when no service has it. */
    serviceByIntegrationKey(integrationKey: string): Promise<Service | null>;
    /**
     * The service with this integration key and its open alert with this dedup key, that alert locked
     * until the transaction ends; null when no service has the key.
     */
    serviceWithOpenAlert(
      integrationKey: string,
      dedupKey: string,
    ): Promise<{ service: Service; alert: Alert | null } | null>;
  };
  readonly incidents: Pick<IncidentRepository, "insert" | "update" | "lockById" | "findByNumber">;
  readonly alerts: Pick<AlertRepository, "insert" | "recordRepeat" | "resolve" | "countOpen">;
  readonly timeline: Pick<TimelineRepository, "append">;
  readonly tenants: Pick<TenantRepository, "nextIncidentNumber">;
  readonly inbox: Pick<InboxRepository, "record" | "find">;
  readonly locks: Locks;
  readonly jobs: Jobs;
  readonly postmortems: Pick<PostmortemRepository, "refreshable">;
  readonly chat: ChatIntake;
}

export interface AlertIntakeUnitOfWork {
  run<T>(work: (tx: AlertIntakeTransaction) => Promise<T>): Promise<T>;
}
