import { describe, expect, it } from "vitest";
import { postgresServerOf } from "./postgres-server.ts";

describe("postgresServerOf", () => {
  it("reads host and port, with PostgreSQL's default port", () => {
    expect(postgresServerOf("postgres://db.internal:6543/fleetdeck").address).toBe("db.internal:6543");
    expect(postgresServerOf("postgres://db.internal/fleetdeck").address).toBe("db.internal:5432");
    expect(postgresServerOf("postgresql://[::1]:5433/fleetdeck").address).toBe("[::1]:5433");
    expect(postgresServerOf("postgres:///fleetdeck?host=/run/postgresql").address).toBe("/run/postgresql:5432");
  });

  it("redacts the password, as written in the URL and decoded", () => {
    const server = postgresServerOf("postgres://fleetdeck:p%40ss@db.internal/fleetdeck");
    expect(server.redact("tried p@ss and p%40ss")).toBe("tried *** and ***");
  });
});
