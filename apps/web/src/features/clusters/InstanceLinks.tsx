import { Link } from "@tanstack/react-router";

/**
 * Where a pod, member or store leads: its instance page (GC charts and profiles) and its place on
 * the placement map, which also knows instances that only a cluster's control plane reports.
 */
export function InstanceLinks({ instanceId }: { instanceId: string | null }) {
  if (instanceId === null) return <span className="text-muted">—</span>;
  return (
    <span className="instance-links">
      <Link to="/instances/$instanceId" params={{ instanceId }} className="mono">
        {instanceId}
      </Link>
      <Link
        to="/topology"
        search={{ view: "map", sel: `instance:${instanceId}` }}
        aria-label={`Show ${instanceId} on the placement map`}
        className="instance-links__map"
      >
        map
      </Link>
    </span>
  );
}

/** A pod's or store's name with its instance's links on a second, smaller line. */
export function NameWithInstance({ name, instanceId }: { name: string; instanceId: string | null }) {
  return (
    <span className="name-with-instance">
      <span className="mono">{name}</span>
      {instanceId === null ? null : <InstanceLinks instanceId={instanceId} />}
    </span>
  );
}
