import { Router } from "express";
import { z } from "zod";
import { SEVERITIES } from "../../domain/severity.ts";
import { compileJql, evaluateJql, requiredProjects } from "../../domain/jql/index.ts";
import { NotFoundUseCaseError } from "../../usecases/errors.ts";
import { createRule, deleteRule, updateRule } from "../../usecases/manage-rules-use-case.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";

const fields = {
  name: z.string().trim().min(1).max(255),
  jql: z.string().trim().min(1, "must not be blank").max(10_000),
  serviceId: z.uuid(),
  severity: z.enum(SEVERITIES).nullable().optional(),
  enabled: z.boolean().optional(),
  autoResolve: z.boolean().optional(),
  maxFires: z.number().int().min(1).max(10_000).optional(),
  windowMinutes: z.number().int().min(1).max(1_440).optional(),
};
const createBody = z.strictObject(fields);
const updateBody = z.strictObject({ ...fields, name: fields.name.optional(), jql: fields.jql.optional(), serviceId: fields.serviceId.optional() });
const idParam = z.uuid({ error: "must be a rule id (a UUID)" });

const present = (rule: object) => ({ ...rule });

/** `/api/escalation-rules`: JQL rules that open incidents; invalid JQL is refused at save with the parser's position. */
export function rulesRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const find = async (tenantId: string, id: string) => {
    const rule = await ctx.uow.run((tx) => tx.rules.findById(tenantId, id));
    if (!rule) throw new NotFoundUseCaseError("rule", id);
    return rule;
  };

  router.post("/", async (req, res) => {
    const rule = await createRule(deps, principalOf(res), parseOrThrow(createBody, req.body));
    res.status(201).location(`/api/escalation-rules/${rule.id}`).json(present(rule));
  });
  router.get("/", async (_req, res) => {
    res.json({ rules: (await ctx.uow.run((tx) => tx.rules.list(principalOf(res).tenantId))).map(present) });
  });
  router.get("/:id", async (req, res) => {
    res.json(present(await find(principalOf(res).tenantId, parseOrThrow(idParam, req.params.id, "rule id"))));
  });
  router.patch("/:id", async (req, res) => {
    const rule = await updateRule(deps, principalOf(res), parseOrThrow(idParam, req.params.id, "rule id"), parseOrThrow(updateBody, req.body));
    res.json(present(rule));
  });
  router.delete("/:id", async (req, res) => {
    await deleteRule(deps, principalOf(res), parseOrThrow(idParam, req.params.id, "rule id"));
    res.status(204).end();
  });

  // Back-test: which recent issues the rule would have fired for — the latest 100 updated in its
  // projects, or in the last week when it is not limited to projects (Jira refuses unbounded JQL).
  // Jira is asked synchronously here (a read, on an operator's request); undecidable clauses go to jql/match.
  router.post("/:id/test", async (req, res) => {
    const rule = await find(principalOf(res).tenantId, parseOrThrow(idParam, req.params.id, "rule id"));
    const compiled = compileJql(rule.jql);
    const projects = requiredProjects(compiled);
    const recent = projects ? `project in (${projects.map((p) => JSON.stringify(p)).join(", ")}) ORDER BY updated DESC` : "updated >= -7d ORDER BY updated DESC";
    const issues = (await ctx.tickets.search(recent, 100)) as { id: string; key: string; fields?: Record<string, unknown> }[];
    const results = [];
    for (const issue of issues) {
      const verdict = evaluateJql(compiled, issue, { now: ctx.clock.now(), timeZone: "UTC" });
      const match = "match" in verdict ? verdict.match : (await ctx.tickets.matchJql(String(issue.id), [rule.jql]))[0] === true;
      results.push({ key: issue.key, summary: issue.fields?.summary ?? "", wouldFire: match, decidedBy: "match" in verdict ? "firewatch" : "jira" });
    }
    res.json({ rule: rule.id, examined: results.length, wouldFire: results.filter((r) => r.wouldFire).length, issues: results });
  });
  return router;
}
