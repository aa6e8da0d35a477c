import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { Panel } from "../../components/Panel.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { isNotFoundError } from "../../lib/trpc-errors.ts";
import { FlameControls } from "./FlameControls.tsx";
import { FlameGraphPanel } from "./FlameGraphPanel.tsx";
import { ProfileHeader } from "./ProfileHeader.tsx";
import { flameGraphUrl } from "./profile-requests.ts";
import { type ProfileViewSearch, viewChange } from "./profile-search.ts";
import { SandwichView } from "./SandwichView.tsx";
import { TopTable } from "./TopTable.tsx";
import { useFlameControls } from "./use-flame-controls.ts";
import { type ProfileMeta, useProfileMeta, useProfileTop } from "./use-profiles.ts";

interface ProfileViewerPageProps {
  profileId: string;
  search: ProfileViewSearch;
  onSearchChange: (change: Partial<ProfileViewSearch>) => void;
}

/** One stored profile: its flame graph (or a function's sandwich) beside its top table. */
export function ProfileViewerPage({ profileId, search, onSearchChange }: ProfileViewerPageProps) {
  const meta = useProfileMeta(profileId);
  return (
    <div className="page profile-page">
      <QueryState
        query={meta}
        what={`profile ${profileId}`}
        renderError={(error) =>
          isNotFoundError(error) ? (
            <div className="state state--error" role="alert">
              <p>There is no profile {profileId}: it may have been deleted.</p>
              <Link to="/profiles">All profiles</Link>
            </div>
          ) : null
        }
      >
        {(profile) => <ProfileViewer meta={profile} search={search} onSearchChange={onSearchChange} />}
      </QueryState>
    </div>
  );
}

function ProfileViewer({
  meta,
  search,
  onSearchChange,
}: { meta: ProfileMeta } & Omit<ProfileViewerPageProps, "profileId">) {
  const [selectedFunction, setSelectedFunction] = useState<string | null>(null);
  const [hoveredFunction, setHoveredFunction] = useState<string | null>(null);
  const { controls, sampleType, searchRegex, focusSearch } = useFlameControls(
    search,
    onSearchChange,
    meta.sampleTypes,
    meta.defaultSampleType,
  );
  const top = useProfileTop(meta.id, search.sampleType);
  const { inverted, focus, hide } = search;
  const urlForPath = useMemo(() => {
    const settings = { sampleType: search.sampleType, inverted, focus, hide };
    return (path: readonly string[]) => flameGraphUrl(meta.id, settings, path);
  }, [meta.id, search.sampleType, inverted, focus, hide]);
  const unit = meta.sampleTypes.find((type) => type.type === sampleType)?.unit ?? "";
  const where = meta.instanceId ? ` of ${meta.instanceId}` : "";

  return (
    <>
      <ProfileHeader meta={meta} />
      <FlameControls
        {...controls}
        inverted={inverted ?? false}
        onInvertedChange={(checked) => onSearchChange(viewChange({ inverted: checked || undefined }))}
      />
      <div className="profile-views">
        {search.sandwich ? (
          <Panel title="Sandwich" className="profile-views__graph">
            <SandwichView
              profileId={meta.id}
              functionName={search.sandwich}
              sampleType={search.sampleType}
              onClose={() => onSearchChange({ sandwich: undefined })}
            />
          </Panel>
        ) : (
          <Panel title={inverted ? "Inverted flame graph" : "Flame graph"} className="profile-views__graph">
            <FlameGraphPanel
              urlForPath={urlForPath}
              zoomPath={search.path ?? []}
              onZoomPathChange={(path) => onSearchChange({ path: path.length === 0 ? undefined : path })}
              orientation={inverted ? "icicle" : "flame"}
              searchRegex={searchRegex}
              highlightedFunction={selectedFunction}
              onHoverFunction={setHoveredFunction}
              onFocusSearch={focusSearch}
              label={`${inverted ? "Inverted flame graph" : "Flame graph"} of ${sampleType} (${unit})${where}`}
            />
          </Panel>
        )}
        <Panel title="Top functions" className="profile-views__table">
          <QueryState query={top} what="the top functions">
            {(answer) => (
              <TopTable
                top={answer}
                sort={search.sort}
                onSortChange={(sort) => onSearchChange({ sort })}
                searchRegex={searchRegex}
                selectedFunction={selectedFunction}
                onSelectFunction={setSelectedFunction}
                hoveredFunction={hoveredFunction}
                onSandwich={(name) => onSearchChange({ sandwich: name })}
              />
            )}
          </QueryState>
        </Panel>
      </div>
    </>
  );
}
