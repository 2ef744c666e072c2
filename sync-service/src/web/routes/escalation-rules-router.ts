import { Router } from "express";
import { z } from "zod";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { createRule } from "../../usecases/paging/create-rule.ts";
import { deleteRule } from "../../usecases/paging/delete-rule.ts";
import { updateRule } from "../../usecases/paging/update-rule.ts";
import { checkJql } from "../../usecases/paging/check-jql.ts";
import { backTestRule, testRuleOnIssue } from "../../usecases/paging/test-rule.ts";
import type { Principal } from "../../domain/principal.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { BY_CREATION, readPage } from "../paging.ts";
import { browseFilterOf } from "./issue-access.ts";
import {
  createRuleBody,
  testDraftBody,
  testRuleBody,
  updateRuleBody,
  validateJqlBody,
} from "./escalation-rule-requests.ts";

const idParam = z.uuid({ error: "must be a rule id (a UUID)" });
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
    const rule = await createRule(deps, principalOf(res), parseOrThrow(createRuleBody, req.body));
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
      parseOrThrow(updateRuleBody, req.body),
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
    res.json(checkJql(parseOrThrow(validateJqlBody, req.body ?? {}).jql));
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
    const body = parseOrThrow(testDraftBody, req.body ?? {});
    res.json(await test(principalOf(res), body.jql, body.issueKey, null));
  });
  router.post("/:id/test", async (req, res) => {
    const rule = await find(principalOf(res).tenantId, parseOrThrow(idParam, req.params.id, "rule id"));
    res.json(await test(principalOf(res), rule.jql, parseOrThrow(testRuleBody, req.body ?? {}).issueKey, rule.id));
  });
  return router;
}
