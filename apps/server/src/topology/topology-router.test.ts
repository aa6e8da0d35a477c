import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

describe("topology router on the demo fleet (createCaller, real services)", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("places every instance the overview counts, in places the inventory has", async () => {
    const [placement, { overview }] = await Promise.all([
      server.caller.topology.placement(),
      server.caller.fleet.overview(),
    ]);
    expect(placement.sourceErrors).toEqual([]);
    expect(placement.instances).toHaveLength(overview?.totals.instances ?? -1);
    expect(placement.regions).toHaveLength(overview?.totals.regions ?? -1);
    expect(placement.clusters).toHaveLength(overview?.totals.clusters ?? -1);
    const nodes = new Set(placement.nodes.map((n) => n.id));
    const zones = new Set(placement.zones.map((z) => z.id));
    for (const instance of placement.instances) {
      expect(nodes.has(instance.nodeId)).toBe(true);
      expect(zones.has(instance.zoneId)).toBe(true);
      expect(instance.up).toBe(true);
    }
    const unhealthy = placement.instances.filter((i) => !i.healthy).length;
    expect(unhealthy).toBe(overview?.totals.unhealthyInstances);
  });

  it("an injected fault makes its service's instances unhealthy on the map", async () => {
    const placement = await server.caller.topology.placement();
    const victim = placement.instances[0];
    if (!victim) throw new Error("no instances");
    const { id } = await server.caller.demo.injectFault({
      kind: "memory-limit-too-low",
      serviceId: victim.serviceId,
      severity: 3,
    });
    try {
      const after = await server.caller.topology.placement();
      const ofService = after.instances.filter((i) => i.serviceId === victim.serviceId);
      const before = placement.instances.filter((i) => i.serviceId === victim.serviceId && !i.healthy).length;
      expect(ofService.filter((i) => !i.healthy).length).toBeGreaterThan(before);
    } finally {
      await server.caller.demo.clearFault({ faultId: id });
    }
  });

  it("a source outage empties the map and names the source instead of failing", async () => {
    await server.caller.demo.setOutage({ message: "control plane down for the test" });
    try {
      const placement = await server.caller.topology.placement();
      expect(placement.instances).toEqual([]);
      expect(placement.sourceErrors).toEqual([
        { sourceId: "demo", message: expect.stringContaining("control plane down for the test") },
      ]);
    } finally {
      await server.caller.demo.setOutage({ message: null });
    }
  });

  it("placementLive sends the current placement at once, then a new one each live interval", async () => {
    const stream = await server.caller.topology.placementLive();
    const seen: number[] = [];
    // A server-side caller gets each tracked event as its [id, data] envelope.
    for await (const [id, data] of stream as AsyncIterable<[string, { atMs: number; instances: unknown[] }]>) {
      expect(data.instances.length).toBeGreaterThan(0);
      expect(id).toBe(String(data.atMs));
      seen.push(data.atMs);
      if (seen.length === 2) break;
    }
    // Leaving the loop ends the subscription, and with the last viewer the feed stops.
    expect(seen[1]).toBeGreaterThan(seen[0] as number);
    expect(server.services.topologyFeed.active()).toBe(false);
  });
});
