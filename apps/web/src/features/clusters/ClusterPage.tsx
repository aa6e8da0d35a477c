import { Link } from "@tanstack/react-router";
import { QueryState } from "../../components/QueryState.tsx";
import { EntityHeader, type Fact } from "../entities/EntityHeader.tsx";
import { renderMissingEntity } from "../entities/EntityNotFound.tsx";
import { LiveIndicator } from "../overview/LiveIndicator.tsx";
import { clusterKindLabels } from "./cluster-summary.ts";
import type { ClusterAnswer } from "./cluster-types.ts";
import { EtcdClusterView } from "./EtcdClusterView.tsx";
import { KubernetesClusterView } from "./KubernetesClusterView.tsx";
import { TidbClusterView } from "./TidbClusterView.tsx";
import { useLiveCluster } from "./use-clusters.ts";

/** One cluster as its own control plane describes it, kept live. */
export function ClusterPage({ clusterId }: { clusterId: string }) {
  const { query, connection, missing } = useLiveCluster(clusterId);
  const cluster = query.data;
  return (
    <div className="page">
      <ClusterBreadcrumb cluster={cluster} />
      <QueryState
        query={query}
        what={`cluster ${clusterId}`}
        renderError={renderMissingEntity("cluster", clusterId)}
        placeholderHeading={<EntityHeader kind="Cluster" title={clusterId} facts={[]} />}
      >
        {(answer) => (
          <>
            <EntityHeader
              kind={`${clusterKindLabels[answer.detail.kind]} cluster`}
              title={answer.name}
              facts={clusterFacts(answer)}
            />
            {missing ? null : <LiveIndicator connection={connection} atMs={answer.readAtMs} />}
            <ClusterKindView cluster={answer} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function ClusterBreadcrumb({ cluster }: { cluster: ClusterAnswer | undefined }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to="/topology" search={{ view: "clusters" }}>
        Topology
      </Link>
      {cluster ? (
        <>
          <span aria-hidden="true"> › </span>
          <Link to="/regions/$regionId" params={{ regionId: cluster.regionId }}>
            {cluster.regionId}
          </Link>
          <span aria-hidden="true"> › </span>
          <span aria-current="page">{cluster.name}</span>
        </>
      ) : null}
    </nav>
  );
}

function clusterFacts(cluster: ClusterAnswer): Fact[] {
  return [
    { label: "Id", value: <span className="mono">{cluster.clusterId}</span> },
    {
      label: "Region",
      value: (
        <Link to="/regions/$regionId" params={{ regionId: cluster.regionId }}>
          {cluster.regionId}
        </Link>
      ),
    },
    { label: "Source", value: cluster.sourceId },
    {
      label: "Map",
      value: (
        <Link to="/topology" search={{ view: "map", sel: `cluster:${cluster.clusterId}` }}>
          Show on the placement map
        </Link>
      ),
    },
  ];
}

function ClusterKindView({ cluster }: { cluster: ClusterAnswer }) {
  const { detail } = cluster;
  switch (detail.kind) {
    case "kubernetes":
      return <KubernetesClusterView detail={detail} />;
    case "etcd":
      return <EtcdClusterView detail={detail} />;
    case "tidb":
      return <TidbClusterView detail={detail} />;
    case "vm":
      return (
        <div className="state state--empty">
          <p>VM clusters have no control plane to read: there are no nodes, workloads or members to list here.</p>
          <p>
            Its instances are on the{" "}
            <Link to="/regions/$regionId" params={{ regionId: cluster.regionId }}>
              {cluster.regionId} region page
            </Link>{" "}
            and on the{" "}
            <Link to="/topology" search={{ view: "map", sel: `cluster:${cluster.clusterId}` }}>
              placement map
            </Link>
            .
          </p>
        </div>
      );
  }
}
