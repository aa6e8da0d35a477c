/**
 * The storage interface the server uses, one Postgres dialect on two engines: PGlite (embedded,
 * the default) and a PostgreSQL server (for several replicas). SQL uses `$1`-style parameters on
 * both. Rows come back with node-postgres' types on both engines: int8 and numeric as strings
 * (they can exceed 2^53), timestamptz as Date, json/jsonb parsed, float8 and int4 as numbers.
 * Still different: bytea (Buffer on PostgreSQL, plain Uint8Array on PGlite: read both as
 * Uint8Array) and interval (an object vs a string: select extract(epoch from …) instead).
 */
export interface Queryable {
  /** Runs one statement. Pass JSON for json/jsonb parameters as a string (`JSON.stringify`). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters, such as a migration file. */
  runScript(sql: string): Promise<void>;
}

export type DatabaseEngine = "pglite" | "postgres";

export interface Database extends Queryable {
  readonly engine: DatabaseEngine;
  /**
   * Runs fn inside BEGIN … COMMIT and rolls back if it throws. Inside fn use only `tx`: PGlite has a
   * single connection, so a query on the outer Database would wait for the transaction to end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a query; throws an Error saying what is wrong otherwise. */
  ping(): Promise<void>;
  /** Releases the connections or the embedded engine. Closing twice is harmless. */
  close(): Promise<void>;
}
