import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { serviceOptions } from "../catalog/catalog-options.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";
import { usePermission, useSignedInUser } from "../session/use-session.ts";
import { ChangesTable } from "./ChangesTable.tsx";
import {
  type ChangeListSearch,
  type ChangeListView,
  changeListViewLabels,
  changeListViewStates,
  changeListViews,
} from "./change-search.ts";
import { useChangeList } from "./use-changes.ts";

interface ChangesListPageProps {
  search: ChangeListSearch;
  onSearchChange: (search: ChangeListSearch) => void;
}

/** The approval queue and the history of config changes: tabs by state, a service filter, all in the URL. */
export function ChangesListPage({ search, onSearchChange }: ChangesListPageProps) {
  const canOperate = usePermission("operate");
  const user = useSignedInUser();
  const list = useChangeList({
    states: changeListViewStates[search.view],
    ...(search.service ? { serviceId: search.service } : {}),
  });
  // Four eyes: a change one wrote or last edited never needs one's approval.
  const mine = (row: { authorId: string; lastEditorId: string }) =>
    search.view === "approval" && (row.authorId === user?.id || row.lastEditorId === user?.id);

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Changes</h1>
        <div className="page__tools">
          {canOperate ? (
            <Link
              to="/changes/new"
              search={search.service ? { service: search.service } : {}}
              className="button button--primary button-link"
            >
              New change
            </Link>
          ) : null}
        </div>
      </div>
      <nav className="level-tabs" aria-label="Changes by state">
        {changeListViews.map((view) => (
          <Link
            key={view}
            to="/changes"
            search={{ ...search, view }}
            className="level-tabs__tab"
            activeOptions={{ exact: true, includeSearch: true }}
            aria-current={search.view === view ? "page" : undefined}
          >
            {changeListViewLabels[view]}
          </Link>
        ))}
      </nav>
      <Panel
        title={changeListViewLabels[search.view]}
        actions={
          <ServiceFilter value={search.service} onChange={(service) => onSearchChange({ ...search, service })} />
        }
      >
        <QueryState
          query={list}
          what="the change requests"
          isEmpty={(rows) => rows.filter((row) => !mine(row)).length === 0}
          empty={<EmptyView view={search.view} filtered={search.service !== undefined} canOperate={canOperate} />}
        >
          {(rows) => {
            const shown = rows.filter((row) => !mine(row));
            const noun = shown.length === 1 ? "change" : "changes";
            return (
              <ChangesTable
                changes={shown}
                caption={`${shown.length} ${noun}${search.service ? ` to ${search.service}` : ""}, latest activity first`}
              />
            );
          }}
        </QueryState>
      </Panel>
    </div>
  );
}

function ServiceFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (service: string | undefined) => void;
}) {
  const id = useId();
  const catalog = useFleetCatalog();
  const services = serviceOptions(catalog.data?.catalog);
  return (
    <div className="field field--inline">
      <label htmlFor={id}>Service</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">Every service</option>
        {value && !services.some((s) => s.id === value) ? <option value={value}>{value}</option> : null}
        {services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function EmptyView({ view, filtered, canOperate }: { view: ChangeListView; filtered: boolean; canOperate: boolean }) {
  if (view === "approval") return <p>Nothing waits for your approval.</p>;
  return (
    <p>
      No {view === "all" ? "" : `${changeListViewLabels[view].toLowerCase()} `}change requests
      {filtered ? " for this service" : ""}.{" "}
      {filtered ? (
        <Link to="/changes" search={{ view }}>
          Show every service
        </Link>
      ) : null}
      {!filtered && canOperate && view !== "done" ? " Propose one with New change." : null}
    </p>
  );
}
