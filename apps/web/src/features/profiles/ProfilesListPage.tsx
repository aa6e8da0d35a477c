import { type ProfileKind, profileKinds } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { InputField } from "../../components/InputField.tsx";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { usePermission } from "../session/use-session.ts";
import { CaptureForm } from "./CaptureForm.tsx";
import { CompareForm } from "./CompareForm.tsx";
import { ProfilesTable } from "./ProfilesTable.tsx";
import type { ProfileListSearch } from "./profile-search.ts";
import { UploadForm } from "./UploadForm.tsx";
import { useProfileList } from "./use-profiles.ts";

interface ProfilesListPageProps {
  search: ProfileListSearch;
  onSearchChange: (search: ProfileListSearch) => void;
}

/** Stored profiles, filterable by instance and kind, with capture, upload and compare. */
export function ProfilesListPage({ search, onSearchChange }: ProfilesListPageProps) {
  const canOperate = usePermission("operate");
  const list = useProfileList({
    ...(search.instanceId ? { instanceId: search.instanceId } : {}),
    ...(search.kind ? { kind: search.kind } : {}),
  });
  const filtered = search.instanceId !== undefined || search.kind !== undefined;

  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Profiles</h1>
      </div>
      {canOperate ? (
        <div className="panel-grid profiles-actions">
          <Panel title="Capture a profile">
            <CaptureForm key={search.instanceId ?? ""} initialInstanceId={search.instanceId} />
          </Panel>
          <Panel title="Upload a profile">
            <UploadForm instanceId={search.instanceId} />
          </Panel>
        </div>
      ) : null}
      <Panel title="Stored profiles">
        <ProfileFilters
          key={`${search.instanceId ?? ""}/${search.kind ?? ""}`}
          search={search}
          onApply={onSearchChange}
        />
        <QueryState
          query={list}
          what="the stored profiles"
          isEmpty={(answer) => answer.pages.every((page) => page.profiles.length === 0)}
          empty={
            filtered ? (
              <p>
                No profile matches these filters. <Link to="/profiles">Show every profile</Link>
              </p>
            ) : (
              <p>No profiles stored yet.{canOperate ? " Capture one from an instance or upload a file." : ""}</p>
            )
          }
        >
          {(answer) => {
            const profiles = answer.pages.flatMap((page) => page.profiles);
            const matching = filtered ? " matching the filters" : "";
            return (
              <>
                <ProfilesTable
                  profiles={profiles}
                  caption={`${list.hasNextPage ? "The newest " : ""}${profiles.length} ${profiles.length === 1 ? "profile" : "profiles"}${matching}, newest first`}
                />
                {list.hasNextPage ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void list.fetchNextPage()}
                    disabled={list.isFetchingNextPage}
                  >
                    {list.isFetchingNextPage ? "Loading older profiles…" : "Load older profiles"}
                  </button>
                ) : null}
                {profiles.length >= 2 ? <CompareForm profiles={profiles} /> : null}
              </>
            );
          }}
        </QueryState>
      </Panel>
    </div>
  );
}

function ProfileFilters({
  search,
  onApply,
}: {
  search: ProfileListSearch;
  onApply: (search: ProfileListSearch) => void;
}) {
  const kindId = useId();
  const [instanceId, setInstanceId] = useState(search.instanceId ?? "");
  const [kind, setKind] = useState<ProfileKind | "">(search.kind ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ instanceId: instanceId.trim() || undefined, kind: kind || undefined });
  };
  return (
    <form className="form__row profiles-filters" onSubmit={submit} aria-label="Filter profiles">
      <InputField label="Instance" value={instanceId} onValueChange={setInstanceId} placeholder="any instance" />
      <div className="field">
        <label htmlFor={kindId}>Kind</label>
        <select
          id={kindId}
          value={kind}
          onChange={(event) => setKind(profileKinds.find((k) => k === event.target.value) ?? "")}
        >
          <option value="">Any kind</option>
          {profileKinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        Filter
      </button>
    </form>
  );
}
