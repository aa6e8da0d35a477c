import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.ts";
import { ManagedProcess, waitUntilReady } from "./managed-process.ts";

export interface EtcdClusterMember {
  /** etcd-1, etcd-2, …: the --name each member runs with. */
  name: string;
  clientUrl: string;
  peerUrl: string;
  /** host:port of the client URL. */
  clientAddress: string;
  dataDir: string;
  /** The running process's id; undefined while the member is stopped. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Stops this member's process (SIGTERM, then SIGKILL); its data stays for start(). */
  stop(): Promise<void>;
  /** Starts the member again on its data directory and ports, and waits until it is healthy. */
  start(): Promise<void>;
}

export interface StartedEtcdCluster {
  members: EtcdClusterMember[];
  /** Every member's client URL, for a client or a sources file. */
  clientUrls: string[];
  /** Stops every member and removes their data. */
  stop(): Promise<void>;
}

export interface StartEtcdClusterOptions {
  members?: number;
  readyTimeoutMs?: number;
}

/**
 * Starts Debian's etcd as one cluster of `members` processes on 127.0.0.1 (free client and peer
 * ports, one --initial-cluster naming every peer URL, one cluster token, pprof on) and waits
 * until every member says it is healthy, which needs an elected leader.
 */
export async function startEtcdCluster(options: StartEtcdClusterOptions = {}): Promise<StartedEtcdCluster> {
  const size = options.members ?? 3;
  if (!Number.isInteger(size) || size < 1 || size > 9) throw new Error(`an etcd cluster of ${size} members? 1 to 9`);
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  // A port found free can be taken before etcd binds it: start over on new ports and fresh data.
  for (let attempt = 1; ; attempt++) {
    const root = await mkdtemp(join(tmpdir(), "fleetdeck-etcd-cluster-"));
    const plans = await planMembers(size, root);
    const members = plans.map((plan) => new ClusterMember(plan, plans, readyTimeoutMs));
    try {
      await Promise.all(members.map((member) => member.start()));
    } catch (error) {
      const portRace = members.some((member) => /address already in use/.test(member.recentOutput()));
      await Promise.all(members.map((member) => member.stop()));
      await rm(root, { recursive: true, force: true });
      if (attempt < 3 && portRace) continue;
      throw error;
    }
    return {
      members,
      clientUrls: plans.map((plan) => plan.clientUrl),
      stop: async () => {
        await Promise.all(members.map((member) => member.stop()));
        await rm(root, { recursive: true, force: true });
      },
    };
  }
}

interface MemberPlan {
  name: string;
  clientUrl: string;
  peerUrl: string;
  clientAddress: string;
  dataDir: string;
}

async function planMembers(size: number, root: string): Promise<MemberPlan[]> {
  const plans: MemberPlan[] = [];
  for (let index = 1; index <= size; index++) {
    const [clientPort, peerPort] = [await freePort(), await freePort()];
    const dataDir = join(root, `etcd-${index}`);
    await mkdir(dataDir, { mode: 0o700 });
    plans.push({
      name: `etcd-${index}`,
      clientUrl: `http://127.0.0.1:${clientPort}`,
      peerUrl: `http://127.0.0.1:${peerPort}`,
      clientAddress: `127.0.0.1:${clientPort}`,
      dataDir,
    });
  }
  return plans;
}

/** One member's process, restartable on the same data directory and ports. */
class ClusterMember implements EtcdClusterMember {
  readonly name: string;
  readonly clientUrl: string;
  readonly peerUrl: string;
  readonly clientAddress: string;
  readonly dataDir: string;
  private process: ManagedProcess | null = null;
  private readonly args: string[];

  constructor(
    plan: MemberPlan,
    everyone: readonly MemberPlan[],
    private readonly readyTimeoutMs: number,
  ) {
    this.name = plan.name;
    this.clientUrl = plan.clientUrl;
    this.peerUrl = plan.peerUrl;
    this.clientAddress = plan.clientAddress;
    this.dataDir = plan.dataDir;
    // Every member of one cluster shares the token, and no two test clusters do.
    const token = `fleetdeck-${everyone.map((member) => member.peerUrl.split(":").at(-1)).join("-")}`;
    this.args = [
      `--name=${plan.name}`,
      `--data-dir=${plan.dataDir}`,
      `--listen-client-urls=${plan.clientUrl}`,
      `--advertise-client-urls=${plan.clientUrl}`,
      `--listen-peer-urls=${plan.peerUrl}`,
      `--initial-advertise-peer-urls=${plan.peerUrl}`,
      `--initial-cluster=${everyone.map((member) => `${member.name}=${member.peerUrl}`).join(",")}`,
      `--initial-cluster-token=${token}`,
      // A restart finds its data directory and ignores these initial-* flags.
      "--initial-cluster-state=new",
      "--enable-pprof",
      "--log-level=warn",
    ];
  }

  get pid(): number | undefined {
    return this.running ? this.process?.pid : undefined;
  }

  get running(): boolean {
    return this.process !== null && !this.process.hasExited;
  }

  readonly start = async (): Promise<void> => {
    if (this.running) return;
    const etcd = ManagedProcess.start("etcd", this.args, "etcd-server");
    this.process = etcd;
    await waitUntilReady(etcd, `${this.clientUrl}/health`, this.readyTimeoutMs, (body) =>
      body.includes('"health":"true"'),
    );
  };

  readonly stop = async (): Promise<void> => {
    await this.process?.stop();
  };

  recentOutput(): string {
    return this.process?.recentOutput() ?? "";
  }
}
