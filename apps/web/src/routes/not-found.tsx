import { Link } from "@tanstack/react-router";

/** Any path the console does not have. */
export function NotFoundPage() {
  return (
    <div className="page">
      <h1 className="page__title">Page not found</h1>
      <p>
        Fleetdeck has no page at this address. <Link to="/">Go to the fleet overview</Link>
      </p>
    </div>
  );
}
