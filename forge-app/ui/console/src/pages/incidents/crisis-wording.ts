// How the incident page words crisis communications: delivery counts, where a subscriber came from, what each
// step of a response play did. Pure, so the wording is tested without a browser.
import type { Appearance } from "../../components/lozenge.tsx";
import type { PlayStep } from "../../api/response-plays.ts";
import type { DeliveryCounts, Subscriber } from "../../api/stakeholders.ts";

/** "12 of 14 delivered, 1 failed, 1 pending"; "No stakeholders to send to" when there was nobody. */
export function deliverySummary({ total, sent, failed, pending }: DeliveryCounts): string {
  if (total === 0) return "No stakeholders to send to";
  const parts = [`${sent} of ${total} delivered`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (pending > 0) parts.push(`${pending} pending`);
  return parts.join(", ");
}

/** How a delivery count looks: red with any failure, neutral while some are pending, green when all arrived. */
export function deliveryAppearance({ total, sent, failed }: DeliveryCounts): Appearance {
  if (failed > 0) return "removed";
  return total > 0 && sent === total ? "success" : "default";
}

/** "Added by Ana", "From a response play", "Service default". */
export function originLabel(subscriber: Pick<Subscriber, "origin" | "addedBy">): string {
  if (subscriber.origin === "play") return "From a response play";
  if (subscriber.origin === "service") return "Service default";
  return subscriber.addedBy ? `Added by ${subscriber.addedBy}` : "Added by hand";
}

export const KIND_LABEL: Record<Subscriber["kind"], string> = { user: "Person", team: "Team", email: "E-mail" };

const STEP_LABEL: Record<PlayStep["step"], string> = {
  responder: "Responder",
  subscriber: "Subscriber",
  bridge: "Conference bridge",
  post: "Channel post",
  status_update: "Status update",
};
const OUTCOME: Record<PlayStep["outcome"], [string, Appearance]> = {
  done: ["Done", "success"],
  already: ["Already", "default"],
  failed: ["Failed", "removed"],
};

/** A play step's name, its outcome's label and the lozenge colour for it. */
export function describeStep(step: PlayStep): { label: string; outcome: string; appearance: Appearance } {
  const [outcome, appearance] = OUTCOME[step.outcome] ?? [step.outcome, "default"];
  return { label: STEP_LABEL[step.step] ?? step.step, outcome, appearance };
}

/** "5 steps done", "4 of 5 steps done, 1 failed": the run's outcome in one line ("already" counts as done). */
export function runSummary(steps: readonly PlayStep[]): string {
  const failed = steps.filter((s) => s.outcome === "failed").length;
  const ok = steps.length - failed;
  const noun = steps.length === 1 ? "step" : "steps";
  if (steps.length === 0) return "The play has no steps";
  if (failed === 0) return `${steps.length} ${noun} done`;
  return `${ok} of ${steps.length} ${noun} done, ${failed} failed`;
}

/** The status page's current public name: the newest post's title that set one, else the incident's own title. */
export function publicName(posts: readonly { title?: string | null }[], incidentTitle: string): string {
  for (let i = posts.length - 1; i >= 0; i--) {
    const title = posts[i]!.title;
    if (title) return title;
  }
  return incidentTitle;
}
