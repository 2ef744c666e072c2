import { Router } from "express";
import { z } from "zod";
import { SEVERITIES } from "../../domain/severity.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { createRule } from "../../usecases/paging/create-rule.ts";
import { deleteRule } from "../../usecases/paging/delete-rule.ts";
import { updateRule } from "../../usecases/paging/update-rule.ts";
import { backTestRule, checkJql, testRuleOnIssue } from "../../usecases/paging/test-rule.ts";
import type { Principal } from "../../domain/principal.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { BY_CREATION, readPage } from "../paging.ts";
import { browseFilterOf } from "./issue-access.ts";

const fields = {
  name: z.string().trim().min(1).max(255),
  // Not trimmed here: the parser's line and column then point into the text as the user typed it (the console
  // marks them in its editor); the use case stores it trimmed.
  jql: z
    .string()
    .max(10_000)
    .refine((s) => s.trim() !== "", "must not be blank"),
  serviceId: z.uuid(),
  severity: z.enum(SEVERITIES).nullable().optional(),
  enabled: z.boolean().optional(),
  autoResolve: z.boolean().optional(),
  maxFires: z.number().int().min(1).max(10_000).optional(),
  windowMinutes: z.number().int().min(1).max(1_440).optional(),
};
const createBody = z.strictObject(fields);
const updateBody = z.strictObject({
  ...fields,
  name: fields.name.optional(),
  jql: fields.jql.optional(),
  serviceId: fields.serviceId.optional(),
});
const idParam = z.uuid({ error: "must be a rule id (a UUID)" });
const issueKey = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, "must be a Jira issue key like CI-42")
  .transform((k) => k.toUpperCase());
const validateBody = z.strictObject({ jql: z.string().max(10_000) });
const testBody = z.strictObject({ issueKey: issueKey.optional() });
const draftTestBody = z.strictObject({ jql: fields.jql, issueKey: issueKey.optional() });

const present = (rule: object) => ({ ...rule });

/** `/api/escalation-rules`: JQL rules that open incidents; invalid JQL is refused at save with the parser's position. */
export function escalationRulesRouter(ctx: WebContext): Router {
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
  router.get("/", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const page = await readPage(req.query, BY_CREATION, (p) => ctx.uow.run((tx) => tx.rules.page(tenantId, p)));
    res.json({ rules: page.items.map(present), nextCursor: page.nextCursor });
  });
  router.get("/:id", async (req, res) => {
    res.json(present(await find(principalOf(res).tenantId, parseOrThrow(idParam, req.params.id, "rule id"))));
  });
  router.patch("/:id", async (req, res) => {
    const rule = await updateRule(
      deps,
      principalOf(res),
      parseOrThrow(idParam, req.params.id, "rule id"),
      parseOrThrow(updateBody, req.body),
    );
    res.json(present(rule));
  });
  router.delete("/:id", async (req, res) => {
    await deleteRule(deps, principalOf(res), parseOrThrow(idParam, req.params.id, "rule id"));
    res.status(204).end();
  });

  // Trying JQL out (any signed-in user; reads only). `validate` only parses, so the console can call it as
  // the user types. `test` answers for one issue when `issueKey` is given, else back-tests the last 7 days;
  // `POST /test` does the same for JQL that is not saved yet (the form being edited), `POST /:id/test` for a rule.
  router.post("/validate", (req, res) => {
    res.json(checkJql(parseOrThrow(validateBody, req.body ?? {}).jql));
  });
  // Against the caller's own site: each tenant's Jira.
  // A person from the Forge app sees only the issues their Jira account may browse (issue-access.ts).
  const test = async (by: Principal, jql: string, key: string | undefined, rule: string | null) => {
    const tenantId = by.tenantId;
    const deps = {
      tickets: await ctx.tickets.forTenant(tenantId),
      clock: ctx.clock,
      uow: ctx.uow,
      tenantId,
      visibleTo: browseFilterOf(ctx, by),
    };
    return key ? testRuleOnIssue(deps, jql, key) : { rule, ...(await backTestRule(deps, jql)) };
  };
  router.post("/test", async (req, res) => {
    const body = parseOrThrow(draftTestBody, req.body ?? {});
    res.json(await test(principalOf(res), body.jql, body.issueKey, null));
  });
  router.post("/:id/test", async (req, res) => {
    const rule = await find(principalOf(res).tenantId, parseOrThrow(idParam, req.params.id, "rule id"));
    res.json(await test(principalOf(res), rule.jql, parseOrThrow(testBody, req.body ?? {}).issueKey, rule.id));
  });
  return router;
}
