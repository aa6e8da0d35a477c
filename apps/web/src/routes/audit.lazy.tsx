import { createLazyRoute } from "@tanstack/react-router";
import { NotBuiltYet } from "../components/NotBuiltYet.tsx";

export const Route = createLazyRoute("/signed-in/audit")({ component: AuditRoute });

function AuditRoute() {
  return (
    <NotBuiltYet
      title="Audit"
      description="every change, approval and rollout step, who made it and when, from the append-only audit log."
    />
  );
}
