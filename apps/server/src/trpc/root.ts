import { apiTokensRouter } from "../api-tokens/api-tokens-router.ts";
import { auditRouter } from "../audit/audit-router.ts";
import { authRouter } from "../auth/auth-router.ts";
import { changesRouter } from "../changes/changes-router.ts";
import { demoRouter } from "../demo/demo-router.ts";
import { fleetRouter } from "../fleet/fleet-router.ts";
import { gcRouter } from "../gc/gc-router.ts";
import { profilesRouter } from "../profiles/profiles-router.ts";
import { sourcesRouter } from "../sources/sources-router.ts";
import { topologyRouter } from "../topology/topology-router.ts";
import { usersRouter } from "../users/users-router.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  apiTokens: apiTokensRouter,
  fleet: fleetRouter,
  gc: gcRouter,
  sources: sourcesRouter,
  demo: demoRouter,
  audit: auditRouter,
  profiles: profilesRouter,
  changes: changesRouter,
  topology: topologyRouter,
});

export type AppRouter = typeof appRouter;
