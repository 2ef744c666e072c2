// People, escalations, pages, page links and postmortems of one in-memory transaction (in-memory-store.ts).
import type { OnCallRepository } from "../../ports/oncall-repository.ts";
import { pageLinkState } from "../../domain/page-link.ts";
import type { PageLinkRepository } from "../../ports/page-link-repository.ts";
import type { PostmortemRepository } from "../../ports/postmortem-repository.ts";
import { ofTenant, type Tables } from "./in-memory-tables.ts";
import { partialFake } from "./not-faked.ts";

export function oncallIn(t: Tables): OnCallRepository {
  return partialFake<OnCallRepository>("tx.oncall", {
    findUser: async (tenantId, id) => ofTenant(t.users.get(id), tenantId),
    getUser: async (id) => t.users.get(id) ?? null,
    findUsers: async (tenantId, ids) => ids.map((id) => ofTenant(t.users.get(id), tenantId)).filter((u) => u !== null),
    listContacts: async (userId) => t.contacts.filter((c) => c.userId === userId),
    listContactsOf: async (userIds) => t.contacts.filter((c) => userIds.includes(c.userId)),
    // Soonest first; a stable sort keeps the order they were added in for equal delays, as created_at does.
    listNotificationRules: async (userId) =>
      t.notificationRules.filter((r) => r.userId === userId).sort((a, b) => a.delayMinutes - b.delayMinutes),
    findSchedule: async (tenantId, id) => ofTenant(t.schedules.get(id), tenantId),
    getSchedule: async (id) => t.schedules.get(id) ?? null,
    findPolicy: async (tenantId, id) => ofTenant(t.policies.get(id), tenantId),
    getPolicy: async (id) => t.policies.get(id) ?? null,
    async startEscalation(incidentId, policy) {
      if (!t.escalations.has(incidentId)) t.escalations.set(incidentId, policy);
      return t.escalations.get(incidentId)!;
    },
    escalationOf: async (incidentId) => t.escalations.get(incidentId) ?? null,
    async escalationProgress(incidentId) {
      const policy = t.escalations.get(incidentId);
      const steps = t.escalationSteps.get(incidentId) ?? { last: null, next: null };
      return policy ? { policy, startedAt: new Date(0), ...steps } : null;
    },
    async recordEscalationStep(incidentId, last, next) {
      t.escalationSteps.set(incidentId, { last, next });
    },
    async claimPage(page) {
      const earlier = [...t.pages.values()].find((p) => p.key === page.key);
      if (earlier) return earlier;
      const stored = { ...page, createdAt: new Date() };
      t.pages.set(page.id, stored);
      return stored;
    },
    async updatePage({ id, state, providerId, error }) {
      const page = t.pages.get(id);
      if (!page) throw new Error(`no page ${id} is stored`);
      t.pages.set(id, { ...page, state, providerId, error });
    },
    lockPage: async (id) => t.pages.get(id) ?? null,
    getPage: async (id) => t.pages.get(id) ?? null,
    listPages: async (incidentId) => [...t.pages.values()].filter((p) => p.incidentId === incidentId),
    // Pages are kept in the order they were claimed, so the last match is the latest.
    async latestPageToNumber(address, incidentNumber) {
      const numbers = new Set(
        t.contacts.filter((c) => c.address === address && (c.kind === "sms" || c.kind === "voice")).map((c) => c.id),
      );
      const matches = [...t.pages.values()].filter(
        (p) =>
          numbers.has(p.contactMethodId) &&
          !(p.state === "failed" && p.providerId === null) &&
          (incidentNumber === null || t.incidents.get(p.incidentId)?.number === incidentNumber),
      );
      return matches.at(-1) ?? null;
    },
  });
}

export function postmortemsIn(t: Tables): PostmortemRepository {
  return partialFake<PostmortemRepository>("tx.postmortems", {
    get: async (incidentId) => t.postmortems.get(incidentId) ?? null,
    refreshable: async (incidentId) =>
      Boolean(t.postmortems.get(incidentId)?.pageId) && t.incidents.get(incidentId)?.status === "resolved",
    findByPageId: async (pageId) => [...t.postmortems.values()].find((p) => p.pageId === pageId) ?? null,
    save: async (postmortem) => void t.postmortems.set(postmortem.incidentId, postmortem),
    getItem: async (id) => t.actionItems.get(id) ?? null,
    itemsOf: async (incidentId) =>
      [...t.actionItems.values()]
        .filter((i) => i.incidentId === incidentId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
  });
}

export function pageLinksIn(t: Tables): PageLinkRepository {
  return {
    async insert(link, tokenHash) {
      t.pageLinks.set(tokenHash, link);
    },
    async find(tokenHash) {
      return t.pageLinks.get(tokenHash) ?? null;
    },
    async consume(tokenHash, now) {
      const link = t.pageLinks.get(tokenHash);
      if (!link || pageLinkState(link, now) !== "usable") return null;
      t.pageLinks.set(tokenHash, { ...link, usedAt: now });
      return link;
    },
  };
}
