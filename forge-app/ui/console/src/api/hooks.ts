// Data hooks over the session's Transport, with TanStack Query doing caching, polling and retries.
// Live views poll: each poll is a conditional GET (the API's ETag), so an unchanged list costs a 304.
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useSession } from "../session.tsx";
import type { HttpMethod } from "../transport/transport.ts";
import { fetchAllPages } from "./pages.ts";

/** How often live views (incident list, detail, timeline) look for changes. */
export const LIVE_POLL_MS = 2_000;

/** GET `path` (null: not yet known); `live` polls while the tab is visible. */
export function useApi<T>(path: string | null, options: { live?: boolean; key?: QueryKey } = {}) {
  const { transport } = useSession();
  return useQuery({
    queryKey: options.key ?? ["api", path],
    queryFn: () => transport.request<T>("GET", path!),
    enabled: path !== null,
    refetchInterval: options.live ? LIVE_POLL_MS : false,
  });
}

/** `useApi` for a list the API pages (users, services, schedules, rules): every page, joined. */
export function useApiList<R extends Record<string, unknown[]>>(
  path: string | null,
  field: keyof R & string,
  options: { refetchInterval?: number } = {},
) {
  const { transport } = useSession();
  return useQuery({
    queryKey: ["api", path],
    queryFn: () => fetchAllPages<R>(transport, path!, field),
    enabled: path !== null,
    refetchInterval: options.refetchInterval ?? false,
  });
}

/** GET `path` as text (previews). */
export function useApiText(path: string | null) {
  const { transport } = useSession();
  return useQuery({ queryKey: ["api-text", path], queryFn: () => transport.text(path!), enabled: path !== null });
}

/**
 * A write. On success every query whose key starts with one of `invalidates` (default: everything under
 * "api") is refetched, so the page shows the new state at once instead of at the next poll.
 */
export function useApiMutation<TBody = unknown, TResult = unknown>(
  method: HttpMethod,
  path: string | ((body: TBody) => string),
  invalidates: QueryKey[] = [["api"]],
) {
  const { transport } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) =>
      transport.request<TResult>(
        method,
        typeof path === "function" ? path(body) : path,
        body === undefined ? undefined : body,
      ),
    onSuccess: async () => {
      await Promise.all(invalidates.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
  });
}
