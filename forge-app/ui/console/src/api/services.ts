// The service API as the console uses it (sync-service/src/web/routes/services-router.ts): a service's name,
// escalation policy, integration key and endpoints, Jira and Slack settings. Shapes are the service's own.
import type { Service } from "../../../../../sync-service/src/web/api-types.ts";
import { useApi, useApiList } from "./hooks.ts";
import type { ConferenceBridge, SubscriberTarget } from "./stakeholders.ts";

export type { Service };
export { MIRROR_MODES } from "../../../../../sync-service/src/domain/conversation.ts";
export type { MirrorMode } from "../../../../../sync-service/src/domain/conversation.ts";

/** An escalation policy as the pickers need it (`GET /api/escalation-policies`). */
export interface PolicySummary {
  id: string;
  name: string;
}

export const SERVICES_PATH = "/api/services";
export const POLICIES_PATH = "/api/escalation-policies";
export const servicePath = (id: string) => `${SERVICES_PATH}/${encodeURIComponent(id)}`;

/** The PATCH body of a service: every field optional (`jira` and `slack` merge into what is stored). */
export interface ServiceBody {
  name?: string;
  description?: string;
  escalationPolicyId?: string | null;
  defaultSeverity?: Service["defaultSeverity"];
  jira?: Partial<Service["jira"]>;
  slack?: Partial<Service["slack"]>;
  responsePlayId?: string | null;
  conferenceBridge?: ConferenceBridge | null;
  subscribers?: SubscriberTarget[];
  callRouting?: { number: string; greeting: string | null; ringSeconds: number; voicemail: boolean } | null;
  /** null: no scheduled drills (docs/drills.md). */
  drillSchedule?: Service["drillSchedule"];
}

export const useServices = () => useApiList<{ services: Service[] }>(SERVICES_PATH, "services");
export const useService = (id: string) => useApi<Service>(servicePath(id));
export const usePolicies = () => useApi<{ policies: PolicySummary[] }>(POLICIES_PATH);
