import { recordedMemberList, recordedMetricsAfterFailover } from "./etcd-recorded-answers.fixture.ts";
import { parseMemberList, parseMemberStatus, parseServerMetrics } from "./etcd-wire.ts";
import type { EtcdClusterReading } from "./read-etcd-cluster.ts";

/**
 * A reading of the recorded cluster: each member answers with the recorded status given for
 * its name, or is down with the given error. Every answering member reports the recorded
 * /metrics lines.
 */
export function recordedReading(answers: Record<string, unknown | { down: string }>): EtcdClusterReading {
  const list = parseMemberList(recordedMemberList);
  return {
    clusterIdHex: list.clusterIdHex,
    members: list.members.map((member) => {
      const answer = answers[member.name];
      const clientUrl = member.clientUrls[0] ?? null;
      if (answer === undefined || (typeof answer === "object" && answer !== null && "down" in answer)) {
        const problem = (answer as { down: string } | undefined)?.down ?? "connection refused (ECONNREFUSED)";
        return {
          member,
          clientUrl,
          status: null,
          metrics: null,
          error: `member ${member.name} at ${clientUrl}: ${problem}`,
        };
      }
      return {
        member,
        clientUrl,
        status: parseMemberStatus(answer),
        metrics: parseServerMetrics(recordedMetricsAfterFailover),
        error: null,
      };
    }),
  };
}
