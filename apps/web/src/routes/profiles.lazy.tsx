import { createLazyRoute } from "@tanstack/react-router";
import { NotBuiltYet } from "../components/NotBuiltYet.tsx";

export const Route = createLazyRoute("/signed-in/profiles")({ component: ProfilesRoute });

function ProfilesRoute() {
  return (
    <NotBuiltYet
      title="Profiles"
      description="capturing CPU and heap profiles from instances, flame graphs and diffs between two profiles."
    />
  );
}
