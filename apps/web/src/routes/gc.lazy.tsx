import { createLazyRoute } from "@tanstack/react-router";
import { NotBuiltYet } from "../components/NotBuiltYet.tsx";

export const Route = createLazyRoute("/signed-in/gc")({ component: GcRoute });

function GcRoute() {
  return (
    <NotBuiltYet
      title="GC"
      description="GC metrics over time per instance, service and region (pauses, heap against goal and limit, GC CPU), with what-if predictions for GOGC and GOMEMLIMIT."
    />
  );
}
