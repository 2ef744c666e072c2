import { Router } from "express";
import { z } from "zod";
import { deleteTeam, saveTeam } from "../../usecases/oncall/teams.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { id, namingField } from "./oncall-requests.ts";

/** A team pages each member when a level targets it; more than this is a department, not a team. */
const MAX_MEMBERS = 200;
const teamBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  members: z
    .array(z.uuid({ error: "must be a person's id (a UUID)" }))
    .max(MAX_MEMBERS, `a team has at most ${MAX_MEMBERS} members`)
    .optional(),
});
const teamChanges = teamBody
  .partial()
  .refine((c) => Object.keys(c).length > 0, { error: "give at least one of name, members" });

/** `/api/teams`: people paged together (an escalation-policy target); admins set them up, everyone reads. */
export function teamsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.post("/", async (req, res) => {
    const body = parseOrThrow(teamBody, req.body);
    res.status(201).json(await namingField(saveTeam(deps, principalOf(res), null, body)));
  });
  router.get("/", async (_req, res) => {
    res.json({ teams: await ctx.uow.run((tx) => tx.teams.list(principalOf(res).tenantId)) });
  });
  router.get("/:id", async (req, res) => {
    const teamId = parseOrThrow(id, req.params.id, "team id");
    const team = await ctx.uow.run((tx) => tx.teams.find(principalOf(res).tenantId, teamId));
    if (!team) throw new NotFoundUseCaseError("team", teamId);
    res.json(team);
  });
  router.patch("/:id", async (req, res) => {
    const teamId = parseOrThrow(id, req.params.id, "team id");
    const changes = parseOrThrow(teamChanges, req.body);
    res.json(await namingField(saveTeam(deps, principalOf(res), teamId, changes)));
  });
  router.delete("/:id", async (req, res) => {
    await deleteTeam(deps, principalOf(res), parseOrThrow(id, req.params.id, "team id"));
    res.status(204).end();
  });
  return router;
}
