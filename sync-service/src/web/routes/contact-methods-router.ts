import { Router } from "express";
import { z } from "zod";
import { CONTACT_KINDS } from "../../domain/contact-address.ts";
import { deleteContactMethod, listContactMethods, updateContactMethod } from "../../usecases/oncall/contact-methods.ts";
import { sendTestPage } from "../../usecases/oncall/send-test-page.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { id, namingField } from "./oncall-requests.ts";

/** At most this many rules per contact method: one "after N minutes" step each, more than any rota needs. */
const MAX_RULES = 10;
export const contactChanges = z
  .strictObject({
    kind: z.enum(CONTACT_KINDS).optional(),
    address: z.string().trim().min(1).max(2048).optional(),
    rules: z
      .array(z.strictObject({ delayMinutes: z.number().int().min(0).max(1_440) }))
      .max(MAX_RULES, `a contact method has at most ${MAX_RULES} notification rules`)
      .optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { error: "give at least one of kind, address, rules" });

/** `/api/users/{id}/contact-methods/…` beyond adding one: the person themselves or an admin. */
export function contactMethodsRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const ids = (params: Record<string, string | undefined>) => ({
    userId: parseOrThrow(id, params.id, "user id"),
    contactId: params.contactMethodId && parseOrThrow(id, params.contactMethodId, "contact method id"),
  });

  router.get("/", async (req, res) => {
    const { userId } = ids(req.params);
    res.json({ contactMethods: await listContactMethods(deps, principalOf(res), userId) });
  });
  router.patch("/:contactMethodId", async (req, res) => {
    const { userId, contactId } = ids(req.params);
    const changes = parseOrThrow(contactChanges, req.body);
    res.json(
      await namingField(
        updateContactMethod({ ...deps, outbound: ctx.outbound }, principalOf(res), userId, contactId!, changes),
      ),
    );
  });
  router.delete("/:contactMethodId", async (req, res) => {
    const { userId, contactId } = ids(req.params);
    await deleteContactMethod(deps, principalOf(res), userId, contactId!);
    res.status(204).end();
  });
  // Sends at once, through the notifier real pages use, and answers what the provider said.
  router.post("/:contactMethodId/test", async (req, res) => {
    const { userId, contactId } = ids(req.params);
    const testDeps = { ...deps, notifier: ctx.notifier, outbound: ctx.outbound, publicUrl: ctx.publicUrl };
    res.json(await namingField(sendTestPage(testDeps, principalOf(res), userId, contactId!)));
  });
  return router;
}
