import { StatusBadge } from "../../components/HealthBadge.tsx";
import { Panel } from "../../components/Panel.tsx";
import { StatGrid } from "../../components/StatCard.tsx";
import { formatBytes, formatCount } from "../../lib/format.ts";
import {
  fullyReady,
  nodesNeedingAttentionFirst,
  podsNeedingAttentionFirst,
  workloadsNeedingAttentionFirst,
} from "./attention-order.ts";
import { kubernetesCounts } from "./cluster-summary.ts";
import type { KubernetesDetail, KubernetesNode, KubernetesPod, KubernetesWorkload } from "./cluster-types.ts";
import { NameWithInstance } from "./InstanceLinks.tsx";
import { SortableTable } from "./SortableTable.tsx";
import type { SortableColumn } from "./table-sort.ts";

const orDash = (value: string | null) => value ?? "—";

const nodeColumns: readonly SortableColumn<KubernetesNode>[] = [
  { header: "Node", rowHeader: true, cell: (n) => <span className="mono">{n.name}</span>, sortValue: (n) => n.name },
  {
    header: "Ready",
    cell: (n) => (
      <span className="cell-with-badge">
        <StatusBadge tone={n.ready ? "good" : "bad"}>{n.ready ? "Ready" : "NotReady"}</StatusBadge>
        {n.unschedulable ? <StatusBadge tone="warn">cordoned</StatusBadge> : null}
      </span>
    ),
    sortValue: (n) => n.ready,
  },
  { header: "Roles", cell: (n) => (n.roles.length > 0 ? n.roles.join(", ") : "<none>") },
  { header: "Zone", cell: (n) => orDash(n.zoneId), sortValue: (n) => n.zoneId },
  { header: "Kubelet", cell: (n) => orDash(n.kubeletVersion), sortValue: (n) => n.kubeletVersion },
  { header: "CPU", numeric: true, cell: (n) => formatCount(n.cpuCores), sortValue: (n) => n.cpuCores },
  {
    header: "Memory",
    numeric: true,
    cell: (n) => (n.memoryBytes === null ? "—" : formatBytes(n.memoryBytes)),
    sortValue: (n) => n.memoryBytes,
  },
];

const workloadColumns: readonly SortableColumn<KubernetesWorkload>[] = [
  {
    header: "Workload",
    rowHeader: true,
    cell: (w) => (
      <span className="mono">
        {w.namespace}/{w.name}
      </span>
    ),
    sortValue: (w) => `${w.namespace}/${w.name}`,
  },
  { header: "Kind", cell: (w) => w.kind, sortValue: (w) => w.kind },
  {
    header: "Ready",
    numeric: true,
    cell: (w) => (
      <span className={fullyReady(w) ? undefined : "text-bad"}>
        {formatCount(w.readyReplicas)}/{w.desiredReplicas === null ? "—" : formatCount(w.desiredReplicas)}
      </span>
    ),
    sortValue: (w) => (w.desiredReplicas ? w.readyReplicas / w.desiredReplicas : w.readyReplicas),
  },
];

const podColumns: readonly SortableColumn<KubernetesPod>[] = [
  {
    header: "Pod",
    rowHeader: true,
    cell: (p) => <NameWithInstance name={p.name} instanceId={p.instanceId} />,
    sortValue: (p) => `${p.namespace}/${p.name}`,
  },
  { header: "Phase", cell: (p) => p.phase, sortValue: (p) => p.phase },
  {
    header: "Ready",
    cell: (p) => <StatusBadge tone={p.ready ? "good" : "bad"}>{p.ready ? "ready" : "not ready"}</StatusBadge>,
    sortValue: (p) => p.ready,
  },
  { header: "Restarts", numeric: true, cell: (p) => formatCount(p.restarts), sortValue: (p) => p.restarts },
  { header: "Node", cell: (p) => <span className="mono">{orDash(p.nodeName)}</span>, sortValue: (p) => p.nodeName },
  { header: "Workload", cell: (p) => orDash(p.workload), sortValue: (p) => p.workload },
];

/** A Kubernetes cluster: its nodes, its workloads and their pods, each table opening on its problems. */
export function KubernetesClusterView({ detail }: { detail: KubernetesDetail }) {
  const counts = kubernetesCounts(detail);
  return (
    <>
      <StatGrid
        label="Cluster totals"
        stats={[
          readyStat("Nodes ready", counts.nodesReady, counts.nodes),
          readyStat("Workloads fully ready", counts.workloadsReady, counts.workloads),
          readyStat("Pods ready", counts.podsReady, counts.pods),
          { label: "Pod restarts", value: formatCount(counts.restarts) },
        ]}
      />
      <Panel title="Pods" className="panel--wide">
        <SortableTable
          label="Pods"
          caption="Pods not ready or restarting first; click a header to sort."
          columns={podColumns}
          rows={detail.pods}
          rowKey={(p) => `${p.namespace}/${p.name}`}
          emptyText="No pods."
          defaultOrder={podsNeedingAttentionFirst}
          expandable={{ firstRows: 50, noun: "pods" }}
        />
      </Panel>
      <div className="panel-grid">
        <Panel title="Workloads">
          <SortableTable
            label="Workloads"
            caption="Workloads short of ready replicas first."
            columns={workloadColumns}
            rows={detail.workloads}
            rowKey={(w) => `${w.kind}/${w.namespace}/${w.name}`}
            emptyText="No workloads."
            defaultOrder={workloadsNeedingAttentionFirst}
            expandable={{ firstRows: 25, noun: "workloads" }}
          />
        </Panel>
        <Panel title="Nodes">
          <SortableTable
            label="Nodes"
            caption="Nodes not ready or cordoned first."
            columns={nodeColumns}
            rows={detail.nodes}
            rowKey={(n) => n.name}
            emptyText="No nodes."
            defaultOrder={nodesNeedingAttentionFirst}
            expandable={{ firstRows: 25, noun: "nodes" }}
          />
        </Panel>
      </div>
    </>
  );
}

function readyStat(label: string, ready: number, total: number) {
  return {
    label,
    value: `${formatCount(ready)}/${formatCount(total)}`,
    tone: ready < total ? ("bad" as const) : ("good" as const),
  };
}
