import { describe, expect, it } from "vitest";
import { ConfigError, loadServerConfig } from "./config.ts";

describe("loadServerConfig", () => {
  it("applies defaults", () => {
    const config = loadServerConfig({});
    expect(config).toMatchObject({ FLEETDECK_PORT: 4000, FLEETDECK_HOST: "127.0.0.1", FLEETDECK_DATA_DIR: "./data" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("lets flags win over the environment", () => {
    expect(loadServerConfig({ FLEETDECK_PORT: "5000" }, { FLEETDECK_PORT: "6000" }).FLEETDECK_PORT).toBe(6000);
  });

  it("names every wrong variable and its value", () => {
    const load = () => loadServerConfig({ FLEETDECK_PORT: "eighty", FLEETDECK_LOG_LEVEL: "loud" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/FLEETDECK_PORT="eighty"/);
    expect(load).toThrow(/FLEETDECK_LOG_LEVEL="loud"/);
  });

  it("names a bad DATABASE_URL without echoing it (it may hold a password)", () => {
    const load = () => loadServerConfig({ DATABASE_URL: "mysql://root:hunter2@db/x" });
    expect(load).toThrow(/DATABASE_URL: must be a postgres/);
    expect(load).not.toThrow(/hunter2/);
  });

  it("caps the demo fleet at 10,000 instances", () => {
    expect(() => loadServerConfig({ FLEETDECK_DEMO_INSTANCES: "20000" })).toThrow(/FLEETDECK_DEMO_INSTANCES/);
  });
});
