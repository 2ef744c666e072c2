// Response plays: named bundles of an incident's first steps, kept by admins and run by responders (run-play.ts).
import { randomUUID } from "node:crypto";
import {
  conferenceBridge,
  playName,
  statusUpdateMessage,
  type PlayResponder,
  type ResponsePlay,
  type SubscriberRef,
} from "../../domain/crisis.ts";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { validResponders, validSubscribers } from "./subscriber-refs.ts";

export interface PlayInput {
  readonly name: string;
  readonly addResponders?: readonly PlayResponder[];
  readonly addSubscribers?: readonly SubscriberRef[];
  readonly conferenceBridge?: { url: string; dialIn?: string | null } | null;
  readonly postToChannel?: string | null;
  readonly statusUpdate?: string | null;
}

const ADMINS_ONLY = "Only an admin can change response plays.";

function channelText(raw: string | null | undefined): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (text.length > 3000)
    throw new InvalidInputDomainError(
      "PLAY.INVALID_POST",
      "`postToChannel`: a channel post has at most 3,000 characters.",
    );
  return text;
}

async function validPlay(tx: Transaction, by: Principal, input: PlayInput, id: string, createdAt: Date, now: Date) {
  const play: ResponsePlay = {
    id,
    tenantId: by.tenantId,
    name: playName(input.name),
    addResponders: await validResponders(tx, by.tenantId, input.addResponders ?? [], "addResponders"),
    addSubscribers: await validSubscribers(tx, by.tenantId, input.addSubscribers ?? [], "addSubscribers"),
    conferenceBridge: input.conferenceBridge ? conferenceBridge(input.conferenceBridge) : null,
    postToChannel: channelText(input.postToChannel),
    statusUpdate: input.statusUpdate?.trim() ? statusUpdateMessage(input.statusUpdate, "statusUpdate") : null,
    createdAt,
    updatedAt: now,
  };
  await tx.crisis.savePlay(play);
  return play;
}

/** @throws ForbiddenUseCaseError, InvalidInputDomainError, DuplicatePersistenceError (PLAY.NAME_TAKEN) */
export async function createPlay(deps: UseCaseDeps, by: Principal, input: PlayInput): Promise<ResponsePlay> {
  requireAdmin(by, ADMINS_ONLY);
  const now = deps.clock.now();
  return deps.uow.run((tx) => validPlay(tx, by, input, randomUUID(), now, now));
}

/** Replaces the play. @throws ForbiddenUseCaseError, NotFoundUseCaseError, InvalidInputDomainError */
export async function replacePlay(
  deps: UseCaseDeps,
  by: Principal,
  id: string,
  input: PlayInput,
): Promise<ResponsePlay> {
  requireAdmin(by, ADMINS_ONLY);
  return deps.uow.run(async (tx) => {
    const current = await tx.crisis.findPlay(by.tenantId, id);
    if (!current) throw new NotFoundUseCaseError("response play", id);
    return validPlay(tx, by, input, id, current.createdAt, deps.clock.now());
  });
}

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError, ConflictUseCaseError (PLAY.IN_USE) while a service runs it */
export async function deletePlay(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    if (!(await tx.crisis.findPlay(by.tenantId, id))) throw new NotFoundUseCaseError("response play", id);
    const using = (await tx.services.list(by.tenantId)).filter((s) => s.crisis.responsePlayId === id);
    if (using.length)
      throw new ConflictUseCaseError(
        "PLAY.IN_USE",
        `The services ${using.map((s) => JSON.stringify(s.name)).join(", ")} run this play when an incident opens; choose another play for them first.`,
      );
    await tx.crisis.deletePlay(by.tenantId, id);
  });
}

export async function listPlays(deps: UseCaseDeps, by: Principal): Promise<ResponsePlay[]> {
  return deps.uow.run((tx) => tx.crisis.listPlays(by.tenantId));
}

/** @throws NotFoundUseCaseError */
export async function getPlay(deps: UseCaseDeps, by: Principal, id: string): Promise<ResponsePlay> {
  const play = await deps.uow.run((tx) => tx.crisis.findPlay(by.tenantId, id));
  if (!play) throw new NotFoundUseCaseError("response play", id);
  return play;
}
