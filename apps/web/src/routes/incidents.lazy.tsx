import { createLazyRoute } from "@tanstack/react-router";
import { NotBuiltYet } from "../components/NotBuiltYet.tsx";

export const Route = createLazyRoute("/signed-in/incidents")({ component: IncidentsRoute });

function IncidentsRoute() {
  return (
    <NotBuiltYet
      title="Incidents"
      description="open and past incidents with their timeline, annotations and the fleet state at the time."
    />
  );
}
