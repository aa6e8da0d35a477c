import type { ReactNode } from "react";
import { formatClockTime } from "../lib/format.ts";
import { errorMessage } from "../lib/trpc-errors.ts";

/** The parts of a TanStack Query result this component reads. */
export interface QueryLike<TData> {
  data: TData | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  dataUpdatedAt: number;
  refetch: () => unknown;
}

interface QueryStateProps<TData> {
  query: QueryLike<TData>;
  /** What is being loaded, for messages: "the fleet overview". */
  what: string;
  isEmpty?: (data: TData) => boolean;
  empty?: ReactNode;
  /** Replaces the generic error panel for errors the page explains itself (e.g. NOT_FOUND). */
  renderError?: (error: unknown) => ReactNode | null;
  /** Shown above the loading and error states when the page's own heading comes with the data. */
  placeholderHeading?: ReactNode;
  children: (data: TData) => ReactNode;
}

/** Loading, empty and error states for one query, so every page handles all three the same way. */
export function QueryState<TData>(props: QueryStateProps<TData>) {
  const { query, what, isEmpty, empty, renderError, placeholderHeading, children } = props;
  const { data, error } = query;
  if (data === undefined) {
    return (
      <>
        {placeholderHeading}
        {error ? (
          (renderError?.(error) ?? <QueryError query={query} what={what} />)
        ) : (
          <p className="state state--loading" role="status">
            Loading {what}…
          </p>
        )}
      </>
    );
  }
  if (isEmpty?.(data)) return <div className="state state--empty">{empty ?? `No ${what} to show.`}</div>;
  return (
    <>
      {error ? <StaleNotice query={query} what={what} /> : null}
      {children(data)}
    </>
  );
}

function QueryError({ query, what }: { query: QueryLike<unknown>; what: string }) {
  return (
    <div className="state state--error" role="alert">
      <p>
        Could not load {what}: {errorMessage(query.error)}
      </p>
      <button type="button" className="button" onClick={() => query.refetch()} disabled={query.isFetching}>
        {query.isFetching ? "Retrying…" : "Retry"}
      </button>
    </div>
  );
}

/** A refresh failed but older data is on screen: say so instead of hiding what we have. */
function StaleNotice({ query, what }: { query: QueryLike<unknown>; what: string }) {
  return (
    <div className="banner banner--warn" role="alert">
      <span>
        Refreshing {what} failed ({errorMessage(query.error)}); showing data from {formatClockTime(query.dataUpdatedAt)}
        .
      </span>
      <button type="button" className="button button--small" onClick={() => query.refetch()}>
        Retry
      </button>
    </div>
  );
}
