import type { Severity } from "../domain/severity.ts";

export interface IncidentFacts {
  readonly severity: Severity;
  readonly serviceId: string | null;
  readonly createdAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
}

export interface ReportRepository {
  /** The tenant's incidents opened in [from, to). */
  incidentsOpened(tenantId: string, from: Date, to: Date): Promise<IncidentFacts[]>;
  /** Action items of incidents opened in [from, to): done, open, and open past their due date. */
  actionItemCounts(tenantId: string, from: Date, to: Date, today: string): Promise<{ done: number; open: number; overdue: number }>;
}
