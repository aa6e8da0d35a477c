import { describe, expect, it } from "vitest";
import {
  recordedMemberIds,
  recordedMemberList,
  recordedMetricsAfterFailover,
  recordedStatusBeforeFailover,
  recordedStatusWithoutQuorum,
} from "./etcd-recorded-answers.fixture.ts";
import { parseMemberList, parseMemberStatus, parseServerMetrics } from "./etcd-wire.ts";

describe("etcd gateway answers", () => {
  it("reads a member list with uint64 ids as hex, the way etcdctl prints them", () => {
    const list = parseMemberList(recordedMemberList);
    expect(list.clusterIdHex).toBe("4a8ce10bcba5109f");
    expect(list.members).toEqual([
      {
        memberId: recordedMemberIds.m2,
        name: "m2",
        peerUrls: ["http://127.0.0.1:23802"],
        clientUrls: ["http://127.0.0.1:23702"],
      },
      {
        memberId: recordedMemberIds.m3,
        name: "m3",
        peerUrls: ["http://127.0.0.1:23803"],
        clientUrls: ["http://127.0.0.1:23703"],
      },
      {
        memberId: recordedMemberIds.m1,
        name: "m1",
        peerUrls: ["http://127.0.0.1:23801"],
        clientUrls: ["http://127.0.0.1:23701"],
      },
    ]);
  });

  it("reads a member that was added but never started (no name, no client URLs)", () => {
    const list = parseMemberList({
      header: { cluster_id: "1" },
      members: [{ ID: "255", peerURLs: ["http://10.0.0.4:2380"] }],
    });
    expect(list.members).toEqual([{ memberId: "ff", name: "", peerUrls: ["http://10.0.0.4:2380"], clientUrls: [] }]);
  });

  it("reads a status: its leader, raft term and index, db size and version", () => {
    expect(parseMemberStatus(recordedStatusBeforeFailover.m3)).toEqual({
      memberId: recordedMemberIds.m3,
      version: "3.4.23",
      dbSizeBytes: 24_576,
      leaderMemberId: recordedMemberIds.m3,
      raftTerm: 2,
      raftIndex: 8,
      errors: [],
    });
  });

  it("reads a status without a leader (the gateway leaves the zero leader out) and its errors", () => {
    const status = parseMemberStatus(recordedStatusWithoutQuorum);
    expect(status.leaderMemberId).toBeNull();
    expect(status.raftTerm).toBe(4);
    expect(status.errors).toEqual(["etcdserver: no leader"]);
    expect(parseMemberStatus({ ...recordedStatusWithoutQuorum, leader: "0" }).leaderMemberId).toBeNull();
  });

  it("refuses an answer that is not a status, saying what did not fit", () => {
    expect(() => parseMemberStatus({ header: {}, raftTerm: "x" })).toThrow(/unexpected status answer.*raftTerm/s);
    expect(() => parseMemberList({ members: [] })).toThrow(/unexpected member list answer.*header/s);
  });

  it("reads leadership and the Go version from a member's /metrics", () => {
    expect(parseServerMetrics(recordedMetricsAfterFailover)).toEqual({
      hasLeader: true,
      leaderChangesSeen: 2,
      goVersion: "go1.19.8",
    });
    expect(parseServerMetrics("etcd_server_has_leader 0\n")).toEqual({
      hasLeader: false,
      leaderChangesSeen: null,
      goVersion: null,
    });
  });
});
