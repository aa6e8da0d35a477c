import { createTestDatabase } from "@fleetdeck/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPasswordHasher } from "../auth/test-password-hasher.ts";
import { loadServerConfig } from "../config/config.ts";
import { createServices } from "../services.ts";

const audit = { actor: "tester", actorKind: "user" as const, ip: "127.0.0.1", requestId: "test" };

describe("demo control plane state", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const config = () =>
    loadServerConfig({
      FLEETDECK_DATA_DIR: database.options.dataDir,
      ...(database.options.databaseUrl ? { DATABASE_URL: database.options.databaseUrl } : {}),
    });

  it("keeps faults and runtime config changes across a restart", async () => {
    const first = await createServices(config(), { passwords: createTestPasswordHasher() });
    const [instance] = (await first.demo.source.inventory()).instances;
    if (!instance) throw new Error("empty demo fleet");
    const fault = await first.demo.injectFault({ kind: "goroutine-leak", serviceId: instance.serviceId }, audit);
    await first.demo.setRuntimeConfig([instance.id], { gogc: 400 }, audit);
    const before = await first.fleet.instance(instance.id);
    await first.close();

    const second = await createServices(config(), { passwords: createTestPasswordHasher() });
    try {
      expect(second.demo.state().faults).toEqual([fault]);
      const events = second.demo.state().configEvents;
      expect(events).toEqual([expect.objectContaining({ instanceIds: [instance.id], patch: { gogc: 400 } })]);
      const after = await second.fleet.instance(instance.id);
      expect(after.sample?.gogc).toBe(400);
      expect(before.sample?.gogc).toBe(400);
    } finally {
      await second.close();
    }
  });

  it("refuses unknown instances and stores nothing", async () => {
    const services = await createServices(config(), { passwords: createTestPasswordHasher() });
    try {
      const eventsBefore = services.demo.state().configEvents.length;
      await expect(services.demo.setRuntimeConfig(["no-such-instance"], { gogc: 50 }, audit)).rejects.toThrow(
        /no-such-instance/,
      );
      expect(services.demo.state().configEvents.length).toBe(eventsBefore);
    } finally {
      await services.close();
    }
    const reopened = await createServices(config(), { passwords: createTestPasswordHasher() });
    try {
      expect(reopened.demo.state().configEvents.map((e) => e.patch)).not.toContainEqual({ gogc: 50 });
    } finally {
      await reopened.close();
    }
  });

  it("refuses config changes during a control-plane outage, storing nothing", async () => {
    const services = await createServices(config(), { passwords: createTestPasswordHasher() });
    try {
      const [instance] = (await services.demo.source.inventory()).instances;
      await services.demo.setOutage("network partition", audit);
      await expect(services.demo.setRuntimeConfig([instance?.id ?? ""], { gomaxprocs: 2 }, audit)).rejects.toThrow(
        /network partition/,
      );
      expect(services.demo.state().configEvents.map((e) => e.patch)).not.toContainEqual({ gomaxprocs: 2 });
    } finally {
      await services.close();
    }
  });
});
