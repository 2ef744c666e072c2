import type { EscalationPolicy, EscalationProgress, EscalationStep } from "../domain/escalation-policy.ts";
import type { UserRole } from "../domain/principal.ts";
import type { ContactMethod } from "./notifier-port.ts";
import type { NameKey, PageRequest } from "./repositories.ts";

export interface UserRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
  /** IANA time zone name. */
  readonly timeZone: string;
  /** False once deactivated: never paged, and no token signs them in. */
  readonly active: boolean;
}

export interface NotificationRuleRecord {
  readonly id: string;
  readonly userId: string;
  readonly contactMethodId: string;
  readonly delayMinutes: number;
}

export interface ScheduleRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** The schedule JSON of docs/schedules.md, validated when written. */
  readonly definition: unknown;
}

export interface PageRecord {
  readonly id: string;
  readonly key: string;
  readonly incidentId: string;
  readonly userId: string;
  readonly contactMethodId: string;
  readonly level: number;
  readonly round: number;
  /** `sent`: the provider accepted it; `delivered`/`failed` once it reports what became of it (SMS, voice). */
  readonly state: "sending" | "sent" | "delivered" | "failed";
  readonly providerId: string | null;
  readonly error: string | null;
  /** When it was first tried; set by the store. */
  readonly createdAt?: Date;
}

/** People, how to reach them, schedules, policies, and the pages sent. */
export interface OnCallRepository {
  /** @throws an AppError of kind conflict (USER.EMAIL_TAKEN) when the tenant has a person with that e-mail */
  insertUser(user: UserRecord): Promise<void>;
  findUser(tenantId: string, id: string): Promise<UserRecord | null>;
  renameUser(tenantId: string, id: string, name: string): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  listUsers(tenantId: string): Promise<UserRecord[]>;
  /** A page of the tenant's people by name. */
  pageUsers(tenantId: string, page: PageRequest<NameKey>): Promise<UserRecord[]>;
  /** The tenant's people among `ids` (ids that are not people are left out). */
  findUsers(tenantId: string, ids: readonly string[]): Promise<UserRecord[]>;
  insertContact(contact: ContactMethod): Promise<void>;
  listContacts(userId: string): Promise<ContactMethod[]>;
  /** The contact methods of all these people, oldest first, in one read (ids that are not people have none). */
  listContactsOf(userIds: readonly string[]): Promise<ContactMethod[]>;
  /** The person with this contact address (e.g. their chat user id), if any. */
  findUserByContact(kind: ContactMethod["kind"], address: string): Promise<UserRecord | null>;
  insertNotificationRule(rule: NotificationRuleRecord): Promise<void>;
  /** The user's rules, soonest first. */
  listNotificationRules(userId: string): Promise<NotificationRuleRecord[]>;
  saveSchedule(schedule: ScheduleRecord): Promise<void>;
  findSchedule(tenantId: string, id: string): Promise<ScheduleRecord | null>;
  /** `findSchedule`, holding the row until the transaction ends, so read-modify-write edits never lose one another. */
  lockSchedule(tenantId: string, id: string): Promise<ScheduleRecord | null>;
  getSchedule(id: string): Promise<ScheduleRecord | null>;
  listSchedules(tenantId: string): Promise<ScheduleRecord[]>;
  /** A page of the tenant's schedules by name. */
  pageSchedules(tenantId: string, page: PageRequest<NameKey>): Promise<ScheduleRecord[]>;
  savePolicy(policy: EscalationPolicy): Promise<void>;
  findPolicy(tenantId: string, id: string): Promise<EscalationPolicy | null>;
  getPolicy(id: string): Promise<EscalationPolicy | null>;
  /** The tenant's policies by name. */
  listPolicies(tenantId: string): Promise<EscalationPolicy[]>;
  deletePolicy(tenantId: string, id: string): Promise<void>;
  /** Stores the policy snapshot unless the incident already has one. @returns the snapshot in force */
  startEscalation(incidentId: string, policy: EscalationPolicy, at: Date): Promise<EscalationPolicy>;
  escalationOf(incidentId: string): Promise<EscalationPolicy | null>;
  /** Where the incident's escalation stands; null when it never started (no service, or no policy). */
  escalationProgress(incidentId: string): Promise<EscalationProgress | null>;
  /** Records the step just paged and the one queued next (null when the policy has run out). */
  recordEscalationStep(incidentId: string, last: EscalationStep, next: EscalationProgress["next"]): Promise<void>;
  /** Inserts the page unless one with its key exists. @returns the stored page (possibly an earlier one) */
  claimPage(page: PageRecord): Promise<PageRecord>;
  updatePage(page: PageRecord): Promise<void>;
  /** The page with this id, locked until the transaction ends (a provider's reports may arrive together). */
  lockPage(id: string): Promise<PageRecord | null>;
  getPage(id: string): Promise<PageRecord | null>;
  listPages(incidentId: string): Promise<PageRecord[]>;
  /**
   * The latest page a text or call took to this phone number (an sms or voice contact's address), of incident
   * number `incidentNumber` when given; a page Twilio refused outright (failed, never accepted) does not count.
   */
  latestPageToNumber(address: string, incidentNumber: number | null): Promise<PageRecord | null>;
}
