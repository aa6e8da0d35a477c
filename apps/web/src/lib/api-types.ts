import type { AppRouter } from "@fleetdeck/server/router";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** What the BFF answers, inferred from its router: no hand-written copies of server types. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type OverviewAnswer = RouterOutputs["fleet"]["overview"];
export type FleetOverview = NonNullable<OverviewAnswer["overview"]>;
export type CatalogAnswer = RouterOutputs["fleet"]["catalog"];
export type FleetCatalog = NonNullable<CatalogAnswer["catalog"]>;
export type CatalogRegion = FleetCatalog["regions"][number];
export type CatalogService = FleetCatalog["services"][number];
export type ServiceAnswer = RouterOutputs["fleet"]["service"];
export type InstanceAnswer = RouterOutputs["fleet"]["instance"];
export type SourceStatus = OverviewAnswer["sources"][number];
/** A source's status with its address and inventory warnings, as the settings page lists it. */
export type SourceDescription = RouterOutputs["sources"]["status"][number];
export type DemoState = RouterOutputs["demo"]["state"];
export type DemoFault = DemoState["faults"][number];
export type DemoFaultKind = RouterInputs["demo"]["injectFault"]["kind"];
export type SessionAnswer = RouterOutputs["auth"]["me"];
export type SessionUser = NonNullable<SessionAnswer["user"]>;
export type Permission = SessionUser["permissions"][number];
