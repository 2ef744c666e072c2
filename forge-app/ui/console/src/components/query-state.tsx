import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message.tsx";

/**
 * Renders a query's data, or its loading line, or its error. A failed refetch keeps the data on screen
 * with the error above it (the poll goes on), so a blip never blanks a page.
 */
export function QueryState<T>({
  query,
  children,
  what,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  what: string;
}) {
  if (query.data !== undefined) {
    return (
      <>
        {query.error && <ErrorMessage error={query.error} />}
        {children(query.data)}
      </>
    );
  }
  if (query.error) return <ErrorMessage error={query.error} />;
  return (
    <p className="loading" aria-live="polite">
      Loading {what}…
    </p>
  );
}
