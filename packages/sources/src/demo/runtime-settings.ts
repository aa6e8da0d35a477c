import type { RuntimeConfig } from "@fleetdeck/core";
import type { Placement } from "./place-services.ts";
import { randomFor } from "./random.ts";

/** The last patch release of each Go minor the fleet runs; older minors are less common. */
const goReleases: readonly (readonly [string, number])[] = [
  ["go1.19.13", 8],
  ["go1.20.14", 12],
  ["go1.21.13", 20],
  ["go1.22.12", 30],
  ["go1.23.6", 30],
];

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** What one deployment (a service in a cluster) sets for all its instances. */
export interface DeploymentRuntime {
  goVersion: string;
  gogc: RuntimeConfig["gogc"];
  /** GOMEMLIMIT as a share of the memory the instance may use; null when not set. */
  memoryLimitShare: number | null;
  /** Container quota; null on VMs, where the process sees the whole machine. */
  cpuLimitCores: number | null;
  /** Container memory limit in bytes; null on VMs. */
  containerMemoryBytes: number | null;
}

export interface InstanceRuntime {
  goVersion: string;
  runtimeConfig: RuntimeConfig;
  cpuLimitCores: number | null;
  memoryLimitBytes: number | null;
}

export function deploymentRuntime(seed: number, placement: Placement): DeploymentRuntime {
  const { template, cluster } = placement;
  const serviceRandom = randomFor(seed, "go-version", template.id);
  const serviceRelease = serviceRandom.weighted(goReleases);
  const random = randomFor(seed, "runtime", template.id, cluster.id);
  // Some clusters lag a release behind: their pipeline has not rebuilt the image yet.
  const releaseIndex = goReleases.findIndex(([name]) => name === serviceRelease);
  const lagging = releaseIndex > 0 && random.chance(0.15);
  const goVersion = goReleases[lagging ? releaseIndex - 1 : releaseIndex]?.[0] ?? serviceRelease;

  const gogc = random.weighted<RuntimeConfig["gogc"]>([
    [100, 75],
    [200, 12],
    [50, 9],
    ["off", 4],
  ]);
  // GOGC=off without a memory limit would only collect every two minutes: nobody ships that.
  const memoryLimitShare = gogc === "off" || random.chance(0.25) ? 0.9 : null;
  if (cluster.kind === "vm") {
    return { goVersion, gogc, memoryLimitShare, cpuLimitCores: null, containerMemoryBytes: null };
  }
  // Sized for the GOGC goal at peak plus a margin; the low end of the margin runs tight on purpose.
  const gogcRatio = gogc === "off" ? 1 : gogc / 100;
  const neededBytes = template.workingSetBytes * (1 + gogcRatio) * 1.1 + 64 * MiB;
  const containerMemoryBytes = Math.ceil((neededBytes * random.between(1.15, 1.9)) / (256 * MiB)) * 256 * MiB;
  return { goVersion, gogc, memoryLimitShare, cpuLimitCores: template.cpuLimitCores, containerMemoryBytes };
}

/**
 * GOMAXPROCS follows the CPU quota (what automaxprocs or Go 1.25 set) unless the deployment is
 * misconfigured, when it is the node's core count: the runtime's default before Go 1.25.
 */
export function instanceRuntime(
  deployment: DeploymentRuntime,
  node: { cpuCores: number; memoryBytes: number },
  misconfiguredGomaxprocs: boolean,
): InstanceRuntime {
  const quota = deployment.cpuLimitCores;
  const gomaxprocs = quota === null || misconfiguredGomaxprocs ? node.cpuCores : Math.max(1, Math.floor(quota));
  const memoryBudgetBytes = deployment.containerMemoryBytes ?? node.memoryBytes * 0.9;
  const memoryLimitBytes =
    deployment.memoryLimitShare === null
      ? null
      : Math.round((memoryBudgetBytes * deployment.memoryLimitShare) / MiB) * MiB;
  return {
    goVersion: deployment.goVersion,
    runtimeConfig: { gogc: deployment.gogc, memoryLimitBytes, gomaxprocs },
    cpuLimitCores: quota,
    memoryLimitBytes: deployment.containerMemoryBytes,
  };
}

/** Node sizes per cluster kind; a VM is sized for the one service it runs. */
export function nodeShape(
  kind: "kubernetes" | "etcd" | "tidb" | "vm",
  serviceCpuCores: number,
  pick: (sizes: readonly number[]) => number,
) {
  const cpuCores =
    kind === "kubernetes"
      ? pick([16, 32, 32, 48, 64])
      : kind === "tidb"
        ? pick([16, 32])
        : kind === "etcd"
          ? 8
          : Math.max(2, serviceCpuCores);
  return { cpuCores, memoryBytes: cpuCores * 4 * GiB };
}
