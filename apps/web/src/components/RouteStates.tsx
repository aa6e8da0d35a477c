import type { ErrorComponentProps } from "@tanstack/react-router";
import { errorMessage } from "../lib/trpc-errors.ts";

/** Shown while a page's code loads (only when that takes a moment). */
export function RoutePending() {
  return (
    <p className="state state--loading" role="status">
      Loading page…
    </p>
  );
}

/** A page that threw while rendering: say what broke and let the person try again. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <div className="page">
      <h1 className="page__title">This page failed</h1>
      <div className="state state--error" role="alert">
        <p>{errorMessage(error)}</p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  );
}
