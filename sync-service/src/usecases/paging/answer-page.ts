import { IllegalTransitionDomainError } from "../../domain/errors.ts";
import type { PageAnswerKind } from "../../domain/page-reply.ts";
import type { PageAnswerOutcome } from "../../domain/page-reply-texts.ts";
import type { Principal } from "../../domain/principal.ts";
import type { PageRecord } from "../../ports/oncall-repository.ts";
import { changeIncidentStatus } from "../incidents/change-incident-status.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

/** Acknowledged entries read to name who acknowledged; an incident is acknowledged once, so one is the usual. */
const ACKNOWLEDGEMENTS_READ = 20;

/**
 * Acknowledges or resolves a page's incident on behalf of the person it was sent to, and nobody else: the same
 * status change as the console's button (timeline entry naming the channel, escalation stopped). An incident
 * already past that status is a "stale" outcome naming who acknowledged it, not an error.
 */
export async function answerPage(
  deps: UseCaseDeps,
  page: PageRecord,
  answer: PageAnswerKind,
  via: "sms" | "voice",
): Promise<PageAnswerOutcome> {
  const user = await deps.uow.run((tx) => tx.oncall.getUser(page.userId));
  // The person was removed since the page: their phone speaks for nobody any more.
  if (!user) return { kind: "not_paged" };
  const by: Principal = { userId: user.id, tenantId: user.tenantId, name: user.name, role: user.role };
  try {
    const incident = await changeIncidentStatus(deps, by, page.incidentId, answer, via);
    return { kind: "done", answer, incident };
  } catch (error) {
    if (!(error instanceof IllegalTransitionDomainError)) throw error;
    return deps.uow.run(async (tx) => {
      const incident = (await tx.incidents.findById(user.tenantId, page.incidentId))!;
      const acknowledged = await tx.timeline.page(incident.id, {
        types: ["incident.acknowledged"],
        limit: ACKNOWLEDGEMENTS_READ,
      });
      return { kind: "stale", incident, acknowledgedBy: acknowledged.at(-1)?.author ?? null };
    });
  }
}
