import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ObservedInventory } from "@fleetdeck/core";
import { createUser, type Database, listProfiles, queryAudit } from "@fleetdeck/db";
import { useMigratedTestDatabase } from "@fleetdeck/db/testing";
import type { ObservedFleetSource } from "@fleetdeck/sources";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../auth/identity.ts";
import { createServerMetrics } from "../infra/metrics.ts";
import { SourceRegistry } from "../sources/source-registry.ts";
import { type ProfileCaptureLimits, ProfileCaptures } from "./profile-capture.ts";
import { ProfileService } from "./profile-service.ts";
import { ProfileWorkers } from "./profile-workers.ts";

const fixturesDir = path.join(import.meta.dirname, "../../../../packages/pprof/fixtures");

/** An inventory of one instance, as a source reports it. */
function inventoryOf(instanceId: string): ObservedInventory {
  return {
    regions: [{ id: "r1", name: "r1", utcOffsetHours: 0 }],
    zones: [{ id: "z1", regionId: "r1", name: "z1" }],
    clusters: [{ id: "c1", name: "c1", regionId: "r1", kind: "vm" }],
    nodes: [{ id: "n1", name: "n1", clusterId: "c1", zoneId: "z1", cpuCores: 4, memoryBytes: 8e9 }],
    services: [{ id: "api", name: "api", owner: "team", tier: "standard" }],
    instances: [
      {
        id: instanceId,
        serviceId: "api",
        clusterId: "c1",
        regionId: "r1",
        zoneId: "z1",
        nodeId: "n1",
        pprofUrl: `http://${instanceId}.invalid/debug/pprof`,
        metricsUrl: null,
        goVersion: "go1.22.4",
        runtimeConfig: null,
      },
    ],
  };
}

/**
 * Stand-ins for targets that misbehave in ways a real one rarely can on demand (hangs, a huge
 * answer, an HTML page), and a source that cannot capture at all. Each serves one instance.
 */
function sourceServing(
  id: string,
  instanceId: string,
  captureProfile?: (signal: AbortSignal) => Promise<Uint8Array>,
): ObservedFleetSource {
  return {
    id,
    kind: "prometheus",
    ping: async () => {},
    inventory: async () => inventoryOf(instanceId),
    serviceEdges: async () => [],
    gcSnapshot: async () => [],
    gcSeries: async () => [],
    ...(captureProfile ? { captureProfile: (_instance, _request, signal) => captureProfile(signal) } : {}),
  };
}

const hangUntilAborted = (signal: AbortSignal) =>
  new Promise<Uint8Array>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));

describe("profile captures from misbehaving targets", () => {
  let db: Database;
  let captures: ProfileCaptures;
  let workers: ProfileWorkers;
  let identity: Identity;
  let heapBytes: Uint8Array;
  const origin = { ip: "127.0.0.1", requestId: "test" };
  const limits: ProfileCaptureLimits = {
    capturesPerMinute: 100,
    maxBytes: 100_000,
    graceSeconds: 0.3,
    keepStatusMs: 60_000,
  };

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeAll(async () => {
    heapBytes = await readFile(path.join(fixturesDir, "etcd-heap.pb.gz"));
    const user = await createUser(db, {
      username: "ops",
      displayName: "Ops",
      passwordHash: null,
      roles: ["operator"],
      atMs: Date.now(),
    });
    identity = { kind: "user", userId: user.id, username: "ops", roles: ["operator"], mustChangePassword: false };
    const sources = new SourceRegistry(
      [
        sourceServing("readonly", "no-pprof"),
        sourceServing("hangs", "hanging", hangUntilAborted),
        sourceServing("huge", "huge", async () => new Uint8Array(limits.maxBytes + 1)),
        sourceServing("html", "html", async () => new TextEncoder().encode("<html>login</html>")),
        sourceServing("good", "good", async () => heapBytes),
      ],
      1_000,
      createServerMetrics(),
    );
    workers = new ProfileWorkers({ taskTimeoutMs: 30_000, maxThreads: 1 });
    captures = new ProfileCaptures(
      { db, sources, profiles: new ProfileService(db, workers, sources), workers },
      limits,
    );
  });
  afterAll(async () => {
    await captures?.close();
    await workers?.close();
  });

  async function ended(captureId: string) {
    for (let i = 0; i < 200; i++) {
      const status = captures.status(captureId);
      if (status.state !== "running") return status;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the capture did not end");
  }

  it("refuse an instance whose source cannot capture profiles, naming the source", async () => {
    await expect(captures.start(identity, origin, { instanceId: "no-pprof", kind: "heap" })).rejects.toThrow(
      'source "readonly" (prometheus) cannot capture profiles of instance "no-pprof"',
    );
  });

  it("stop a capture that takes longer than its time bound, and say so", async () => {
    const { captureId } = await captures.start(identity, origin, { instanceId: "hanging", kind: "heap" });
    expect(await ended(captureId)).toEqual({
      state: "failed",
      secondsLeft: 0,
      profileId: null,
      error:
        'capturing the heap profile of instance "hanging" took longer than 0.3 s (0 s of profiling and 0.3 s for the answer) and was stopped',
    });
  });

  it("refuse a profile over the size cap, and an answer that is not a profile, storing neither", async () => {
    const huge = await captures.start(identity, origin, { instanceId: "huge", kind: "allocs" });
    expect((await ended(huge.captureId)).error).toMatch(
      /^the allocs profile of instance "huge" is .+, more than the .+ limit$/,
    );
    const html = await captures.start(identity, origin, { instanceId: "html", kind: "heap" });
    expect((await ended(html.captureId)).error).toMatch(
      /^instance "html" served something that is not a profile: .*not a pprof profile/,
    );
    expect((await listProfiles(db, { limit: 10 })).profiles).toEqual([]);
    const failures = await queryAudit(db, { action: "profile.capture", limit: 10 });
    expect(failures.entries.map((entry) => entry.outcome)).toEqual(["failed", "failed", "failed"]);
  });

  it("store what a good target serves, byte for byte", async () => {
    const { captureId } = await captures.start(identity, origin, { instanceId: "good", kind: "heap" });
    const status = await ended(captureId);
    expect(status.state).toBe("done");
    const [row] = await db.query<{ bytes: Uint8Array }>("select bytes from profiles where id = $1", [status.profileId]);
    expect(Buffer.from(row!.bytes).equals(Buffer.from(heapBytes))).toBe(true);
  });
});
