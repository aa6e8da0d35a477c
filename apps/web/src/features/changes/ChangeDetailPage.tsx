import type { ChangeState } from "@fleetdeck/core";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { QueryState } from "../../components/QueryState.tsx";
import { isClientError } from "../../lib/trpc-errors.ts";
import { catalogProblem, regionOptions } from "../catalog/catalog-options.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";
import { configInForce } from "../entities/config-in-force.ts";
import { useSignedInUser } from "../session/use-session.ts";
import { ApprovalsPanel } from "./ApprovalsPanel.tsx";
import { ChangeActions } from "./ChangeActions.tsx";
import { ChangeEditor } from "./ChangeEditor.tsx";
import { ChangeHeader } from "./ChangeHeader.tsx";
import { CommentsPanel } from "./CommentsPanel.tsx";
import { ConfigDiffPanel } from "./ConfigDiffPanel.tsx";
import { changeFormOf } from "./change-form.ts";
import { editorServices } from "./editor-services.ts";
import { PredictionPanel } from "./PredictionPanel.tsx";
import { RolloutPanel } from "./RolloutPanel.tsx";
import { type ChangeView, useChangePreview, useLiveChange, useTargetService } from "./use-changes.ts";
import { useFleetNow } from "./use-fleet-now.ts";

/** States whose reason the rollout panel gives (its hold or its rollback), so no banner repeats it. */
const rolloutExplains: ReadonlySet<ChangeState> = new Set(["paused", "rolling_back", "rolled_back"]);

/** How the banner names a reason: why a change ended, or a note (a lapsed approval, a resume). */
const reasonTags: Partial<Record<ChangeState, string>> = {
  rejected: "Rejected",
  cancelled: "Cancelled",
  expired: "Expired",
};

/** One change request: what it does, who approved it, what to do next, and its rollout live. */
export function ChangeDetailPage({ changeId }: { changeId: string }) {
  const { query, connection, readings } = useLiveChange(changeId);
  const moving = query.data?.state === "rolling" || query.data?.state === "rolling_back";
  const fleetNowMs = useFleetNow(readings, moving);
  return (
    <div className="page">
      <QueryState
        query={query}
        what="the change request"
        renderError={(error) =>
          isClientError(error) ? (
            <div className="state state--empty">
              <p>No change request {changeId}.</p>
              <p>
                <Link to="/changes">Back to the changes</Link>
              </p>
            </div>
          ) : null
        }
      >
        {(change) => <ChangeDetail change={change} connection={connection} fleetNowMs={fleetNowMs} />}
      </QueryState>
    </div>
  );
}

function ChangeDetail({
  change,
  connection,
  fleetNowMs,
}: {
  change: ChangeView;
  connection: Parameters<typeof ChangeHeader>[0]["connection"];
  fleetNowMs: number | null;
}) {
  const user = useSignedInUser();
  const [editing, setEditing] = useState(false);
  const viewer = user ? { userId: user.id, permissions: user.permissions } : null;
  const rollout = change.rollout;
  const editable = change.state === "draft" || change.state === "pending_approval" || change.state === "approved";

  return (
    <>
      <ChangeHeader change={change} connection={connection} />
      {change.content.description ? <p className="change-description">{change.content.description}</p> : null}
      {change.stateReason && !rolloutExplains.has(change.state) ? (
        <div className="banner banner--warn" role="note">
          <span className="banner__tag">{reasonTags[change.state] ?? "Note"}</span>
          <span>{change.stateReason}</span>
        </div>
      ) : null}
      <ChangeActions change={change} viewer={viewer} editing={editing} onEdit={() => setEditing(true)} />
      {editing && editable ? (
        <EditChange change={change} onDone={() => setEditing(false)} />
      ) : (
        <>
          {rollout ? <RolloutPanel change={change} progress={rollout} fleetNowMs={fleetNowMs} /> : null}
          <div className="panel-grid">
            <ChangeDiff change={change} />
            <ApprovalsPanel change={change} />
          </div>
          {rollout ? null : <ChangePrediction change={change} />}
          <CommentsPanel change={change} />
        </>
      )}
    </>
  );
}

/** Before: what the rollout found (once started), else what the target runs now. */
function ChangeDiff({ change }: { change: ChangeView }) {
  const rollout = change.rollout;
  const service = useTargetService(rollout ? null : change.content.target.serviceId, { moving: false });
  const preview = useChangePreview(rollout ? null : change.content, change.id);
  if (rollout) {
    return (
      <ConfigDiffPanel
        content={change.content}
        contentHash={change.contentHash}
        current={Object.values(rollout.restore)}
        currentFrom={`what the ${rollout.targets.length} target instances ran when the rollout started`}
      />
    );
  }
  const targetIds = new Set(preview.data?.instances.map((i) => i.id) ?? []);
  const current =
    service.data && preview.data
      ? service.data.instances
          .filter((row) => targetIds.has(row.instance.id))
          .map((row) => configInForce(row.instance, row.sample))
      : null;
  return (
    <ConfigDiffPanel
      content={change.content}
      contentHash={change.contentHash}
      current={current}
      currentFrom={`what the ${targetIds.size} target instances report running now`}
    />
  );
}

function ChangePrediction({ change }: { change: ChangeView }) {
  const preview = useChangePreview(change.content, change.id);
  return <PredictionPanel preview={preview} />;
}

function EditChange({ change, onDone }: { change: ChangeView; onDone: () => void }) {
  const catalog = useFleetCatalog();
  return (
    <ChangeEditor
      initial={changeFormOf(change.content)}
      services={editorServices(catalog.data?.catalog)}
      regions={regionOptions(catalog.data?.catalog)}
      servicesProblem={catalogProblem(catalog)}
      changeId={change.id}
      onSaved={onDone}
      onCancel={onDone}
    />
  );
}
