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
  /** Revokes every token of the person. */
  revokeTokens(userId: string, at: Date): Promise<void>;
  findContact(userId: string, id: string): Promise<ContactMethod | null>;
  updateContact(contact: ContactMethod): Promise<void>;
  /** Deletes the contact method with its notification rules; false when the person has no such method. */
  deleteContact(userId: string, id: string): Promise<boolean>;
  /** Replaces the notification rules of one contact method by one rule per delay (minutes after the page). */
  replaceNotificationRules(userId: string, contactMethodId: string, delays: readonly number[]): Promise<void>;
}
