import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { freePort } from "./free-port.ts";
import { ManagedProcess, waitUntilReady } from "./managed-process.ts";

/** A scrape_configs entry as Prometheus's YAML has it (job_name, static_configs, http_sd_configs, …). */
export type ScrapeConfig = { job_name: string } & Record<string, unknown>;

export interface StartPrometheusOptions {
  scrapeConfigs: readonly ScrapeConfig[];
  /** Adds a `prometheus` job scraping this Prometheus itself (its port is only known here). */
  scrapeSelf?: boolean;
  /** Short for tests: rates over a few seconds then have several samples. */
  scrapeIntervalSeconds?: number;
  /** The TSDB lives here (kept on stop); a temporary directory, removed on stop, when absent. */
  dataDir?: string;
  readyTimeoutMs?: number;
  /** Listen here, when whoever reads this Prometheus must be told its address before it starts. */
  port?: number;
}

export interface StartedPrometheus {
  url: string;
  /** host:port, e.g. for the self-scrape target's instance label. */
  address: string;
  scrapeIntervalSeconds: number;
  dataDir: string;
  pid: number | undefined;
  /** Stops this Prometheus and removes the directories this function created. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's Prometheus on 127.0.0.1 and a free port with the given scrape configs, and
 * waits for /-/ready. The config file sits in a temporary directory removed on stop.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<StartedPrometheus> {
  const workDir = await mkdtemp(join(tmpdir(), "fleetdeck-prometheus-"));
  const dataDir = options.dataDir ?? join(workDir, "data");
  const interval = options.scrapeIntervalSeconds ?? 1;
  const cleanUp = () => rm(workDir, { recursive: true, force: true });
  try {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const address = `127.0.0.1:${port}`;
      const scrapeConfigs = [
        ...(options.scrapeSelf ? [{ job_name: "prometheus", static_configs: [{ targets: [address] }] }] : []),
        ...options.scrapeConfigs,
      ];
      const configFile = join(workDir, "prometheus.yml");
      await writeFile(
        configFile,
        stringify({
          global: {
            scrape_interval: `${interval}s`,
            scrape_timeout: `${interval}s`,
            evaluation_interval: `${interval}s`,
          },
          scrape_configs: scrapeConfigs,
        }),
      );
      const prometheus = ManagedProcess.start(
        "prometheus",
        [
          `--config.file=${configFile}`,
          `--storage.tsdb.path=${dataDir}`,
          `--web.listen-address=${address}`,
          "--log.level=warn",
        ],
        "prometheus",
      );
      const url = `http://${address}`;
      try {
        await waitUntilReady(prometheus, `${url}/-/ready`, options.readyTimeoutMs ?? 30_000);
      } catch (error) {
        await prometheus.stop();
        if (options.port === undefined && attempt < 3 && /address already in use/.test(prometheus.recentOutput()))
          continue;
        throw error;
      }
      return {
        url,
        address,
        scrapeIntervalSeconds: interval,
        dataDir,
        pid: prometheus.pid,
        stop: async () => {
          await prometheus.stop();
          await cleanUp();
        },
      };
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
