import { Link } from "@tanstack/react-router";
import { QueryState } from "../../components/QueryState.tsx";
import { errorMessage } from "../../lib/trpc-errors.ts";
import { usePermission } from "../session/use-session.ts";
import { AuditFilterForm } from "./AuditFilterForm.tsx";
import { AuditTable } from "./AuditTable.tsx";
import { type AuditQueryFilters, type AuditSearch, auditExportHref, auditQueryOf } from "./audit-search.ts";
import { useAuditFacets, useAuditLog, useFilterChosenAtMs } from "./use-audit-log.ts";

interface AuditPageProps {
  search: AuditSearch;
  onSearchChange: (search: AuditSearch) => void;
}

/** Who did what, when, to which entity: the append-only audit log, filtered, paged and exportable. */
export function AuditPage({ search, onSearchChange }: AuditPageProps) {
  const filtersKey = JSON.stringify(search);
  const chosenAtMs = useFilterChosenAtMs(filtersKey);
  const plan = auditQueryOf(search, chosenAtMs);
  const query = useAuditLog(plan.filters);
  const facets = useAuditFacets();
  const showIp = usePermission("administer");

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Audit log</h1>
        <div className="page__tools">{plan.filters ? <ExportLinks filters={plan.filters} /> : null}</div>
      </div>
      <AuditFilterForm
        key={filtersKey}
        search={search}
        facets={facets.data}
        facetsProblem={facets.error ? errorMessage(facets.error) : null}
        onApply={onSearchChange}
      />
      {plan.problem !== null ? (
        <div className="state state--error" role="alert">
          {plan.problem}
        </div>
      ) : (
        <QueryState
          query={query}
          what="the audit log"
          isEmpty={(data) => data.pages.every((page) => page.entries.length === 0)}
          empty={
            <p>
              No audit entries match these filters. <Link to="/audit">Show every entry</Link>
            </p>
          }
        >
          {(data) => (
            <>
              <AuditTable entries={data.pages.flatMap((page) => page.entries)} showIp={showIp} />
              <div className="audit-paging">
                {query.hasNextPage ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void query.fetchNextPage()}
                    disabled={query.isFetchingNextPage}
                  >
                    {query.isFetchingNextPage ? "Loading older entries…" : "Load older entries"}
                  </button>
                ) : (
                  <p className="text-muted">No older entries match these filters.</p>
                )}
              </div>
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}

/** Downloads of every entry the filters match, not only the pages loaded here. */
function ExportLinks({ filters }: { filters: AuditQueryFilters }) {
  return (
    <>
      <a className="button audit-export" href={auditExportHref(filters, "csv")} download>
        Export CSV
      </a>
      <a className="button audit-export" href={auditExportHref(filters, "json")} download>
        Export JSON
      </a>
    </>
  );
}
