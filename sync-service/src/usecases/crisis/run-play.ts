// Running a response play on an incident: each step done once per incident (the run's step keys are kept), so
// running it twice, or by hand after it ran automatically, only does what the play gained since.
import { randomUUID } from "node:crypto";
import { crisisEntries } from "../../domain/crisis-entries.ts";
import { AppError } from "../../domain/errors.ts";
import { subscriberKey, type ResponsePlay } from "../../domain/crisis.ts";
import { incidentKey, type Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { resolveResponders } from "../paging/add-responder.ts";
import { queueUserPages } from "../paging/page-targets.ts";
import { RESPONDER_LEVEL } from "../paging/paging-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { bridgeFor } from "./bridge.ts";
import { postInTx } from "./status-updates.ts";
import { subscribeInTx } from "./subscribers.ts";

export type StepKind = "responder" | "subscriber" | "bridge" | "post" | "status_update";
export interface StepOutcome {
  readonly step: StepKind;
  readonly outcome: "done" | "already" | "failed";
  readonly detail: string;
}

/** Who runs it: a person, or Firewatch itself when the play runs as an incident opens. */
export interface PlayActor {
  readonly name: string;
  readonly userId: string | null;
}

/** Runs the play inside the caller's transaction, which holds the incident's lock. */
export async function runPlayInTx(
  tx: Transaction,
  incident: Incident,
  play: ResponsePlay,
  by: PlayActor,
  at: Date,
): Promise<StepOutcome[]> {
  const done = new Set(await tx.crisis.lockPlayRun(incident.id, play.id));
  const steps: StepOutcome[] = [];
  const step = async (kind: StepKind, key: string, run: () => Promise<StepOutcome | string>) => {
    if (done.has(key))
      return void steps.push({ step: kind, outcome: "already", detail: `${key}: done by an earlier run` });
    const result = await run().catch((error: unknown): StepOutcome => {
      // A person, team or schedule removed since the play was saved fails its step, not the play; these are
      // refused before anything is written, so the transaction goes on.
      if (error instanceof AppError && ["invalid", "not_found", "conflict"].includes(error.kind))
        return { step: kind, outcome: "failed", detail: error.message };
      throw error;
    });
    const outcome = typeof result === "string" ? { step: kind, outcome: "done" as const, detail: result } : result;
    if (outcome.outcome !== "failed") done.add(key);
    steps.push(outcome);
  };
  for (const r of play.addResponders) {
    await step("responder", `responder:${r.type}:${r.id}`, async () => {
      if (incident.status === "resolved")
        return {
          step: "responder",
          outcome: "failed",
          detail: `${incidentKey(incident)} is resolved: nobody is paged`,
        };
      const request =
        r.type === "user" ? { userId: r.id } : r.type === "team" ? { teamId: r.id } : { scheduleId: r.id };
      const { what, users } = await resolveResponders(tx, incident.tenantId, request, at);
      const id = randomUUID();
      for (const user of users) await queueUserPages(tx, incident, user.id, 0, RESPONDER_LEVEL, at, id);
      const actor = { name: by.name, ...(by.userId ? { userId: by.userId } : {}) };
      const added = { what, userIds: users.map((u) => u.id) };
      await tx.timeline.append({ id, ...timelineEntries.responderAdded(incident, id, actor, added, at) });
      return `paged ${what}`;
    });
  }
  for (const s of play.addSubscribers) {
    const { kind, ref } = subscriberKey(s);
    await step("subscriber", `subscriber:${kind}:${ref}`, async () => {
      const { subscriber, added } = await subscribeInTx(tx, incident, s, "play", by.name, at);
      return { step: "subscriber", outcome: added ? "done" : "already", detail: `subscribed ${subscriber.name}` };
    });
  }
  const bridge = play.conferenceBridge;
  if (bridge)
    await step("bridge", `bridge:${bridge.url}`, async () => {
      const current = await bridgeFor(tx, incident);
      if (current?.url === bridge.url && current.dialIn === bridge.dialIn && (await tx.crisis.bridgeOf(incident.id)))
        return { step: "bridge", outcome: "already", detail: `the bridge is ${bridge.url}` };
      await tx.crisis.setBridge(incident.id, bridge);
      await tx.timeline.append({ id: randomUUID(), ...crisisEntries.bridgeSet(incident.id, bridge, by.name, at) });
      return `opened the bridge ${bridge.url}`;
    });
  if (play.postToChannel)
    await step("post", "post", async () => {
      await tx.timeline.append({
        id: randomUUID(),
        ...crisisEntries.channelPost(incident.id, play.id, play.postToChannel!, at),
      });
      return "posted to the incident's channel";
    });
  if (play.statusUpdate)
    await step("status_update", "status_update", async () => {
      const input = {
        message: play.statusUpdate!,
        authorId: by.userId,
        authorName: by.name,
        playKey: `play:${play.id}`,
        via: "play" as const,
      };
      const posted = await postInTx(tx, incident, input, at);
      return posted
        ? "sent a status update to the subscribers"
        : { step: "status_update", outcome: "already", detail: "the play's status update was sent before" };
    });
  await tx.crisis.savePlayRun(incident.id, play.id, [...done], at);
  const summary =
    steps.map((s) => `${s.detail}${s.outcome === "done" ? "" : ` (${s.outcome})`}`).join("; ") || "nothing to do";
  await recordIncidentChange(
    tx,
    { kind: "crisis", incidentId: incident.id, at },
    crisisEntries.playRan(incident.id, play.id, play.name, by.name, at, summary),
  );
  return steps;
}

/** @throws NotFoundUseCaseError (incident or play), ForbiddenUseCaseError */
export async function runPlay(
  deps: UseCaseDeps,
  by: Principal,
  incidentRef: string,
  playId: string,
): Promise<{ play: ResponsePlay; steps: StepOutcome[] }> {
  requireResponder(by, "Only a responder can run a response play.");
  return deps.uow.run(async (tx) => {
    const incident = await lockIncident(tx, by.tenantId, incidentRef);
    const play = await tx.crisis.findPlay(by.tenantId, playId);
    if (!play) throw new NotFoundUseCaseError("response play", playId);
    const steps = await runPlayInTx(tx, incident, play, { name: by.name, userId: by.userId }, deps.clock.now());
    return { play, steps };
  });
}
