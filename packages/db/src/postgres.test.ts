import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./open-database.ts";
import { openPostgres } from "./postgres.ts";

// Port 1 on the loopback interface has no listener, so the connection is refused at once.
const password = "s3cret-Pa55";
const unreachableUrl = `postgres://fleetdeck:${password}@127.0.0.1:1/fleetdeck`;

async function failureOf(opening: Promise<unknown>): Promise<Error> {
  try {
    await opening;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected opening the database to fail");
}

describe("openPostgres", () => {
  it("names host:port of an unreachable server and never its password", async () => {
    const error = await failureOf(openPostgres(unreachableUrl));
    expect(error.message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(inspect(error, { depth: 10 })).not.toContain(password);
  });

  it("does not repeat a URL it cannot parse", async () => {
    const error = await failureOf(openPostgres(`postgres://fleetdeck:${password}@[bad-host/fleetdeck`));
    expect(error.message).toMatch(/PostgreSQL URL is not valid/);
    expect(error.message).not.toContain(password);
  });
});

describe("openDatabase", () => {
  it("uses PostgreSQL when a URL is given", async () => {
    const error = await failureOf(openDatabase({ databaseUrl: unreachableUrl, dataDir: "/nonexistent/unused" }));
    expect(error.message).toMatch(/127\.0\.0\.1:1/);
  });
});
