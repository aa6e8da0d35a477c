export * from "./database.ts";
export * from "./demo-state.ts";
export * from "./load-migrations.ts";
export * from "./open-database.ts";
export * from "./pglite.ts";
export * from "./postgres.ts";
export * from "./run-migrations.ts";
