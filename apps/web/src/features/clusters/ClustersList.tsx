import { Link } from "@tanstack/react-router";
import { type Column, DataTable } from "../../components/DataTable.tsx";
import { StatusBadge } from "../../components/HealthBadge.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { clusterKindLabels, summarizeCluster } from "./cluster-summary.ts";
import type { ClusterAnswer, ClustersAnswer } from "./cluster-types.ts";
import { useClusters } from "./use-clusters.ts";

const clusterColumns: readonly Column<ClusterAnswer>[] = [
  {
    header: "Cluster",
    rowHeader: true,
    cell: (c) => (
      <Link to="/clusters/$clusterId" params={{ clusterId: c.clusterId }}>
        {c.name}
      </Link>
    ),
  },
  { header: "Kind", cell: (c) => clusterKindLabels[c.detail.kind] },
  {
    header: "Region",
    cell: (c) => (
      <Link to="/regions/$regionId" params={{ regionId: c.regionId }}>
        {c.regionId}
      </Link>
    ),
  },
  {
    header: "Summary",
    cell: (c) => {
      const summary = summarizeCluster(c.detail);
      return (
        <span className="cell-with-badge">
          <span>{summary.text}</span>
          {summary.problem ? <StatusBadge tone={summary.tone}>{summary.problem}</StatusBadge> : null}
        </span>
      );
    },
  },
  { header: "Source", cell: (c) => c.sourceId },
];

/** The Clusters tab of /topology: every cluster a control plane describes, each linking to its page. */
export function ClustersList() {
  const query = useClusters();
  return (
    <QueryState
      query={query}
      what="the clusters"
      isEmpty={(answer) => answer.clusters.length === 0 && answer.sourceErrors.length === 0}
      empty="No source describes any cluster."
    >
      {(answer) => <ClustersTable answer={answer} />}
    </QueryState>
  );
}

export function ClustersTable({ answer }: { answer: ClustersAnswer }) {
  const rows = [...answer.clusters].sort(
    (a, b) => a.regionId.localeCompare(b.regionId) || a.name.localeCompare(b.name),
  );
  return (
    <>
      {answer.sourceErrors.map((failure) => (
        <div key={failure.sourceId} className="banner banner--bad" role="alert">
          <span>
            Source "{failure.sourceId}" could not be read: {failure.message}. Its clusters are missing below.
          </span>
        </div>
      ))}
      <DataTable
        label="Clusters"
        columns={clusterColumns}
        rows={rows}
        rowKey={(c) => `${c.sourceId}/${c.clusterId}`}
        emptyText="No cluster could be read."
      />
    </>
  );
}
