import type { EscalationPolicy, PolicyTarget } from "../../domain/escalation-policy.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Service } from "../../domain/service.ts";
import type { ContactKind } from "../../ports/notifier-port.ts";
import type { PageRecord } from "../../ports/oncall-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";
import { inTenant, targetsNow } from "./page-targets.ts";

interface Named {
  readonly id: string;
  readonly name: string;
}

/** The incident page's "Response" panel: who the incident pages, where its escalation stands, every page sent. */
export interface IncidentResponse {
  readonly incident: Incident;
  readonly service: Named | null;
  readonly escalationPolicy: Named | null;
  /** No service, or a service without an escalation policy: nobody is paged unless added by hand. */
  readonly pagesNobody: boolean;
  readonly levels: readonly {
    readonly level: number;
    readonly delayMinutes: number;
    readonly targets: readonly (Named & { readonly type: PolicyTarget["type"] })[];
    readonly onCall: readonly Named[];
  }[];
  /** 1-based level last paged; null before any. */
  readonly currentLevel: number | null;
  readonly round: number;
  readonly nextEscalation: { readonly level: number; readonly at: Date } | null;
  readonly pages: readonly {
    readonly page: PageRecord;
    readonly user: Named;
    readonly channel: ContactKind | null;
    readonly acknowledged: boolean;
  }[];
}

/** Reads the response of one incident: the escalation's own policy once it started, else its service's. */
export async function incidentResponse(deps: UseCaseDeps, by: Principal, ref: string): Promise<IncidentResponse> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const service = incident.serviceId ? await tx.services.findById(by.tenantId, incident.serviceId) : null;
    const progress = await tx.oncall.escalationProgress(incident.id);
    const policy = progress?.policy ?? (await policyOf(tx, by.tenantId, service));
    const now = deps.clock.now();
    const ackedBy = await acknowledger(tx, incident);
    const pages = await Promise.all(
      (await tx.oncall.listPages(incident.id)).map(async (page) => {
        const user = await tx.oncall.getUser(page.userId);
        const contact = (await tx.oncall.listContacts(page.userId)).find((c) => c.id === page.contactMethodId);
        return {
          page,
          user: { id: page.userId, name: user?.name ?? "a person since removed" },
          channel: contact?.kind ?? null,
          acknowledged: ackedBy === page.userId,
        };
      }),
    );
    const next = incident.status === "triggered" ? (progress?.next ?? null) : null;
    return {
      incident,
      service: service && { id: service.id, name: service.name },
      escalationPolicy: policy && { id: policy.id, name: policy.name },
      pagesNobody: !policy,
      levels: policy ? await levelsOf(tx, incident.tenantId, policy, now) : [],
      currentLevel: progress?.last ? progress.last.level + 1 : null,
      round: progress?.last?.round ?? 0,
      nextEscalation: next && { level: next.level + 1, at: next.at },
      pages,
    };
  });
}

async function policyOf(tx: Transaction, tenantId: string, service: Service | null) {
  return service?.escalationPolicyId ? tx.oncall.findPolicy(tenantId, service.escalationPolicyId) : null;
}

async function levelsOf(tx: Transaction, tenantId: string, policy: EscalationPolicy, now: Date) {
  return Promise.all(
    policy.levels.map(async (step, level) => {
      const targets = await Promise.all(
        step.targets.map(async (t) => {
          const named =
            t.type === "user"
              ? await tx.oncall.findUser(tenantId, t.id)
              : t.type === "team"
                ? await tx.teams.find(tenantId, t.id)
                : await tx.oncall.findSchedule(tenantId, t.id);
          return { type: t.type, id: t.id, name: named?.name ?? `a ${t.type} since removed` };
        }),
      );
      const userIds = await inTenant(tx, tenantId, (await targetsNow(tx, policy, level, now)).users);
      const onCall = await tx.oncall.findUsers(tenantId, userIds);
      return {
        level: level + 1,
        delayMinutes: step.delayMinutes,
        targets,
        onCall: onCall.map((u) => ({ id: u.id, name: u.name })),
      };
    }),
  );
}

/** The person who acknowledged the incident, as its timeline recorded them; null when no person did. */
async function acknowledger(tx: Transaction, incident: Incident): Promise<string | null> {
  if (!incident.acknowledgedAt) return null;
  const [entry] = await tx.timeline.page(incident.id, { types: ["incident.acknowledged"], limit: 1 });
  const byUserId = entry?.data.byUserId;
  return typeof byUserId === "string" ? byUserId : null;
}
