import { authRouter } from "../auth/auth-router.ts";
import { demoRouter } from "../demo/demo-router.ts";
import { fleetRouter } from "../fleet/fleet-router.ts";
import { sourcesRouter } from "../sources/sources-router.ts";
import { usersRouter } from "../users/users-router.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  fleet: fleetRouter,
  sources: sourcesRouter,
  demo: demoRouter,
});

export type AppRouter = typeof appRouter;
