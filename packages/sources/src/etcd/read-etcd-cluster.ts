import { describeFetchFailure, EtcdRequestError, postOnce } from "../actuators/etcd-gateway-client.ts";
import {
  type EtcdMember,
  type EtcdMemberList,
  type EtcdMemberStatus,
  type EtcdServerMetrics,
  parseMemberList,
  parseMemberStatus,
  parseServerMetrics,
} from "./etcd-wire.ts";

/** What one member told about itself, or why it could not be read. */
export interface EtcdMemberReading {
  member: EtcdMember;
  /** The client URL the member was asked at; null when it has none (added, never started). */
  clientUrl: string | null;
  /** Null when the member did not answer: it is down as far as the console can tell. */
  status: EtcdMemberStatus | null;
  metrics: EtcdServerMetrics | null;
  /** What failed, naming the member and the URL. */
  error: string | null;
}

/** One look at the whole cluster: its member list and every member's own answers. */
export interface EtcdClusterReading {
  clusterIdHex: string | null;
  members: EtcdMemberReading[];
}

export interface EtcdClusterReader {
  read(): Promise<EtcdClusterReading>;
}

export interface EtcdClusterReaderOptions {
  /** Names the cluster in errors. */
  clusterName: string;
  endpoints: readonly string[];
  timeoutMs: number;
}

/**
 * Reads a cluster over etcd's JSON gateway: the member list from the first endpoint that
 * answers (the one that answered last time first), then each member's status and /metrics on
 * its own client URL, in parallel. Only a member list nobody gives is an error.
 */
export function createEtcdClusterReader(options: EtcdClusterReaderOptions): EtcdClusterReader {
  const endpoints = options.endpoints.map(withoutTrailingSlash);
  let preferred = 0;

  async function memberList(): Promise<EtcdMemberList> {
    const failures: { endpoint: string; problem: string }[] = [];
    for (let tried = 0; tried < endpoints.length; tried++) {
      const index = (preferred + tried) % endpoints.length;
      const endpoint = endpoints[index] as string;
      const outcome = await postOnce(endpoint, "/v3/cluster/member/list", {}, options.timeoutMs);
      if (outcome.ok) {
        try {
          const list = parseMemberList(outcome.json);
          preferred = index;
          return list;
        } catch (error) {
          failures.push({ endpoint, problem: (error as Error).message });
        }
      } else {
        failures.push({ endpoint, problem: outcome.problem });
      }
    }
    throw new EtcdRequestError(`member list of cluster "${options.clusterName}"`, failures);
  }

  async function readMember(member: EtcdMember): Promise<EtcdMemberReading> {
    const clientUrl = clientUrlOf(member, endpoints);
    const who = `member ${member.name || member.memberId}`;
    if (clientUrl === null) {
      return { member, clientUrl, status: null, metrics: null, error: `${who} has no client URL: it has not started` };
    }
    const [status, metrics] = await Promise.allSettled([
      memberStatus(clientUrl, options.timeoutMs),
      serverMetrics(clientUrl, options.timeoutMs),
    ]);
    if (status.status === "rejected") {
      return {
        member,
        clientUrl,
        status: null,
        metrics: null,
        error: `${who} at ${clientUrl}: ${(status.reason as Error).message}`,
      };
    }
    return {
      member,
      clientUrl,
      status: status.value,
      metrics: metrics.status === "fulfilled" ? metrics.value : null,
      error:
        metrics.status === "rejected" ? `${who} at ${clientUrl}/metrics: ${(metrics.reason as Error).message}` : null,
    };
  }

  return {
    async read() {
      const list = await memberList();
      return { clusterIdHex: list.clusterIdHex, members: await Promise.all(list.members.map(readMember)) };
    },
  };
}

/** The member's client URL that was configured, when one was, else the first it advertises. */
function clientUrlOf(member: EtcdMember, endpoints: readonly string[]): string | null {
  const urls = member.clientUrls.map(withoutTrailingSlash);
  return urls.find((url) => endpoints.includes(url)) ?? urls[0] ?? null;
}

async function memberStatus(clientUrl: string, timeoutMs: number): Promise<EtcdMemberStatus> {
  const outcome = await postOnce(clientUrl, "/v3/maintenance/status", {}, timeoutMs);
  if (!outcome.ok) throw new Error(outcome.problem);
  return parseMemberStatus(outcome.json);
}

async function serverMetrics(clientUrl: string, timeoutMs: number): Promise<EtcdServerMetrics> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${clientUrl}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    throw new Error(describeFetchFailure(error, timeoutMs));
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200) || "(empty body)"}`);
  return parseServerMetrics(text);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
