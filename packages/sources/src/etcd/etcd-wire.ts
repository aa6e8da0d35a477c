import { z } from "zod";
import { parseMetricsText } from "./metrics-text.ts";

/**
 * What etcd 3.4's JSON gateway answers (grpc-gateway over the v3 API): int64 fields arrive as
 * decimal strings, fields at their zero value are left out (a status without a leader has no
 * `leader`, a member that never started has no name and no client URLs), and uint64 ids do not
 * fit a JS number, so they become hex as etcdctl prints them.
 */
const uint64Hex = z
  .union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
  .transform((value) => BigInt(value).toString(16));

const int64 = z.union([z.string(), z.number()]).transform((value, context) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    context.addIssue({ code: "custom", message: `not an integer: ${value}` });
    return z.NEVER;
  }
  return parsed;
});

const WireHeader = z.object({ cluster_id: uint64Hex.optional(), member_id: uint64Hex.optional() });

const WireMemberList = z.object({
  header: WireHeader,
  members: z
    .array(
      z.object({
        ID: uint64Hex,
        name: z.string().optional(),
        peerURLs: z.array(z.string()).optional(),
        clientURLs: z.array(z.string()).optional(),
        isLearner: z.boolean().optional(),
      }),
    )
    .optional(),
});

const WireStatus = z.object({
  header: WireHeader,
  version: z.string().optional(),
  dbSize: int64.optional(),
  leader: uint64Hex.optional(),
  raftIndex: int64.optional(),
  raftTerm: int64.optional(),
  errors: z.array(z.string()).optional(),
});

export interface EtcdMember {
  /** etcd's member id, as hex. */
  memberId: string;
  /** Empty for a member that was added but has not started yet. */
  name: string;
  peerUrls: string[];
  clientUrls: string[];
}

export interface EtcdMemberList {
  clusterIdHex: string | null;
  members: EtcdMember[];
}

export interface EtcdMemberStatus {
  memberId: string | null;
  version: string | null;
  dbSizeBytes: number | null;
  /** The leader this member follows; null while it knows none. */
  leaderMemberId: string | null;
  raftTerm: number | null;
  raftIndex: number | null;
  /** What etcd reports going wrong, e.g. "etcdserver: no leader". */
  errors: string[];
}

export interface EtcdServerMetrics {
  hasLeader: boolean | null;
  leaderChangesSeen: number | null;
  /** The Go version etcd was built with, e.g. go1.19.8. */
  goVersion: string | null;
}

/** The answer to POST /v3/cluster/member/list; throws with what did not fit. */
export function parseMemberList(json: unknown): EtcdMemberList {
  const wire = parseWire(WireMemberList, json, "member list");
  return {
    clusterIdHex: wire.header.cluster_id ?? null,
    members: (wire.members ?? []).map((member) => ({
      memberId: member.ID,
      name: member.name ?? "",
      peerUrls: member.peerURLs ?? [],
      clientUrls: member.clientURLs ?? [],
    })),
  };
}

/** The answer to POST /v3/maintenance/status; throws with what did not fit. */
export function parseMemberStatus(json: unknown): EtcdMemberStatus {
  const wire = parseWire(WireStatus, json, "status");
  return {
    memberId: wire.header.member_id ?? null,
    version: wire.version ?? null,
    dbSizeBytes: wire.dbSize ?? null,
    leaderMemberId: wire.leader && wire.leader !== "0" ? wire.leader : null,
    raftTerm: wire.raftTerm ?? null,
    raftIndex: wire.raftIndex ?? null,
    errors: wire.errors ?? [],
  };
}

/**
 * etcd_server_has_leader, etcd_server_leader_changes_seen_total and etcd_server_go_version from a
 * member's /metrics; a figure the exposition lacks is null.
 */
export function parseServerMetrics(text: string): EtcdServerMetrics {
  const metrics: EtcdServerMetrics = { hasLeader: null, leaderChangesSeen: null, goVersion: null };
  for (const sample of parseMetricsText(text)) {
    if (sample.name === "etcd_server_has_leader") metrics.hasLeader = sample.value === 1;
    else if (sample.name === "etcd_server_leader_changes_seen_total") metrics.leaderChangesSeen = sample.value;
    else if (sample.name === "etcd_server_go_version" && sample.value === 1) {
      metrics.goVersion = sample.labels.server_go_version ?? null;
    }
  }
  return metrics;
}

function parseWire<T extends z.ZodType>(schema: T, json: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`unexpected ${what} answer: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
