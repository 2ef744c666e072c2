// People as the People pages use them: the list, one person, their contact methods (with notification rules and
// test pages) and their API tokens (`/api/users/…`). Person is the service's own shape, imported as a type.
import type { User } from "../../../../../sync-service/src/web/api-types.ts";
import type { UserRole } from "../../../../../sync-service/src/domain/principal.ts";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useSession } from "../session.tsx";
import type { HttpMethod } from "../transport/transport.ts";
import { useApi, useApiList, useApiMutation } from "./hooks.ts";

export type { User as Person, UserRole };

export const CONTACT_KINDS = ["slack", "email", "sms", "voice", "webhook"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ContactMethod {
  readonly id: string;
  readonly userId: string;
  readonly kind: ContactKind;
  readonly address: string;
  readonly rules: readonly { readonly id: string; readonly delayMinutes: number }[];
}
export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}
export interface IssuedToken extends ApiTokenInfo {
  readonly token: string;
}
export interface TestPageResult {
  readonly outcome: "sent" | "failed";
  readonly detail: string;
}
export interface PersonBody {
  name?: string;
  email?: string;
  role?: UserRole;
  timeZone?: string;
  active?: boolean;
}

const USERS = "/api/users";
const person = (id: string) => `${USERS}/${id}`;
const methods = (id: string) => `${person(id)}/contact-methods`;
const tokens = (id: string) => `${person(id)}/tokens`;

export const usePeopleList = () => useApiList<{ users: User[] }>(USERS, "users");
export const usePerson = (id: string) => useApi<User>(person(id));
export const useAddPerson = () => useApiMutation<PersonBody, User>("POST", USERS);
export const useUpdatePerson = (id: string) => useApiMutation<PersonBody, User>("PATCH", person(id));

/** A write whose path names an item (`{ cmId }`, `{ tokenId }`): the id goes in the path, the rest in the body. */
function useItemWrite<TArgs extends { itemId: string }, TResult>(
  method: HttpMethod,
  base: string,
  suffix = "",
  invalidates: QueryKey[] = [["api", base]],
) {
  const { transport } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: TArgs) =>
      transport.request<TResult>(method, `${base}/${itemId}${suffix}`, Object.keys(body).length > 0 ? body : undefined),
    onSuccess: async () => {
      await Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}

export const useContactMethods = (id: string) => useApi<{ contactMethods: ContactMethod[] }>(methods(id));
export const useAddContactMethod = (id: string) =>
  useApiMutation<{ kind: ContactKind; address: string; delayMinutes?: number }, ContactMethod>("POST", methods(id), [
    ["api", methods(id)],
  ]);
export const useUpdateContactMethod = (id: string) =>
  useItemWrite<
    { itemId: string; kind?: ContactKind; address?: string; rules?: { delayMinutes: number }[] },
    ContactMethod
  >("PATCH", methods(id));
export const useRemoveContactMethod = (id: string) => useItemWrite<{ itemId: string }, void>("DELETE", methods(id));
export const useTestPage = (id: string) =>
  useItemWrite<{ itemId: string }, TestPageResult>("POST", methods(id), "/test", []);

export const useTokens = (id: string) => useApi<{ tokens: ApiTokenInfo[] }>(tokens(id));
export const useIssueToken = (id: string) =>
  useApiMutation<{ name: string }, IssuedToken>("POST", tokens(id), [["api", tokens(id)]]);
export const useRevokeToken = (id: string) => useItemWrite<{ itemId: string }, void>("DELETE", tokens(id));

/** A person's private calendar URL for calendar apps: its state, and the URL itself once, when made. */
export interface CalendarFeed {
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}
const calendarFeed = (id: string) => `${person(id)}/calendar-feed`;
export const useCalendarFeed = (id: string) => useApi<{ feed: CalendarFeed | null }>(calendarFeed(id));
export const useMakeCalendarFeed = (id: string) =>
  useApiMutation<Record<string, never>, { feed: CalendarFeed; url: string }>("POST", calendarFeed(id), [
    ["api", calendarFeed(id)],
  ]);
export const useStopCalendarFeed = (id: string) =>
  useApiMutation<undefined, void>("DELETE", calendarFeed(id), [["api", calendarFeed(id)]]);
