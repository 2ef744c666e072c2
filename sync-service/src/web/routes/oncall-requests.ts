// What the on-call routers (users, schedules, escalation policies) read from requests: ids, calendar windows,
// the override body, and the use cases' errors about fields as request errors for forms. No express here, so
// clients can take the bodies' types (web/api-types.ts).
import { z } from "zod";
import { DAY_MS } from "../../domain/clock.ts";
import { InvalidContactAddressDomainError } from "../../domain/contact-address.ts";
import { InvalidScheduleDomainError, SCHEDULE_LIMITS } from "../../domain/oncall/schedule.ts";
import { UnknownMemberUseCaseError, UnknownPersonUseCaseError } from "../../usecases/oncall/oncall-errors.ts";
import { BadRequestWebError, parseOrThrow } from "../errors.ts";
import { instant } from "../schemas.ts";

export const id = z.uuid({ error: "must be an id (a UUID)" });

const range = z.object({ from: instant(), to: instant(), user: z.string().max(SCHEDULE_LIMITS.idLength).optional() });
const MAX_RANGE_MS = 400 * DAY_MS;

/** `?from=&to=` (and `user=`) of a calendar or shift list: at most 400 days. @throws BadRequestWebError */
export function calendarWindow(query: unknown): { from: Date; to: Date; user: string | undefined } {
  const r = parseOrThrow(range, query, "query string");
  const from = new Date(r.from);
  const to = new Date(r.to);
  if (!(to > from) || to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw new BadRequestWebError("REQUEST.INVALID", "`to` must be after `from`, at most 400 days later.");
  return { from, to, user: r.user };
}

export const overrideBody = z
  .strictObject({
    user: z
      .string({ error: "choose who covers (a user id)" })
      .trim()
      .min(1, "choose who covers (a user id)")
      .max(SCHEDULE_LIMITS.idLength, `a user id has at most ${SCHEDULE_LIMITS.idLength} characters`),
    replaces: z
      .string()
      .trim()
      .min(1, "give the user id being replaced, or leave it out")
      .max(SCHEDULE_LIMITS.idLength, `a user id has at most ${SCHEDULE_LIMITS.idLength} characters`)
      .nullish(),
    add: z.boolean({ error: "`add` is true (beside whoever is on call) or false (in their place)" }).optional(),
    start: instant(),
    end: instant(),
  })
  .superRefine((o, issue) => {
    if (o.add && o.replaces)
      issue.addIssue({
        code: "custom",
        path: ["add"],
        message: "an override either replaces someone or is added beside them; drop `add` or `replaces`",
      });
    const ms = Date.parse(o.end) - Date.parse(o.start);
    if (Number.isNaN(ms)) return;
    if (ms <= 0) issue.addIssue({ code: "custom", path: ["end"], message: "must be after the start" });
    else if (ms > MAX_RANGE_MS)
      issue.addIssue({ code: "custom", path: ["end"], message: "must be at most 400 days after the start" });
  });

/** Re-raises an error about fields of the request (an unknown person, a bad address, a bad schedule field) as a request error on them, for forms. */
export async function namingField<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (
      error instanceof UnknownPersonUseCaseError ||
      error instanceof UnknownMemberUseCaseError ||
      error instanceof InvalidContactAddressDomainError
    ) {
      throw new BadRequestWebError(error.code, error.message, [
        { path: error.field, message: error.message.replace(/^`[\w[\].]+`: /, "") },
      ]);
    }
    if (error instanceof InvalidScheduleDomainError)
      throw new BadRequestWebError(error.code, error.message, error.problems);
    throw error;
  }
}
