// The bodies clients send to /api/escalation-rules. No express here, so clients can take their types
// (web/api-types.ts).
import { z } from "zod";
import { SEVERITIES } from "../../domain/severity.ts";

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
/** `POST /api/escalation-rules`. */
export const createRuleBody = z.strictObject(fields);
/** `PATCH /api/escalation-rules/{id}`: the fields to change. */
export const updateRuleBody = z.strictObject({
  ...fields,
  name: fields.name.optional(),
  jql: fields.jql.optional(),
  serviceId: fields.serviceId.optional(),
});

const issueKey = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$/, "must be a Jira issue key like CI-42")
  .transform((k) => k.toUpperCase());
/** `POST /api/escalation-rules/validate`. */
export const validateJqlBody = z.strictObject({ jql: z.string().max(10_000) });
/** `POST /api/escalation-rules/{id}/test`: one issue, or without `issueKey` the last week's. */
export const testRuleBody = z.strictObject({ issueKey: issueKey.optional() });
/** `POST /api/escalation-rules/test`: JQL not saved yet, as `testRuleBody`. */
export const testDraftBody = z.strictObject({ jql: fields.jql, issueKey: issueKey.optional() });
