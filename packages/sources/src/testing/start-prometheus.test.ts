import { access } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { startPrometheus } from "./start-prometheus.ts";

describe("startPrometheus", () => {
  it("runs a real Prometheus that scrapes itself at the given interval, and stops it", async () => {
    const prometheus = await startPrometheus({ scrapeConfigs: [], scrapeSelf: true, scrapeIntervalSeconds: 1 });
    try {
      const config = (await (await fetch(`${prometheus.url}/api/v1/status/config`)).json()) as {
        data: { yaml: string };
      };
      expect(config.data.yaml).toContain("scrape_interval: 1s");
      expect(config.data.yaml).toContain(`- ${prometheus.address}`);
    } finally {
      await prometheus.stop();
    }
    expect(() => process.kill(prometheus.pid as number, 0)).toThrow();
    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow();
    await expect(access(prometheus.dataDir)).rejects.toThrow("ENOENT");
  }, 40_000);
});
