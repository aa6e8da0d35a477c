import pg from "pg";
import type { Database, Queryable } from "./database.ts";
import { messageOf } from "./error-message.ts";
import { postgresServerOf } from "./postgres-server.ts";

/** pg waits forever for a connection by default; a console must say that its database is down. */
const connectTimeoutMs = 10_000;

/**
 * Opens a pool of connections to a PostgreSQL server (`postgres://user:password@host:port/db`) and
 * checks that it answers. Connection failures name host:port, never the password.
 */
export async function openPostgres(url: string): Promise<Database> {
  const server = postgresServerOf(url);
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: "fleetdeck",
  });
  // When an idle connection drops (server restart, network), pg emits "error" on the pool, which
  // would crash the process without a listener. The pool has already discarded that connection,
  // and the next query opens a new one and reports its own failure, so there is nothing to do.
  pool.on("error", () => {});

  const connect = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      throw new Error(`Cannot connect to PostgreSQL at ${server.address}: ${server.redact(messageOf(error))}`, {
        cause: error,
      });
    }
  };

  let closed = false;
  const database: Database = {
    engine: "postgres",
    query: async (sql, params) => {
      const client = await connect();
      try {
        return await queryableOf(client).query(sql, params);
      } finally {
        client.release();
      }
    },
    runScript: async (sql) => {
      const client = await connect();
      try {
        await queryableOf(client).runScript(sql);
      } finally {
        client.release();
      }
    },
    transaction: async (fn) => {
      const client = await connect();
      let connectionBroken: Error | undefined;
      try {
        await client.query("begin");
        const result = await fn(queryableOf(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch((rollbackError: Error) => {
          connectionBroken = rollbackError;
        });
        throw error;
      } finally {
        // A connection that could not roll back is destroyed rather than handed to the next caller.
        client.release(connectionBroken);
      }
    },
    ping: async () => {
      await database.query("select 1");
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };

  try {
    await database.ping();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function queryableOf(client: pg.PoolClient): Queryable {
  return {
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      // pg's typings require a row type that extends QueryResultRow; Queryable leaves Row free.
      (await client.query(sql, [...params])).rows as Row[],
    runScript: async (sql: string) => {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}
