import type { LinkedIssue } from "./linked-issue.ts";
import type { ActionItem } from "./postmortem/action-item.ts";
import type { NewTimelineEntry } from "./timeline-entries.ts";

/** A Firewatch-made entry about the incident: who or what did it is in the body, the key makes it unique. */
export function record(
  incidentId: string,
  type: NewTimelineEntry["type"],
  sourceId: string,
  at: Date,
  body: string,
  data: Record<string, unknown>,
  author: string | null = null,
): NewTimelineEntry {
  return { incidentId, type, source: "firewatch", sourceId, occurredAt: at, author, body, data };
}

/** A page to one person, as sent, refused, or reported undeliverable by the carrier. */
export interface PageRecord {
  readonly pageId: string;
  readonly userId: string;
  readonly userName: string;
  readonly kind: string;
}

/**
 * The constructors of the entries that record what a job did for an incident (paged someone, opened a channel,
 * reminded an owner, published the page) rather than a change to the incident itself.
 */
export const timelineRecords = {
  escalationLevel(incidentId: string, at: Date, step: { round: number; level: number }, body: string, users: string[]) {
    const { round, level } = step;
    return record(incidentId, "escalation.level", `escalation:${round}:${level}`, at, body, { round, level, users });
  },

  pageSent(incidentId: string, at: Date, page: PageRecord, level: number): NewTimelineEntry {
    // A negative level is a responder added by hand, outside the policy's levels.
    const body = `Paged ${page.userName} by ${page.kind} (${level < 0 ? "added as responder" : `level ${level + 1}`})`;
    return record(incidentId, "page.sent", `page:${page.pageId}`, at, body, pageData(page));
  },

  /** The notifier refused the page (`page:`) or the carrier reported it undelivered later (`page-report:`). */
  pageFailed(incidentId: string, at: Date, page: PageRecord, why: string, reported: boolean): NewTimelineEntry {
    const [sourceId, verb] = reported ? [`page-report:${page.pageId}`, "reach"] : [`page:${page.pageId}`, "page"];
    const body = `Could not ${verb} ${page.userName} by ${page.kind}: ${why}`;
    return record(incidentId, "page.failed", sourceId, at, body, { ...pageData(page), failed: true });
  },

  channelCreated(incidentId: string, at: Date, channel: { id: string; name: string }): NewTimelineEntry {
    return {
      ...record(incidentId, "chat.channel_created", `channel:${channel.id}`, at, "", {}),
      source: "slack",
      body: `Channel #${channel.name} opened for the incident`,
      data: { channelId: channel.id, channelName: channel.name },
    };
  },

  postmortemPublished(incidentId: string, at: Date, page: { pageId: string; url: string; title: string }, by: string) {
    const data = { pageId: page.pageId, url: page.url };
    const body = `Postmortem page created: ${page.title}`;
    return record(incidentId, "postmortem.published", `postmortem:${page.pageId}`, at, body, data, by);
  },

  postmortemStatusChanged(incidentId: string, at: Date, from: string, to: string, by: string): NewTimelineEntry {
    const body = `${by} set the postmortem to ${to.replace("_", " ")}`;
    return record(
      incidentId,
      "postmortem.status_changed",
      `postmortem_status:${at.getTime()}`,
      at,
      body,
      { from, to },
      by,
    );
  },

  /** Added by a person (`created`) or read back from its Jira issue (`updated`). */
  actionItem(
    item: ActionItem,
    type: "action_item.created" | "action_item.updated",
    body: string,
    at: Date,
    by: string | null,
  ) {
    return {
      ...record(item.incidentId, type, `${type}:${item.id}:${at.getTime()}`, at, body, {}, by),
      source: type === "action_item.created" ? ("firewatch" as const) : ("jira" as const),
      data: {
        actionItemId: item.id,
        issueKey: item.issueKey,
        status: item.statusName,
        statusCategory: item.statusCategory,
        dueDate: item.dueDate,
        assignee: item.assignee,
      },
    } satisfies NewTimelineEntry;
  },

  actionItemReminded(
    item: ActionItem,
    today: string,
    at: Date,
    body: string,
    to: { userId: string; kind: string | null },
  ) {
    return record(item.incidentId, "action_item.reminded", `reminder:${item.id}:${today}`, at, body, {
      actionItemId: item.id,
      issueKey: item.issueKey,
      userId: to.userId,
      kind: to.kind,
      dueDate: item.dueDate,
      ...(to.kind ? {} : { failed: true }),
    });
  },

  /** A field Jira's screens lack, so linked issues are kept in step without it. */
  fieldOmitted(
    link: Pick<LinkedIssue, "id" | "incidentId">,
    issueKey: string,
    field: string,
    name: string,
    at: Date,
  ): NewTimelineEntry {
    const body = `${issueKey}'s project has no ${name} on its Jira screens, so Firewatch leaves ${name} out; add the field to the project's create and edit screens to keep it in step`;
    return record(link.incidentId, "ticket.field_omitted", `screen:${link.id}:${field}`, at, body, {
      linkId: link.id,
      issueKey,
      field,
    });
  },

  /** A linked issue that could not follow the incident's status: no transition, or a screen Firewatch cannot fill. */
  transitionBlocked(link: LinkedIssue, category: string, statusName: string, unfilled: readonly string[], at: Date) {
    const wanted = `a ${category.replace("_", " ")} status`;
    const body =
      unfilled.length > 0
        ? `${link.issueKey}'s transition to ${wanted} has a screen requiring ${unfilled.join(", ")}, which Firewatch cannot fill; the transition was skipped, move it by hand`
        : `${link.issueKey}'s workflow has no transition from "${statusName}" to ${wanted}; move it by hand`;
    return record(link.incidentId, "ticket.status_changed", `blocked:${link.id}:${category}`, at, body, {
      linkId: link.id,
      wanted: category,
      status: statusName,
      unfilled,
    });
  },
};

function pageData(page: PageRecord) {
  return { pageId: page.pageId, userId: page.userId, kind: page.kind };
}
