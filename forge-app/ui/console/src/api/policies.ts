// Escalation policies and teams as the console uses them (sync-service/src/web/routes/escalation-policies-router.ts,
// teams-router.ts), with the people and schedules a policy's levels page. The shapes follow docs/api.md.
import type { ScheduleSummary, User } from "../../../../../sync-service/src/web/api-types.ts";
import { useApiList, useApiMutation } from "./hooks.ts";

export type TargetType = "user" | "schedule" | "team";
export interface PolicyTarget {
  type: TargetType;
  id: string;
}
export interface PolicyLevel {
  delayMinutes: number;
  targets: PolicyTarget[];
}
export interface PolicyBody {
  name: string;
  repeat: number;
  levels: PolicyLevel[];
}
export interface Policy extends PolicyBody {
  id: string;
  services: { id: string; name: string }[];
}
export interface TeamBody {
  name: string;
  members: string[];
}
export interface Team extends TeamBody {
  id: string;
}

export const POLICIES_PATH = "/api/escalation-policies";
export const TEAMS_PATH = "/api/teams";
const policyPath = (id: string) => `${POLICIES_PATH}/${encodeURIComponent(id)}`;
const teamPath = (id: string) => `${TEAMS_PATH}/${encodeURIComponent(id)}`;

export const usePolicies = () => useApiList<{ policies: Policy[] }>(POLICIES_PATH, "policies");
export const useTeams = () => useApiList<{ teams: Team[] }>(TEAMS_PATH, "teams");
export const usePeopleList = () => useApiList<{ users: User[] }>("/api/users", "users");
export const useScheduleList = () => useApiList<{ schedules: ScheduleSummary[] }>("/api/schedules", "schedules");

/** POST a new policy (id null) or PUT an existing one, sent whole. */
export const useSavePolicy = (id: string | null) =>
  useApiMutation<PolicyBody, Policy>(id ? "PUT" : "POST", id ? policyPath(id) : POLICIES_PATH);
export const useDeletePolicy = (id: string) => useApiMutation<undefined>("DELETE", policyPath(id));

export const useSaveTeam = (id: string | null) =>
  useApiMutation<TeamBody, Team>(id ? "PATCH" : "POST", id ? teamPath(id) : TEAMS_PATH);
export const useDeleteTeam = (id: string) => useApiMutation<undefined>("DELETE", teamPath(id));

/** Names for targets and members: "Alice Adams", "Schedule: Primary", "Team: Payments". */
export interface Directory {
  people: User[];
  teams: Team[];
  schedules: ScheduleSummary[];
  personName(id: string): string;
  targetName(target: PolicyTarget): string;
}

export function useDirectory(): { directory: Directory; error: unknown; loading: boolean } {
  const people = usePeopleList();
  const teams = useTeams();
  const schedules = useScheduleList();
  const names = new Map<string, string>();
  for (const u of people.data?.users ?? []) names.set(`user:${u.id}`, u.name);
  for (const t of teams.data?.teams ?? []) names.set(`team:${t.id}`, `Team: ${t.name}`);
  for (const s of schedules.data?.schedules ?? []) names.set(`schedule:${s.id}`, `Schedule: ${s.name}`);
  const loading = people.isPending || teams.isPending || schedules.isPending;
  const unknown = loading ? "…" : "(deleted)";
  const directory: Directory = {
    people: (people.data?.users ?? []).filter((u) => u.active !== false),
    teams: teams.data?.teams ?? [],
    schedules: schedules.data?.schedules ?? [],
    personName: (id) => names.get(`user:${id}`) ?? unknown,
    targetName: (t) => names.get(`${t.type}:${t.id}`) ?? unknown,
  };
  return { directory, error: people.error ?? teams.error ?? schedules.error, loading };
}
