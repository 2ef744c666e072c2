// Fakes of the outside world for use-case tests: a clock that moves only when told, a tracker holding a few
// issues, a notifier and a document store, each recording what Firewatch asked of it.
import type { Clock } from "../../domain/clock.ts";
import type { DocumentPort, DocumentPorts, PublishRequest } from "../../ports/document-port.ts";
import { IntegrationError, TicketNotFoundError } from "../../ports/integration-errors.ts";
import type { ContactMethod, NotifierPort, PageMessage } from "../../ports/notifier-port.ts";
import {
  type IssueMarker,
  type NewIssue,
  type RemoteIssue,
  type TicketPort,
  type TicketPorts,
} from "../../ports/ticket-port.ts";
import { partialFake } from "./not-faked.ts";

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function fakeClock(start = "2026-03-02T09:00:00Z"): FakeClock {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

export const FAKE_SITE_URL = "https://example.atlassian.net";

/** Issues as the tracker holds them, with the marker Firewatch put on them, if any. */
type TrackedIssue = RemoteIssue & { marker?: IssueMarker };

const withoutMarker = ({ marker: _, ...issue }: TrackedIssue): RemoteIssue => issue;

/** A tracker with the issues `add`ed to it and those Firewatch creates; anything else is not found. */
export function fakeTracker() {
  const issues: TrackedIssue[] = [];
  const created: NewIssue[] = [];
  const marks: { issueId: string; marker: IssueMarker }[] = [];
  const add = (fields: Partial<TrackedIssue> & Pick<RemoteIssue, "key">): RemoteIssue => {
    const issue: TrackedIssue = {
      id: String(10_000 + issues.length + 1),
      projectKey: fields.key.split("-")[0]!,
      summary: `Issue ${fields.key}`,
      priority: "Medium",
      statusName: "To Do",
      statusCategory: "todo",
      ...fields,
    };
    issues.push(issue);
    return withoutMarker(issue);
  };
  const find = (idOrKey: string) => issues.findIndex((i) => i.id === idOrKey || i.key === idOrKey);
  const port = partialFake<TicketPort>("tracker", {
    siteUrl: FAKE_SITE_URL,
    createSettleMs: 60_000,
    async get(idOrKey) {
      const issue = issues[find(idOrKey)];
      if (!issue) throw new TicketNotFoundError("jira", `Issue ${idOrKey} does not exist`);
      return withoutMarker(issue);
    },
    async findByLinkId(linkId) {
      const issue = issues.find((i) => i.marker?.linkId === linkId);
      return issue ? withoutMarker(issue) : null;
    },
    async create(request) {
      created.push(request);
      // Jira numbers each project's issues in order.
      const numbers = issues.filter((i) => i.projectKey === request.projectKey).map((i) => Number(i.key.split("-")[1]));
      const number = Math.max(0, ...numbers) + 1;
      const { summary, priority, marker } = request;
      return { ...add({ key: `${request.projectKey}-${number}`, summary, priority, marker }), omitted: [] };
    },
    async mark(issueId, marker) {
      const i = find(issueId);
      if (i < 0) throw new TicketNotFoundError("jira", `Issue ${issueId} does not exist`);
      marks.push({ issueId, marker });
      issues[i] = { ...issues[i]!, marker };
    },
  });
  const ports: TicketPorts = { forTenant: async () => port };
  return { port, ports, add, created, marks };
}

/** A notifier that delivers every page, except by the contact methods told to `refuse`. */
export function fakeNotifier() {
  const sent: { contact: ContactMethod; message: PageMessage }[] = [];
  const refusals = new Map<string, string>();
  const port = partialFake<NotifierPort>("notifier", {
    async send(contact, message) {
      const refusal = refusals.get(contact.id);
      if (refusal) throw new IntegrationError("webhook", "rejected", refusal);
      sent.push({ contact, message });
      return { providerId: `delivery-${sent.length}` };
    },
  });
  return {
    port,
    sent,
    refuse: (contactMethodId: string, reason: string) => void refusals.set(contactMethodId, reason),
  };
}

/**
 * A document store with one page per incident (found again by incident, as the real one finds its page by
 * a page property); each write raises its version. `written` is what `sectionsWritten` answers.
 */
export function fakeDocuments() {
  const requests: PublishRequest[] = [];
  const pages = new Map<string, { pageId: string; version: number; title: string }>();
  const written: Record<string, boolean> = {};
  const port: DocumentPort = {
    configured: true,
    async publish(request) {
      requests.push(request);
      const page = pages.get(request.incidentId) ?? { pageId: `page-${pages.size + 1}`, version: 0, title: "" };
      const next = { ...page, version: page.version + 1, title: request.document.title };
      pages.set(request.incidentId, next);
      return {
        pageId: next.pageId,
        version: next.version,
        url: `${FAKE_SITE_URL}/wiki/pages/${next.pageId}`,
        timelinePageId: null,
        sectionsWritten: { ...written },
        requests: 1,
      };
    },
    sectionsWritten: async () => ({ ...written }),
  };
  const ports = partialFake<DocumentPorts>("documents", { forTenant: async () => port });
  return { port, ports, requests, pages, written };
}
