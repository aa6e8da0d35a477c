import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.ts";
import { ManagedProcess, waitUntilReady } from "./managed-process.ts";

export interface StartedEtcd {
  clientUrl: string;
  /** etcd serves its Prometheus metrics (Go runtime included) on the client port. */
  metricsUrl: string;
  /** net/http/pprof, enabled with --enable-pprof, on the client port. */
  pprofUrl: string;
  /** host:port of the client URL, for a scrape target. */
  clientAddress: string;
  dataDir: string;
  pid: number | undefined;
  /** Stops this etcd and removes the data directory if this function created it. */
  stop(): Promise<void>;
}

export interface StartEtcdOptions {
  /** Kept on stop; a temporary directory, removed on stop, when absent. */
  dataDir?: string;
  readyTimeoutMs?: number;
}

/**
 * Starts Debian's etcd (a real Go 1.19 program) as a one-member cluster on 127.0.0.1 with free
 * client and peer ports and pprof enabled, and waits until /health says it is healthy.
 */
export async function startEtcd(options: StartEtcdOptions = {}): Promise<StartedEtcd> {
  const ownDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), "fleetdeck-etcd-")) : null;
  const dataDir = options.dataDir ?? (ownDir as string);
  const removeOwnDir = () => (ownDir ? rm(ownDir, { recursive: true, force: true }) : Promise.resolve());
  try {
    // A port found free can be taken before etcd binds it: try again with new ones.
    for (let attempt = 1; ; attempt++) {
      const [clientPort, peerPort] = [await freePort(), await freePort()];
      const clientUrl = `http://127.0.0.1:${clientPort}`;
      const peerUrl = `http://127.0.0.1:${peerPort}`;
      const etcd = ManagedProcess.start(
        "etcd",
        [
          "--name=fleetdeck-test",
          `--data-dir=${dataDir}`,
          `--listen-client-urls=${clientUrl}`,
          `--advertise-client-urls=${clientUrl}`,
          `--listen-peer-urls=${peerUrl}`,
          `--initial-advertise-peer-urls=${peerUrl}`,
          `--initial-cluster=fleetdeck-test=${peerUrl}`,
          "--enable-pprof",
          "--log-level=warn",
        ],
        "etcd-server",
      );
      try {
        await waitUntilReady(etcd, `${clientUrl}/health`, options.readyTimeoutMs ?? 20_000, (body) =>
          body.includes('"health":"true"'),
        );
      } catch (error) {
        await etcd.stop();
        if (attempt < 3 && /address already in use/.test(etcd.recentOutput())) continue;
        throw error;
      }
      return {
        clientUrl,
        metricsUrl: `${clientUrl}/metrics`,
        pprofUrl: `${clientUrl}/debug/pprof`,
        clientAddress: `127.0.0.1:${clientPort}`,
        dataDir,
        pid: etcd.pid,
        stop: async () => {
          await etcd.stop();
          await removeOwnDir();
        },
      };
    }
  } catch (error) {
    await removeOwnDir();
    throw error;
  }
}
