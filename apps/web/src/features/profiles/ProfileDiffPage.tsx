import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/format-date-time.ts";
import { DiffTopTable } from "./DiffTopTable.tsx";
import { FlameControls } from "./FlameControls.tsx";
import { FlameGraphPanel } from "./FlameGraphPanel.tsx";
import { diffFlameGraphUrl } from "./profile-requests.ts";
import type { ProfileDiffSearch } from "./profile-search.ts";
import { useFlameControls } from "./use-flame-controls.ts";
import { type ProfileMeta, useProfileDiffTop, useProfileMeta } from "./use-profiles.ts";

interface ProfileDiffPageProps {
  search: ProfileDiffSearch;
  onSearchChange: (change: Partial<ProfileDiffSearch>) => void;
}

/** How target differs from base: a differential flame graph and the functions that changed most. */
export function ProfileDiffPage({ search, onSearchChange }: ProfileDiffPageProps) {
  const base = useProfileMeta(search.base);
  const target = useProfileMeta(search.target);
  if (search.base === undefined || search.target === undefined) {
    return (
      <div className="page">
        <h1 className="page__title">Compare profiles</h1>
        <div className="state state--empty">
          <p>
            Choose a base and a target profile to compare on the <Link to="/profiles">profiles page</Link>.
          </p>
        </div>
      </div>
    );
  }
  const bothLoaded = base.data && target.data ? { base: base.data, target: target.data } : undefined;
  return (
    <div className="page profile-page">
      <QueryState
        query={{
          ...target,
          data: bothLoaded,
          error: base.error ?? target.error,
          refetch: () => [base.refetch(), target.refetch()],
        }}
        what="the two profiles"
      >
        {(profiles) => <ProfileDiff {...profiles} search={search} onSearchChange={onSearchChange} />}
      </QueryState>
    </div>
  );
}

function ProfileDiff({
  base,
  target,
  search,
  onSearchChange,
}: { base: ProfileMeta; target: ProfileMeta } & ProfileDiffPageProps) {
  // Only the sample types both profiles have can be compared.
  const shared = target.sampleTypes.filter((type) => base.sampleTypes.some((other) => other.type === type.type));
  const { controls, sampleType, searchRegex, focusSearch } = useFlameControls(
    search,
    onSearchChange,
    shared,
    target.defaultSampleType,
  );
  const unit = shared.find((type) => type.type === sampleType)?.unit ?? "";
  const diffTop = useProfileDiffTop(base.id, target.id, search.sampleType);
  const { focus, hide } = search;
  const urlForPath = useMemo(() => {
    const settings = { sampleType: search.sampleType, focus, hide };
    return (path: readonly string[]) => diffFlameGraphUrl(base.id, target.id, settings, path);
  }, [base.id, target.id, search.sampleType, focus, hide]);

  return (
    <>
      <div className="page__head page__head--entity">
        <p className="page__kicker">Profile diff</p>
        <h1 className="page__title">
          {target.name} <span className="text-muted">against</span> {base.name}
        </h1>
        <dl className="facts facts--inline">
          <DiffSide label="Base (before)" profile={base} />
          <DiffSide label="Target (after)" profile={target} />
        </dl>
      </div>
      <FlameControls {...controls} />
      <div className="profile-views">
        <Panel title="Differential flame graph" className="profile-views__graph">
          <FlameGraphPanel
            urlForPath={urlForPath}
            zoomPath={search.path ?? []}
            onZoomPathChange={(path) => onSearchChange({ path: path.length === 0 ? undefined : path })}
            orientation="flame"
            searchRegex={searchRegex}
            highlightedFunction={null}
            onFocusSearch={focusSearch}
            label={`Differential flame graph of ${sampleType} (${unit}), ${target.name} against ${base.name}`}
            legend={<DiffLegend />}
          />
        </Panel>
        <Panel title="Largest changes" className="profile-views__table">
          <QueryState query={diffTop} what="the largest changes">
            {(answer) => (
              <DiffTopTable
                diffTop={answer}
                sort={search.sort}
                onSortChange={(sort) => onSearchChange({ sort })}
                searchRegex={searchRegex}
              />
            )}
          </QueryState>
        </Panel>
      </div>
    </>
  );
}

function DiffSide({ label, profile }: { label: string; profile: ProfileMeta }) {
  return (
    <div className="facts__item">
      <dt>{label}</dt>
      <dd>
        <Link to="/profiles/$profileId" params={{ profileId: profile.id }}>
          {profile.name}
        </Link>{" "}
        <span className="text-muted">
          {profile.instanceId ?? "no instance"}, {formatDateTime(Date.parse(profile.capturedAt))}
        </span>
      </dd>
    </div>
  );
}

/** What the diff colours mean; the change is measured against the whole target profile. */
function DiffLegend() {
  return (
    <ul className="flame-legend" aria-label="Legend">
      <li>
        <span className="flame-legend__swatch flame-legend__swatch--grew" aria-hidden="true" /> Red: grew
      </li>
      <li>
        <span className="flame-legend__swatch flame-legend__swatch--shrank" aria-hidden="true" /> Blue: shrank
      </li>
      <li>
        <span className="flame-legend__swatch flame-legend__swatch--same" aria-hidden="true" /> Grey: unchanged
      </li>
      <li>
        Base scaled to the target's total; colour strength is the change as a share of the profile, frame widths show
        both profiles.
      </li>
    </ul>
  );
}
