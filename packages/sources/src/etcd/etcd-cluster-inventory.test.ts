import { ObservedInventory } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { foldEtcdClusterInventory } from "./etcd-cluster-inventory.ts";
import type { EtcdClusterPlace } from "./etcd-entity-ids.ts";
import { recordedReading } from "./etcd-reading.fixture.ts";
import { recordedStatusAfterFailover, recordedStatusBeforeFailover } from "./etcd-recorded-answers.fixture.ts";

const place: EtcdClusterPlace = {
  sourceId: "lab",
  clusterId: "lab",
  clusterName: "Lab etcd",
  regionId: "eu-west",
  zoneId: "eu-west-b",
};

describe("foldEtcdClusterInventory", () => {
  it("places the cluster in its region and zone, one etcd instance per member, on its host's node", () => {
    const inventory = foldEtcdClusterInventory(recordedReading(recordedStatusBeforeFailover), place);
    expect(ObservedInventory.parse(inventory)).toMatchObject({ regions: [{ id: "eu-west" }] });
    expect(inventory.regions).toEqual([{ id: "eu-west", name: "eu-west", utcOffsetHours: null }]);
    expect(inventory.zones).toEqual([{ id: "eu-west-b", regionId: "eu-west", name: "eu-west-b" }]);
    expect(inventory.clusters).toEqual([{ id: "lab", name: "Lab etcd", regionId: "eu-west", kind: "etcd" }]);
    expect(inventory.services).toEqual([{ id: "etcd", name: "etcd", owner: null, tier: null }]);
    expect(inventory.nodes).toEqual([
      {
        id: "lab-127.0.0.1",
        name: "127.0.0.1",
        clusterId: "lab",
        zoneId: "eu-west-b",
        cpuCores: null,
        memoryBytes: null,
      },
    ]);
    expect(inventory.instances.map((instance) => instance.id).sort()).toEqual(["lab-m1", "lab-m2", "lab-m3"]);
    expect(inventory.instances.find((instance) => instance.id === "lab-m3")).toEqual({
      id: "lab-m3",
      serviceId: "etcd",
      clusterId: "lab",
      regionId: "eu-west",
      zoneId: "eu-west-b",
      nodeId: "lab-127.0.0.1",
      pprofUrl: "http://127.0.0.1:23703/debug/pprof",
      metricsUrl: "http://127.0.0.1:23703/metrics",
      goVersion: "go1.19.8",
      runtimeConfig: null,
    });
    expect(inventory.instanceUp).toEqual({ "lab-m1": true, "lab-m2": true, "lab-m3": true });
    expect(inventory.nodeReady).toEqual({ "lab-127.0.0.1": true });
    expect(inventory.instanceLabels?.["lab-m3"]).toEqual({ etcd_member: "m3", etcd_role: "leader" });
    expect(inventory.instanceLabels?.["lab-m1"]).toEqual({ etcd_member: "m1", etcd_role: "follower" });
  });

  it("marks a stopped member's instance down, keeps its node ready while another member on the host answers", () => {
    const inventory = foldEtcdClusterInventory(
      recordedReading({ ...recordedStatusAfterFailover, m3: { down: "connection refused" } }),
      place,
    );
    expect(inventory.instanceUp).toEqual({ "lab-m1": true, "lab-m2": true, "lab-m3": false });
    expect(inventory.nodeReady).toEqual({ "lab-127.0.0.1": true });
    expect(inventory.instanceLabels?.["lab-m2"]?.etcd_role).toBe("leader");
    expect(inventory.instanceLabels?.["lab-m3"]?.etcd_role).toBe("unknown");
    expect(inventory.instances.find((instance) => instance.id === "lab-m3")?.goVersion).toBeNull();
  });

  it("marks the host not ready when none of its members answers", () => {
    const inventory = foldEtcdClusterInventory(recordedReading({}), place);
    expect(inventory.nodeReady).toEqual({ "lab-127.0.0.1": false });
    expect(Object.values(inventory.instanceUp)).toEqual([false, false, false]);
  });

  it("gives valid ids to a member with an unusual name and to one that never started", () => {
    const reading = recordedReading(recordedStatusBeforeFailover);
    reading.members.push(
      {
        member: { memberId: "ff", name: "", peerUrls: ["http://[fd00::4]:2380"], clientUrls: [] },
        clientUrl: null,
        status: null,
        metrics: null,
        error: "member ff has no client URL: it has not started",
      },
      {
        ...structuredClone(reading.members[0]!),
        member: { ...reading.members[0]!.member, memberId: "ee", name: "db #4" },
      },
    );
    const inventory = foldEtcdClusterInventory(reading, place);
    expect(() => ObservedInventory.parse(inventory)).not.toThrow();
    expect(inventory.instances.map((instance) => instance.id)).toContain("lab-ff");
    expect(inventory.instances.map((instance) => instance.id)).toContain("lab-db__4");
    const neverStarted = inventory.instances.find((instance) => instance.id === "lab-ff");
    expect(neverStarted).toMatchObject({ nodeId: "lab-fd00::4", pprofUrl: null, metricsUrl: null });
    expect(inventory.nodeReady["lab-fd00::4"]).toBe(false);
  });
});
