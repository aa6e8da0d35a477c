import { Link } from "@tanstack/react-router";
import { failingSources } from "../../components/source-status.ts";
import { isClientError } from "../../lib/trpc-errors.ts";
import { useSourceStatuses } from "../shell/use-source-statuses.ts";

type EntityKind = "service" | "instance" | "region" | "cluster";

/**
 * "No service named checkout-x", with a way back, instead of an error screen. While a source is
 * failing the entity may exist in what it could not read, so the page says that too.
 */
export function EntityNotFound({ kind, id }: { kind: EntityKind; id: string }) {
  const failing = failingSources(useSourceStatuses());
  return (
    <div className="state state--empty">
      <p>
        No {kind} named {id}
      </p>
      {failing.length > 0 ? (
        <p>
          {failing.length === 1 ? `Source "${failing[0]?.sourceId}" is` : `${failing.length} sources are`} failing, so
          it may exist where the console cannot read right now.
        </p>
      ) : null}
      <p>
        <Link to="/">Back to the fleet overview</Link>
      </p>
    </div>
  );
}

/** NOT_FOUND, or an id the server rejected as malformed: both mean "there is no such entity". */
export function renderMissingEntity(kind: EntityKind, id: string) {
  return (error: unknown) => (isClientError(error) ? <EntityNotFound kind={kind} id={id} /> : null);
}
