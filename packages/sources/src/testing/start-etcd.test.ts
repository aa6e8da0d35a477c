import { access } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { startEtcd } from "./start-etcd.ts";

describe("startEtcd", () => {
  it("runs a real etcd on 127.0.0.1 serving health, metrics and pprof, and leaves nothing behind", async () => {
    const etcd = await startEtcd();
    try {
      expect(etcd.clientUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const metrics = await (await fetch(etcd.metricsUrl)).text();
      expect(metrics).toContain("# TYPE go_gc_duration_seconds summary");
      expect(etcd.pprofUrl).toBe(`${etcd.clientUrl}/debug/pprof`);
      expect((await fetch(`${etcd.pprofUrl}/`)).status).toBe(200);
    } finally {
      await etcd.stop();
    }
    expect(() => process.kill(etcd.pid as number, 0)).toThrow();
    await expect(fetch(`${etcd.clientUrl}/health`)).rejects.toThrow();
    await expect(access(etcd.dataDir)).rejects.toThrow("ENOENT");
  }, 30_000);

  it("keeps a data directory it was given", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = await mkdtemp(join(tmpdir(), "fleetdeck-etcd-given-"));
    const etcd = await startEtcd({ dataDir });
    await etcd.stop();
    await expect(access(join(dataDir, "member"))).resolves.toBeUndefined();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);
});
