import type { ContactMethod } from "./notifier-port.ts";
import type { UserRecord } from "./oncall-repository.ts";

/** An API token as its owner sees it; the token itself is never stored, only its hash. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  /** To the minute: recorded at most once a minute. */
  readonly lastUsedAt: Date | null;
}

/** A person's calendar feed as they see it: its URL is shown once, when made (only its hash is stored). */
export interface CalendarFeedRecord {
  readonly createdAt: Date;
  /** To the minute, as for API tokens. */
  readonly lastUsedAt: Date | null;
}

/** Setting people up: changing a person, their tokens and their contact methods. */
export interface PeopleRepository {
  /** @throws an AppError of kind conflict (USER.EMAIL_TAKEN) when another person of the tenant has the e-mail */
  updateUser(user: UserRecord): Promise<void>;
  /** Ids of the tenant's active admins, locked until the transaction ends: two demotions never both pass. */
  lockActiveAdmins(tenantId: string): Promise<string[]>;
  /** The person's tokens that still work, newest first. */
  listTokens(userId: string): Promise<ApiTokenRecord[]>;
  /** Revokes one token of the person; false when they have no such working token. */
  revokeToken(userId: string, tokenId: string, at: Date): Promise<boolean>;
  /** Revokes every token of the person, and their calendar feed. */
  revokeTokens(userId: string, at: Date): Promise<void>;
  /** Revokes the person's working calendar feed, if any, and stores a new one under the token's hash. */
  replaceCalendarFeed(tenantId: string, userId: string, tokenHash: string, at: Date): Promise<CalendarFeedRecord>;
  /** The person's working calendar feed. */
  findCalendarFeed(userId: string): Promise<CalendarFeedRecord | null>;
  /** @returns false when the person had no working feed */
  revokeCalendarFeed(userId: string, at: Date): Promise<boolean>;
  /** The active person a working feed's token belongs to, recording the use (at most once a minute). */
  useCalendarFeed(tokenHash: string, at: Date): Promise<{ tenantId: string; userId: string } | null>;
  findContact(userId: string, id: string): Promise<ContactMethod | null>;
  updateContact(contact: ContactMethod): Promise<void>;
  /** Deletes the contact method with its notification rules; false when the person has no such method. */
  deleteContact(userId: string, id: string): Promise<boolean>;
  /** Replaces the notification rules of one contact method by one rule per delay (minutes after the page). */
  replaceNotificationRules(userId: string, contactMethodId: string, delays: readonly number[]): Promise<void>;
}
