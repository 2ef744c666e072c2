import { incidentKey } from "../../domain/incident.ts";
import { onLinkedIssue, type TicketDeps } from "./ticket-deps.ts";

/** Posts a note to every linked issue as a comment, once per issue (the comment carries the note's id). */
export async function postNoteToLinkedIssues(deps: TicketDeps, incidentId: string, entryId: string): Promise<void> {
  const state = await deps.uow.run(async (tx) => ({
    incident: await tx.incidents.get(incidentId),
    entry: await tx.timeline.get(entryId),
    links: await tx.links.listOf(incidentId),
  }));
  if (!state.incident || !state.entry) return;
  const key = incidentKey(state.incident);
  for (const link of state.links) {
    if (link.state !== "linked" || !link.issueId) continue;
    await onLinkedIssue(deps, state.incident.tenantId, link, async (jira) => {
      await jira.comment(link.issueId!, {
        noteId: entryId,
        author: state.entry!.author ?? "Firewatch",
        text: state.entry!.body,
        incidentKey: key,
        incidentUrl: `${deps.publicUrl}/incidents/${key}`,
      });
    });
  }
}
