import { ClusterDetail, type EtcdClusterDetail, ObservedInventory } from "@fleetdeck/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/free-port.ts";
import { type StartedEtcdCluster, startEtcdCluster } from "../testing/start-etcd-cluster.ts";
import { createEtcdClusterSource } from "./etcd-cluster-source.ts";
import { EtcdClusterSourceConfig } from "./etcd-cluster-source-config.ts";

/** The etcd part of a cluster's detail. */
async function etcdDetailOf(source: ReturnType<typeof createEtcdClusterSource>): Promise<EtcdClusterDetail> {
  const details = await source.clusterDetails();
  expect(details).toHaveLength(1);
  const [detail] = details.map((entry) => ClusterDetail.parse(entry));
  if (detail?.detail.kind !== "etcd") throw new Error(`not an etcd detail: ${JSON.stringify(detail)}`);
  return detail.detail;
}

/** Retries `check` every 200 ms until it passes or `timeoutMs` ends, then throws its last error. */
async function eventually<T>(check: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe("EtcdClusterSource against a real three-member etcd", () => {
  let cluster: StartedEtcdCluster;
  beforeAll(async () => {
    cluster = await startEtcdCluster({ members: 3 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  const sourceFor = (endpoints: string[]) =>
    createEtcdClusterSource(
      EtcdClusterSourceConfig.parse({ id: "lab", kind: "etcd", endpoints, timeoutMs: 1_000, pollIntervalMs: 200 }),
    );

  it("shows three up members and exactly one leader, with raft term, db size and has-leader", async () => {
    const source = sourceFor(cluster.clientUrls);
    const detail = await etcdDetailOf(source);
    expect(detail.members.map((member) => member.name)).toEqual(["etcd-1", "etcd-2", "etcd-3"]);
    expect(detail.members.every((member) => member.up && member.error === null)).toBe(true);
    const leaders = detail.members.filter((member) => member.isLeader);
    expect(leaders).toHaveLength(1);
    expect(detail.leaderMemberId).toBe(leaders[0]?.memberId);
    expect(detail.raftTerm).toBeGreaterThanOrEqual(2);
    for (const member of detail.members) {
      expect(member.raftTerm).toBe(detail.raftTerm);
      expect(member.raftIndex).toBeGreaterThan(0);
      expect(member.dbSizeBytes).toBeGreaterThan(0);
      expect(member.version).toMatch(/^3\.\d+\.\d+$/);
      expect(member.hasLeader).toBe(true);
      expect(member.leaderChangesSeen).toBeGreaterThanOrEqual(1);
      expect(member.instanceId).toBe(`lab-${member.name}`);
    }
    const inventory = await source.inventory();
    expect(() => ObservedInventory.parse(inventory)).not.toThrow();
    expect(inventory.instanceUp).toEqual({ "lab-etcd-1": true, "lab-etcd-2": true, "lab-etcd-3": true });
    expect(inventory.instances[0]?.goVersion).toMatch(/^go1\.\d+/);
  });

  it("reads the whole cluster from one endpoint that answers among dead ones", async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const detail = await etcdDetailOf(sourceFor([dead, cluster.clientUrls[1] as string]));
    expect(detail.members.filter((member) => member.up)).toHaveLength(3);
  });

  it("sees a new leader after the leader's process stops, the old one down with its error, and tells its watcher", async () => {
    const source = sourceFor(cluster.clientUrls);
    const before = await etcdDetailOf(source);
    const oldLeader = before.members.find((member) => member.isLeader);
    const oldLeaderProcess = cluster.members.find((member) => member.name === oldLeader?.name);
    if (!oldLeader || !oldLeaderProcess) throw new Error("no leader to stop");

    let changes = 0;
    const stopWatching = source.watch?.(() => {
      changes++;
    });
    try {
      // Let the watcher take its first look before anything changes.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(changes).toBe(0);
      await oldLeaderProcess.stop();

      const after = await eventually(async () => {
        const detail = await etcdDetailOf(source);
        const leader = detail.members.find((member) => member.isLeader);
        expect(leader?.up).toBe(true);
        expect(leader?.name).not.toBe(oldLeader.name);
        return detail;
      }, 15_000);
      expect(after.members.filter((member) => member.isLeader)).toHaveLength(1);
      expect(after.raftTerm).toBeGreaterThan(before.raftTerm as number);
      const old = after.members.find((member) => member.name === oldLeader.name);
      expect(old).toMatchObject({ up: false, isLeader: false, raftTerm: null });
      expect(old?.error).toContain(`member ${oldLeader.name} at ${oldLeaderProcess.clientUrl}`);
      expect(old?.error).toMatch(/connection refused|no answer/);
      for (const member of after.members.filter((member) => member.up)) expect(member.hasLeader).toBe(true);

      const inventory = await source.inventory();
      expect(inventory.instanceUp[`lab-${oldLeader.name}`]).toBe(false);
      expect(Object.values(inventory.instanceUp).filter(Boolean)).toHaveLength(2);
      await eventually(async () => expect(changes).toBeGreaterThan(0), 5_000);
    } finally {
      stopWatching?.();
    }

    // Once stopped, the watcher hears nothing more, even of the member coming back.
    const heard = changes;
    await oldLeaderProcess.start();
    const rejoined = await eventually(async () => {
      const detail = await etcdDetailOf(source);
      expect(detail.members.every((member) => member.up)).toBe(true);
      return detail;
    }, 15_000);
    expect(rejoined.members.filter((member) => member.isLeader)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(changes).toBe(heard);
  }, 60_000);

  it("says which endpoints it tried when none answers", async () => {
    const endpoints = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    const source = sourceFor(endpoints);
    const expected = new RegExp(
      `member list of cluster "lab" failed \\(${endpoints[0]}: connection refused.*; ${endpoints[1]}: connection refused`,
    );
    await expect(source.clusterDetails()).rejects.toThrow(expected);
    await expect(source.inventory()).rejects.toThrow(expected);
  });
});
