import { createLazyRoute } from "@tanstack/react-router";
import { NotBuiltYet } from "../components/NotBuiltYet.tsx";

export const Route = createLazyRoute("/signed-in/changes")({ component: ChangesRoute });

function ChangesRoute() {
  return (
    <NotBuiltYet
      title="Changes"
      description="change requests for runtime config (GOGC, GOMEMLIMIT, GOMAXPROCS) and their staged, gated rollouts."
    />
  );
}
