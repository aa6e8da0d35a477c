import { ClusterDetail } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { agreedLeader, foldEtcdClusterDetail } from "./etcd-cluster-detail.ts";
import type { EtcdClusterPlace } from "./etcd-entity-ids.ts";
import { recordedReading } from "./etcd-reading.fixture.ts";
import {
  recordedMemberIds,
  recordedStatusAfterFailover,
  recordedStatusBeforeFailover,
  recordedStatusWithoutQuorum,
} from "./etcd-recorded-answers.fixture.ts";
import type { EtcdMemberStatus } from "./etcd-wire.ts";

const place: EtcdClusterPlace = {
  sourceId: "lab",
  clusterId: "lab",
  clusterName: "Lab etcd",
  regionId: "local",
  zoneId: "local-a",
};

describe("foldEtcdClusterDetail", () => {
  it("shows every member with the leader they agree on, ordered by name", () => {
    const detail = foldEtcdClusterDetail(recordedReading(recordedStatusBeforeFailover), place, 1_000);
    expect(ClusterDetail.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({ clusterId: "lab", name: "Lab etcd", regionId: "local", sourceId: "lab" });
    expect(detail.readAtMs).toBe(1_000);
    if (detail.detail.kind !== "etcd") throw new Error("not an etcd detail");
    expect(detail.detail.clusterIdHex).toBe("4a8ce10bcba5109f");
    expect(detail.detail.leaderMemberId).toBe(recordedMemberIds.m3);
    expect(detail.detail.raftTerm).toBe(2);
    expect(detail.detail.members.map((member) => [member.name, member.isLeader, member.up])).toEqual([
      ["m1", false, true],
      ["m2", false, true],
      ["m3", true, true],
    ]);
    expect(detail.detail.members[2]).toEqual({
      memberId: recordedMemberIds.m3,
      name: "m3",
      clientUrls: ["http://127.0.0.1:23703"],
      peerUrls: ["http://127.0.0.1:23803"],
      up: true,
      isLeader: true,
      raftTerm: 2,
      raftIndex: 8,
      dbSizeBytes: 24_576,
      version: "3.4.23",
      hasLeader: true,
      leaderChangesSeen: 2,
      error: null,
      instanceId: "lab-m3",
    });
  });

  it("after a failover keeps the stopped leader, down with its error, and names the new leader", () => {
    const detail = foldEtcdClusterDetail(
      recordedReading({ ...recordedStatusAfterFailover, m3: { down: "connection refused (ECONNREFUSED)" } }),
      place,
      2_000,
    );
    if (detail.detail.kind !== "etcd") throw new Error("not an etcd detail");
    expect(detail.detail.leaderMemberId).toBe(recordedMemberIds.m2);
    expect(detail.detail.raftTerm).toBe(3);
    const m3 = detail.detail.members.find((member) => member.name === "m3");
    expect(m3).toMatchObject({
      up: false,
      isLeader: false,
      raftTerm: null,
      dbSizeBytes: null,
      hasLeader: null,
      error: "member m3 at http://127.0.0.1:23703: connection refused (ECONNREFUSED)",
      instanceId: "lab-m3",
    });
    expect(detail.detail.members.filter((member) => member.isLeader).map((member) => member.name)).toEqual(["m2"]);
  });

  it("has no leader when the one member left has lost quorum", () => {
    const detail = foldEtcdClusterDetail(
      recordedReading({ m1: recordedStatusWithoutQuorum, m2: { down: "x" }, m3: { down: "y" } }),
      place,
      3_000,
    );
    if (detail.detail.kind !== "etcd") throw new Error("not an etcd detail");
    expect(detail.detail.leaderMemberId).toBeNull();
    expect(detail.detail.raftTerm).toBe(4);
    expect(detail.detail.members.some((member) => member.isLeader)).toBe(false);
  });

  it("has no leader and no term when no member answers, and still lists them all", () => {
    const detail = foldEtcdClusterDetail(recordedReading({}), place, 4_000);
    if (detail.detail.kind !== "etcd") throw new Error("not an etcd detail");
    expect(detail.detail).toMatchObject({ leaderMemberId: null, raftTerm: null });
    expect(detail.detail.members.map((member) => [member.name, member.up])).toEqual([
      ["m1", false],
      ["m2", false],
      ["m3", false],
    ]);
  });
});

describe("agreedLeader", () => {
  const status = (leaderMemberId: string | null, raftTerm: number | null): EtcdMemberStatus => ({
    memberId: null,
    version: null,
    dbSizeBytes: null,
    leaderMemberId,
    raftTerm,
    raftIndex: null,
    errors: [],
  });

  it("takes the leader of the newest term over a stale one that more members still name", () => {
    expect(agreedLeader([status("a", 2), status("a", 2), status("b", 3)])).toEqual({
      leaderMemberId: "b",
      raftTerm: 3,
    });
  });

  it("takes the leader most members name within one term", () => {
    expect(agreedLeader([status("a", 5), status("b", 5), status("b", 5)]).leaderMemberId).toBe("b");
  });

  it("reports the highest term even when the members in it know no leader yet", () => {
    expect(agreedLeader([status("a", 2), status(null, 3)])).toEqual({ leaderMemberId: "a", raftTerm: 3 });
    expect(agreedLeader([])).toEqual({ leaderMemberId: null, raftTerm: null });
  });
});
