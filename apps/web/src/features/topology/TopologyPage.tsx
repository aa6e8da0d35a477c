import { Link } from "@tanstack/react-router";
import { ClustersList } from "../clusters/ClustersList.tsx";
import { ServiceGraphView } from "./graph/ServiceGraphView.tsx";
import { PlacementMapView } from "./map/PlacementMapView.tsx";
import type { TopologySearch, TopologyView } from "./topology-search.ts";

const views: { view: TopologyView; label: string }[] = [
  { view: "map", label: "Placement map" },
  { view: "graph", label: "Service graph" },
  { view: "clusters", label: "Clusters" },
];

export interface TopologyViewProps {
  search: TopologySearch;
  onSearchChange: (change: Partial<TopologySearch>) => void;
}

/** Where things run and how they call each other: the placement map, the service graph, the clusters. */
export function TopologyPage({ search, onSearchChange }: TopologyViewProps) {
  const view = search.view ?? "map";
  return (
    <div className="page">
      <div className="page__head">
        <h1 className="page__title">Topology</h1>
      </div>
      <nav className="level-tabs" aria-label="Topology views">
        {views.map((tab) => (
          <Link
            key={tab.view}
            to="/topology"
            search={(previous) => ({ ...previous, view: tab.view })}
            className="level-tabs__tab"
            aria-current={view === tab.view ? "page" : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {view === "map" && <PlacementMapView search={search} onSearchChange={onSearchChange} />}
      {view === "graph" && <ServiceGraphView search={search} onSearchChange={onSearchChange} />}
      {view === "clusters" && <ClustersList />}
    </div>
  );
}
