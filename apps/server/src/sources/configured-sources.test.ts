import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@fleetdeck/sources/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

let dir: string;
/** A port nothing listens on: a Prometheus that is down. */
let closedPort: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-sources-"));
  closedPort = await freePort();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sourcesFile(name: string, yaml: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, yaml);
  return file;
}

const prometheusEntry = (id: string) => `
  - id: ${id}
    kind: prometheus
    url: http://user:secret@127.0.0.1:${closedPort}
    timeoutMs: 200
    retries: 0
`;

describe("sources from the sources file", () => {
  it("serves the demo and each Prometheus source the file declares, in its order", async () => {
    const file = await sourcesFile(
      "both.yaml",
      `sources:\n  - id: demo\n    kind: demo\n${prometheusEntry("prod-eu")}`,
    );
    const server = await startTestServer({ FLEETDECK_SOURCES_FILE: file });
    try {
      const statuses = await server.caller.sources.status();
      expect(statuses.map((s) => [s.sourceId, s.kind])).toEqual([
        ["demo", "demo"],
        ["prod-eu", "prometheus"],
      ]);
      // The unreachable Prometheus does not hide the demo fleet.
      const overview = await server.caller.fleet.overview({});
      expect(overview.overview?.totals.instances).toBeGreaterThan(0);
      const prometheus = overview.sources.find((s) => s.sourceId === "prod-eu");
      expect(prometheus).toMatchObject({ ok: false, lastOkAtMs: null });
      expect(prometheus?.error).not.toContain("secret");
      const described = (await server.caller.sources.status()).find((s) => s.sourceId === "prod-eu");
      expect(described).toMatchObject({ kind: "prometheus", ok: false, url: `http://127.0.0.1:${closedPort}` });
      expect(JSON.stringify(described)).not.toContain("secret");
    } finally {
      await server.stop();
    }
  });

  it("refuses demo changes with a clear error when the demo fleet is not a configured source", async () => {
    const file = await sourcesFile("prometheus-only.yaml", `sources:${prometheusEntry("prod-us")}`);
    const server = await startTestServer({ FLEETDECK_SOURCES_FILE: file });
    try {
      expect((await server.caller.sources.status()).map((s) => s.sourceId)).toEqual(["prod-us"]);
      const refusal = server.caller.demo.injectFault({ kind: "goroutine-leak", serviceId: "checkout" });
      await expect(refusal).rejects.toBeInstanceOf(TRPCError);
      await expect(refusal).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "the demo fleet is not one of the configured sources",
      });
      await expect(server.caller.demo.setOutage({ message: "down" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(server.caller.demo.clearFault({ faultId: "f-1" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(
        server.caller.demo.setRuntimeConfig({ instanceIds: ["checkout-1"], patch: { gogc: 200 } }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      // Nothing refused was audited.
      const audit = await server.caller.audit.list({});
      expect(audit.entries.filter((e) => e.action.startsWith("demo-"))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
