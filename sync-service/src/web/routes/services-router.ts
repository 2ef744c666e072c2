import { Router } from "express";
import { z } from "zod";
import { MIRROR_MODES } from "../../domain/conversation.ts";
import { SEVERITIES } from "../../domain/severity.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { createService } from "../../usecases/alerts/create-service.ts";
import { deleteService } from "../../usecases/alerts/delete-service.ts";
import { updateService } from "../../usecases/alerts/update-service.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { BY_NAME, readPage } from "../paging.ts";
import { presentService } from "../presenters.ts";
import type { SubscriberRef } from "../../domain/crisis.ts";
import { bridgeBody, subscriberBody } from "./crisis-requests.ts";
import { drillScheduleBody } from "./drill-requests.ts";

const jira = z.strictObject({
  projectKey: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,9}$/, "must be a Jira project key such as CI")
    .nullable()
    .optional(),
  issueType: z.string().trim().min(1).max(255).optional(),
  priorities: z.partialRecord(z.enum(SEVERITIES), z.string().trim().min(1, "must not be blank").max(255)).optional(),
  originAcknowledges: z.boolean().optional(),
  originResolves: z.boolean().optional(),
  /** A Jira resolution name, e.g. "Fixed"; null: the first Done-like value a transition screen offers. */
  resolution: z.string().trim().min(1).max(255).nullable().optional(),
});

const slack = z.strictObject({
  channelSeverities: z.array(z.enum(SEVERITIES)).max(4).optional(),
  mirrorMode: z.enum(MIRROR_MODES).optional(),
  mirrorReaction: z.string().trim().max(100).nullable().optional(),
});

const fields = {
  name: z.string().trim().min(1, "must not be blank").max(255),
  description: z.string().max(10_000).optional(),
  defaultSeverity: z.enum(SEVERITIES).optional(),
  jira: jira.optional(),
  escalationPolicyId: z.uuid().nullable().optional(),
  slack: slack.optional(),
  responsePlayId: z.uuid({ error: "must be a response play id (a UUID)" }).nullable().optional(),
  conferenceBridge: bridgeBody.nullable().optional(),
  subscribers: z.array(subscriberBody).max(200).optional(),
  /** Live call routing (docs/call-routing.md); null: the number takes no calls. Values are checked by the domain. */
  callRouting: z
    .strictObject({
      number: z.string().max(32).optional(),
      greeting: z.string().max(1_000).nullable().optional(),
      ringSeconds: z.number().optional(),
      voicemail: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  drillSchedule: drillScheduleBody.nullable().optional(),
};

const toInput = ({
  jira: tickets,
  slack: chat,
  responsePlayId,
  conferenceBridge,
  subscribers,
  ...rest
}: z.infer<typeof updateBody>) => ({
  ...rest,
  crisis: { responsePlayId, conferenceBridge, subscribers: subscribers as SubscriberRef[] | undefined },
  tickets: tickets as never,
  conversation: chat && {
    channelSeverities: chat.channelSeverities,
    mode: chat.mirrorMode,
    reaction: chat.mirrorReaction,
  },
});
const createBody = z.strictObject(fields);
const updateBody = z.strictObject({ ...fields, name: fields.name.optional() });
const idParam = z.uuid({ error: "must be a service id (a UUID)" });

export function servicesRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  const bases = { publicUrl: ctx.publicUrl, emailDomain: ctx.emailIntake?.domain ?? null, clock: ctx.clock };

  router.post("/", async (req, res) => {
    const body = parseOrThrow(createBody, req.body);
    const service = await createService(deps, principalOf(res), { ...toInput(body), name: body.name });
    res.status(201).location(`/api/services/${service.id}`).json(presentService(service, bases));
  });

  router.get("/", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const page = await readPage(req.query, BY_NAME, (p) => ctx.uow.run((tx) => tx.services.page(tenantId, p)));
    res.json({ services: page.items.map((s) => presentService(s, bases)), nextCursor: page.nextCursor });
  });

  router.get("/:id", async (req, res) => {
    const id = parseOrThrow(idParam, req.params.id, "service id");
    const service = await ctx.uow.run((tx) => tx.services.findById(principalOf(res).tenantId, id));
    if (!service) throw new NotFoundUseCaseError("service", id);
    res.json(presentService(service, bases));
  });

  router.patch("/:id", async (req, res) => {
    const id = parseOrThrow(idParam, req.params.id, "service id");
    const service = await updateService(deps, principalOf(res), id, toInput(parseOrThrow(updateBody, req.body)));
    res.json(presentService(service, bases));
  });

  router.delete("/:id", async (req, res) => {
    await deleteService(deps, principalOf(res), parseOrThrow(idParam, req.params.id, "service id"));
    res.status(204).end();
  });
  return router;
}
