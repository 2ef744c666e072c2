// The bodies clients send to /api/incidents and its sub-resources (notes, timeline, status posts, postmortem,
// action items). No express here, so clients can take their types (web/api-types.ts).
import { z } from "zod";
import { MAX_TITLE_LENGTH } from "../../domain/incident.ts";
import { REVIEW_STATUSES } from "../../domain/postmortem/postmortem.ts";
import { SEVERITIES } from "../../domain/severity.ts";
import { COMPONENT_STATES, MAX_STATUS_BODY, STATUS_POST_STATUSES } from "../../domain/status-post.ts";
import { MAX_NOTE_LENGTH } from "../../usecases/incidents/add-note.ts";
import { calendarDate } from "../schemas.ts";

/** `POST /api/incidents`. */
export const declareIncidentBody = z
  .strictObject({
    title: z.string().trim().min(1, "must not be blank").max(MAX_TITLE_LENGTH).optional(),
    fromIssueKey: z.string().trim().min(1).max(255).optional(),
    description: z.string().max(100_000).optional(),
    severity: z.enum(SEVERITIES).optional(),
    /** Absent: the default service, when one is set; null: no service (the incident pages nobody). */
    serviceId: z.uuid({ error: "must be a service id (a UUID), or null for none" }).nullable().optional(),
    /** A practice incident (docs/drills.md); it stays one. */
    drill: z.boolean().optional(),
  })
  .refine((b) => b.title !== undefined || b.fromIssueKey !== undefined, {
    path: ["title"],
    message: "is required unless `fromIssueKey` names the Jira issue to declare from",
  });

/** `PATCH /api/incidents/{ref}`. */
export const editIncidentBody = z
  .strictObject({
    title: z.string().trim().min(1, "must not be blank").max(MAX_TITLE_LENGTH).optional(),
    description: z.string().max(100_000).optional(),
    severity: z.enum(SEVERITIES).optional(),
    ownerId: z.uuid({ error: "must be a user id (a UUID), or null for nobody" }).nullable().optional(),
    serviceId: z.uuid({ error: "must be a service id (a UUID), or null for none" }).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, {
    message: "give at least one of `title`, `description`, `severity`, `ownerId`, `serviceId`",
  });

/** `POST /api/incidents/{ref}/jira-issues`: link an issue, or create one. */
export const linkIssueBody = z.union(
  [
    z.strictObject({ issueKey: z.string().trim().min(1).max(255) }),
    z.strictObject({
      projectKey: z.string().trim().min(1).max(255).optional(),
      issueType: z.string().trim().min(1).max(255).optional(),
    }),
  ],
  { error: 'send `{"projectKey", "issueType"?}` to create an issue, or `{"issueKey"}` to link one' },
);

/** `POST /api/incidents/{ref}/notes`. */
export const noteBody = z.strictObject({
  body: z.string().trim().max(MAX_NOTE_LENGTH, `a note has at most ${MAX_NOTE_LENGTH} characters`),
});

/** `PATCH /api/incidents/{ref}/timeline/{entryId}`. */
export const timelineEntryChanges = z
  .strictObject({
    keyMoment: z.boolean().optional(),
    body: z.string().trim().max(MAX_NOTE_LENGTH, `a note has at most ${MAX_NOTE_LENGTH} characters`).optional(),
  })
  .refine((b) => b.keyMoment !== undefined || b.body !== undefined, { message: "give `keyMoment` or `body`" });

/** `POST /api/incidents/{ref}/status-posts`. */
export const statusPostBody = z.strictObject({
  status: z.enum(STATUS_POST_STATUSES),
  /** The public incident's name (Statuspage `incident[name]`); absent keeps it. */
  title: z.string().trim().min(1, "must not be blank").max(255).optional(),
  body: z.string().max(MAX_STATUS_BODY),
  components: z
    .array(z.strictObject({ componentId: z.string().trim().min(1).max(64), status: z.enum(COMPONENT_STATES) }))
    .max(100)
    .optional(),
  deliverNotifications: z.boolean().optional(),
});

/** `PATCH /api/incidents/{ref}/postmortem`. */
export const reviewStatusBody = z.strictObject({ status: z.enum(REVIEW_STATUSES) });

/** `POST /api/incidents/{ref}/action-items`. */
export const actionItemBody = z.strictObject({
  title: z.string().max(255),
  description: z.string().max(10_000).optional(),
  required: z.boolean().optional(),
  dueDate: calendarDate().optional(),
});
