import type { Database } from "@fleetdeck/db";
import { listConfigEvents } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import { ConfigConflictError, createDemoFleet } from "@fleetdeck/sources";
import { beforeEach, describe, expect, it } from "vitest";
import { DemoConfigActuator, pickupDelayMs } from "./demo-config-actuator.ts";
import { DemoControl } from "./demo-control.ts";

const t0 = 1_750_000_000_000;

describe("the demo fleet as a config centre", () => {
  let db: Database;
  let nowMs = t0;
  const clock = { nowMs: () => nowMs };

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    nowMs = t0;
    await db.query("delete from demo_config_events");
  });

  async function demo() {
    const control = new DemoControl(createDemoFleet({ seed: 7, targetInstances: 60, clock }), clock, db);
    const inventory = await control.source.inventory();
    const service = inventory.services.find((s) => inventory.instances.filter((i) => i.serviceId === s.id).length >= 2);
    if (!service) throw new Error("no service with two instances");
    const [a, b] = inventory.instances.filter((i) => i.serviceId === service.id);
    return { control, actuator: new DemoConfigActuator(control), serviceId: service.id, a: a!.id, b: b!.id };
  }

  it("tells an instance its new config at once; the instance runs it a few seconds later", async () => {
    const { actuator, serviceId, a, b } = await demo();
    const [before] = await actuator.read(serviceId, [a]);
    expect(before?.desired).toEqual(before?.observed);
    const wanted = { ...before!.desired!, gogc: 250 as const, grayRatio: 0.1, custom: { "feature.x": "on" } };

    await actuator.apply(serviceId, [{ instanceId: a, config: wanted, expected: before!.desired }]);
    const [told] = await actuator.read(serviceId, [a]);
    expect(told?.desired).toEqual(wanted);
    expect(told?.observed).toEqual(before?.observed);

    nowMs += pickupDelayMs(a);
    const [picked, untouched] = await actuator.read(serviceId, [a, b]);
    expect(picked?.observed).toEqual(wanted);
    expect(untouched?.desired).toEqual(untouched?.observed);
    expect(untouched?.desired?.gogc).not.toBe(250);
  });

  it("changes nothing when told what it already holds, and stores the change to survive a restart", async () => {
    const { control, actuator, serviceId, a } = await demo();
    const [before] = await actuator.read(serviceId, [a]);
    const wanted = { ...before!.desired!, gogc: 300 as const };
    await actuator.apply(serviceId, [{ instanceId: a, config: wanted, expected: before!.desired }]);
    // A repeat after a crash: the expected config is the old one, but the instance holds the new.
    await actuator.apply(serviceId, [{ instanceId: a, config: wanted, expected: wanted }]);
    expect(await listConfigEvents(db)).toHaveLength(1);

    const restarted = new DemoControl(
      createDemoFleet({
        seed: 7,
        targetInstances: 60,
        clock,
        configEvents: (await listConfigEvents(db)).map((e) => ({
          atMs: e.atMs,
          instanceIds: [e.instanceId],
          patch: e.patch,
        })),
      }),
      clock,
      db,
    );
    nowMs += 10_000;
    const [after] = await new DemoConfigActuator(restarted).read(serviceId, [a]);
    expect(after?.observed?.gogc).toBe(300);
    expect(control.source.configAt(a, nowMs).gogc).toBe(300);
  });

  it("refuses a write when the config changed underneath, naming the instance, and writes none of the batch", async () => {
    const { control, actuator, serviceId, a, b } = await demo();
    const [stateA, stateB] = await actuator.read(serviceId, [a, b]);
    await control.recordDesiredConfigs([{ instanceId: b, patch: { gogc: 75 }, atMs: nowMs }]);
    const write = actuator.apply(serviceId, [
      { instanceId: a, config: { ...stateA!.desired!, gogc: 200 }, expected: stateA!.desired },
      { instanceId: b, config: { ...stateB!.desired!, gogc: 200 }, expected: stateB!.desired },
    ]);
    await expect(write).rejects.toThrow(ConfigConflictError);
    await expect(write).rejects.toThrow(b);
    expect((await actuator.read(serviceId, [a]))[0]?.desired).toEqual(stateA?.desired);
  });

  it("takes a config-centre key away again when told a config without it", async () => {
    const { actuator, serviceId, a } = await demo();
    const [before] = await actuator.read(serviceId, [a]);
    const gray = { ...before!.desired!, grayRatio: 0.25, custom: { "feature.x": "on" } };
    await actuator.apply(serviceId, [{ instanceId: a, config: gray, expected: before!.desired }]);
    await actuator.apply(serviceId, [{ instanceId: a, config: before!.desired!, expected: gray }]);
    nowMs += 10_000;
    const [after] = await actuator.read(serviceId, [a]);
    expect(after?.desired).toEqual(before?.desired);
    expect(after?.observed).toEqual(before?.observed);
  });

  it("refuses instances of another service by name", async () => {
    const { actuator, a } = await demo();
    await expect(actuator.read("no-such-service", [a])).rejects.toThrow(`not instances of service "no-such-service"`);
  });
});
