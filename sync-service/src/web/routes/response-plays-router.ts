import { Router } from "express";
import { z } from "zod";
import type { ResponsePlay, SubscriberRef } from "../../domain/crisis.ts";
import type { Principal } from "../../domain/principal.ts";
import { createPlay, deletePlay, getPlay, listPlays, replacePlay } from "../../usecases/crisis/response-plays.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { playBody, presentPlay } from "./crisis-requests.ts";

const idParam = z.uuid({ error: "must be a response play id (a UUID)" });

/** `/api/response-plays`: admins keep them, everyone reads them (a responder picks one to run). */
export function responsePlaysRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const present = async (by: Principal, plays: ResponsePlay[]) => {
    const names = await namesOf(ctx, by.tenantId);
    return plays.map((p) => presentPlay(p, names));
  };
  const input = (body: unknown) => {
    const parsed = parseOrThrow(playBody, body ?? {});
    return { ...parsed, addSubscribers: parsed.addSubscribers as SubscriberRef[] | undefined };
  };

  router.get("/", async (_req, res) => {
    const by = principalOf(res);
    res.json({ responsePlays: await present(by, await listPlays(deps, by)) });
  });
  router.post("/", async (req, res) => {
    const by = principalOf(res);
    const play = await createPlay(deps, by, input(req.body));
    res
      .status(201)
      .location(`/api/response-plays/${play.id}`)
      .json((await present(by, [play]))[0]);
  });
  router.get("/:id", async (req, res) => {
    const by = principalOf(res);
    res.json(
      (await present(by, [await getPlay(deps, by, parseOrThrow(idParam, req.params.id, "response play id"))]))[0],
    );
  });
  router.put("/:id", async (req, res) => {
    const by = principalOf(res);
    const id = parseOrThrow(idParam, req.params.id, "response play id");
    res.json((await present(by, [await replacePlay(deps, by, id, input(req.body))]))[0]);
  });
  router.delete("/:id", async (req, res) => {
    await deletePlay(deps, principalOf(res), parseOrThrow(idParam, req.params.id, "response play id"));
    res.status(204).end();
  });
  return router;
}

/** `user:<id>`, `team:<id>`, `schedule:<id>` → name, for the tenant. */
async function namesOf(ctx: WebContext, tenantId: string): Promise<Map<string, string>> {
  return ctx.uow.run(async (tx) => {
    const names = new Map<string, string>();
    for (const u of await tx.oncall.listUsers(tenantId)) names.set(`user:${u.id}`, u.name);
    for (const t of await tx.teams.list(tenantId)) names.set(`team:${t.id}`, t.name);
    for (const s of await tx.oncall.listSchedules(tenantId)) names.set(`schedule:${s.id}`, s.name);
    return names;
  });
}
