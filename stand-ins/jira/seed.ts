// Seed data: two projects with different workflows, two more whose screens differ (see ProjectDef.screens) (so status logic must go by category, not by name), the default
// five priorities, three issue types, the API-token user and one human user.
import type {
  IssueTypeDef,
  JiraUser,
  LinkTypeDef,
  PriorityDef,
  ProjectDef,
  StatusCategoryKey,
  StatusDef,
} from "./types.ts";

export const API_ACCOUNT_ID = "5b10a2844c20165700ede21g";
export const HUMAN_ACCOUNT_ID = "712020:5f0c2a4e-8b1d-4c3e-9f6a-7b8c9d0e1f2a";

export function seedUsers(email: string): JiraUser[] {
  return [
    { accountId: API_ACCOUNT_ID, displayName: "Firewatch Bot", emailAddress: email, timeZone: "Etc/UTC" },
    {
      accountId: HUMAN_ACCOUNT_ID,
      displayName: "Ada Oncall",
      emailAddress: "ada.oncall@example.com",
      timeZone: "Europe/Berlin",
    },
  ];
}

/** Jira's three status categories (ids and colours as Jira Cloud reports them). */
export const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; name: string; colorName: string }> = {
  new: { id: 2, name: "To Do", colorName: "blue-gray" },
  indeterminate: { id: 4, name: "In Progress", colorName: "yellow" },
  done: { id: 3, name: "Done", colorName: "green" },
};

export const STATUSES: StatusDef[] = [
  { id: "10000", name: "To Do", description: "", category: "new" },
  {
    id: "3",
    name: "In Progress",
    description: "This issue is being actively worked on at the moment by the assignee.",
    category: "indeterminate",
  },
  { id: "10001", name: "Done", description: "", category: "done" },
  { id: "10002", name: "Open", description: "Reported and waiting for a responder.", category: "new" },
  { id: "10003", name: "Investigating", description: "A responder is on it.", category: "indeterminate" },
  { id: "10004", name: "Closed", description: "Mitigated and closed.", category: "done" },
];

export const PROJECTS: ProjectDef[] = [
  {
    id: "10000",
    key: "CI",
    name: "Customer Incidents",
    leadAccountId: HUMAN_ACCOUNT_ID,
    workflow: ["10000", "3", "10001"],
  },
  {
    id: "10001",
    key: "OPS",
    name: "Operations",
    leadAccountId: HUMAN_ACCOUNT_ID,
    workflow: ["10002", "10003", "10004"],
  },
  // A service-desk style workflow: entering Closed goes through a screen with a required Resolution, whose values an
  // admin has ordered with "Won't Do" first (so "the first value" and "the first Done-like value" differ).
  {
    id: "10002",
    key: "SUP",
    name: "Support Desk",
    leadAccountId: HUMAN_ACCOUNT_ID,
    workflow: ["10002", "10003", "10004"],
    screens: { resolutionScreen: true, resolutionIds: ["10001", "10002", "10000", "10003"] },
  },
  // A team-managed project whose create and edit screens have no Priority field.
  {
    id: "10003",
    key: "TEAM",
    name: "Team Board",
    leadAccountId: HUMAN_ACCOUNT_ID,
    workflow: ["10000", "3", "10001"],
    screens: { offScreen: ["priority"] },
  },
];

export const ISSUE_TYPES: IssueTypeDef[] = [
  { id: "10001", name: "Task", description: "A small, distinct piece of work." },
  { id: "10002", name: "Bug", description: "A problem or error." },
  { id: "10003", name: "Incident", description: "An unplanned interruption or reduction in quality of a service." },
];

export const PRIORITIES: PriorityDef[] = [
  {
    id: "1",
    name: "Highest",
    description: "This problem will block progress.",
    statusColor: "#d04437",
    isDefault: false,
  },
  {
    id: "2",
    name: "High",
    description: "Serious problem that could block progress.",
    statusColor: "#f15C75",
    isDefault: false,
  },
  {
    id: "3",
    name: "Medium",
    description: "Has the potential to affect progress.",
    statusColor: "#f79232",
    isDefault: true,
  },
  {
    id: "4",
    name: "Low",
    description: "Minor problem or easily worked around.",
    statusColor: "#707070",
    isDefault: false,
  },
  {
    id: "5",
    name: "Lowest",
    description: "Trivial problem with little or no impact on progress.",
    statusColor: "#999999",
    isDefault: false,
  },
];

export const LINK_TYPES: LinkTypeDef[] = [
  { id: "10000", name: "Blocks", inward: "is blocked by", outward: "blocks" },
  { id: "10001", name: "Cloners", inward: "is cloned by", outward: "clones" },
  { id: "10002", name: "Duplicate", inward: "is duplicated by", outward: "duplicates" },
  { id: "10003", name: "Relates", inward: "relates to", outward: "relates to" },
];

/** The resolution Jira sets when an issue enters a done-category status. */
export const DONE_RESOLUTION = { id: "10000", name: "Done", description: "Work has been completed on this issue." };

/** Jira Cloud's default resolutions (GET /rest/api/3/resolution). */
export const RESOLUTIONS = [
  DONE_RESOLUTION,
  { id: "10001", name: "Won't Do", description: "This issue won't be actioned." },
  { id: "10002", name: "Duplicate", description: "The problem is a duplicate of an existing issue." },
  {
    id: "10003",
    name: "Cannot Reproduce",
    description:
      "All attempts at reproducing this issue failed, or not enough information was available to reproduce the issue.",
  },
];

/** Project permissions the emulator knows, with the ids/names Jira Cloud uses. */
export const PERMISSIONS: Record<string, { id: string; name: string; description: string }> = {
  BROWSE_PROJECTS: {
    id: "10",
    name: "Browse Projects",
    description: "Ability to browse projects and the issues within them.",
  },
  CREATE_ISSUES: { id: "11", name: "Create Issues", description: "Ability to create issues." },
  EDIT_ISSUES: { id: "12", name: "Edit Issues", description: "Ability to edit issues." },
  ASSIGN_ISSUES: { id: "13", name: "Assign Issues", description: "Ability to assign issues to other people." },
  SCHEDULE_ISSUES: { id: "28", name: "Schedule Issues", description: "Ability to view or edit an issue's due date." },
  RESOLVE_ISSUES: { id: "14", name: "Resolve Issues", description: "Ability to resolve and reopen issues." },
  ADD_COMMENTS: { id: "15", name: "Add Comments", description: "Ability to comment on issues." },
  LINK_ISSUES: { id: "21", name: "Link Issues", description: "Ability to link issues together." },
  TRANSITION_ISSUES: { id: "46", name: "Transition Issues", description: "Ability to transition issues." },
  ADMINISTER: {
    id: "0",
    name: "Administer Jira",
    description: "Create and administer projects, issue types, fields and more.",
  },
};

/** Global permissions (the rest are project permissions), as `mypermissions` reports their `type`. */
export const GLOBAL_PERMISSIONS = new Set(["ADMINISTER"]);

/** Transition ids: one global transition per target status ("Move to <status>"), distinct across workflows. */
export function transitionIdFor(statusId: string): string {
  const index = STATUSES.findIndex((s) => s.id === statusId);
  return String((index + 1) * 10 + 1);
}
