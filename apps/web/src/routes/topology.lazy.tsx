import { createLazyRoute } from "@tanstack/react-router";
import { NotBuiltYet } from "../components/NotBuiltYet.tsx";

export const Route = createLazyRoute("/signed-in/topology")({ component: TopologyRoute });

function TopologyRoute() {
  return (
    <NotBuiltYet
      title="Topology"
      description="the service dependency graph and the placement map of every instance across regions, clusters and nodes."
    />
  );
}
