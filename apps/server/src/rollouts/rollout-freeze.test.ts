import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../auth/identity.ts";
import { benchContent, benchStartMs, openRolloutBench, type RolloutBench } from "../testing/rollout-bench.ts";

const hourMs = 3_600_000;

/**
 * A freeze window declared in the sources file: no rollout starts inside it, but rolling back is
 * never blocked — neither a completed rollout nor one caught mid-way when the freeze began.
 */
describe("a freeze window from the sources file", () => {
  let bench: RolloutBench;
  let sourcesDir: string;
  let author: Identity;
  let approvers: Identity[];
  let freezeStartMs: number;

  beforeAll(async () => {
    sourcesDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-freeze-"));
    const file = path.join(sourcesDir, "sources.yaml");
    // The freeze begins an hour after the bench's clock starts, for two hours.
    freezeStartMs = benchStartMs + hourMs;
    await writeFile(
      file,
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        "changePolicy:",
        "  freezeWindows:",
        `    - start: ${new Date(freezeStartMs).toISOString()}`,
        `      end: ${new Date(freezeStartMs + 2 * hourMs).toISOString()}`,
        "      reason: quarter-end close",
        "",
      ].join("\n"),
    );
    bench = await openRolloutBench({ env: { FLEETDECK_SOURCES_FILE: file } });
    author = await bench.person("proposer", ["operator"]);
    approvers = [await bench.person("lead", ["approver"]), await bench.person("second-lead", ["approver"])];
  });

  afterAll(async () => {
    await bench?.close();
    if (sourcesDir) await rm(sourcesDir, { recursive: true, force: true });
  });

  async function approvedChange(title: string, serviceId: string) {
    const instanceIds = await bench.instanceIdsOf(serviceId);
    const before = await bench.desiredGogcOf(serviceId, instanceIds);
    // GOGC a little lower: less heap, so the risk (and the approvals it asks) cannot grow by the start.
    const gogc = Math.round((before[instanceIds[0] as string] as number) * 0.8);
    const lenientGates = [{ metric: "gcCpuFraction" as const, maxIncrease: 10, noiseFloor: 1 }];
    const asAuthor = bench.callerAs(author);
    const draft = await asAuthor.changes.create({ content: benchContent(title, serviceId, gogc, lenientGates) });
    const pending = await asAuthor.changes.submit({ id: draft.id });
    // A service near its memory limit asks two approvals (risk), the others one.
    for (const approver of approvers.slice(0, pending.approvalsRequired)) {
      await bench.callerAs(approver).changes.approve({ id: draft.id, contentHash: pending.contentHash });
    }
    return { id: draft.id, instanceIds, before, gogc };
  }

  it("refuses to start a rollout inside it, and lets rollbacks and aborts run", async () => {
    const [completedService, midwayService, waitingService] = await bench.serviceIds(3);
    const asAuthor = bench.callerAs(author);
    expect(bench.nowMs()).toBeLessThan(freezeStartMs);

    // Before the freeze: one rollout completes, another is left halfway, a third waits approved.
    const done = await approvedChange("Completed before the freeze", completedService as string);
    await asAuthor.changes.start({ id: done.id });
    await bench.runWhile(done.id, "rolling");
    expect((await bench.services.changes.get(done.id)).state).toBe("completed");
    const midway = await approvedChange("Halfway when the freeze begins", midwayService as string);
    await asAuthor.changes.start({ id: midway.id });
    await bench.services.rollouts.step(midway.id);
    const waiting = await approvedChange("Waits for the freeze to end", waitingService as string);

    bench.advance(freezeStartMs - bench.nowMs() + 60_000);
    await expect(asAuthor.changes.start({ id: waiting.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/freeze window is in force until .*quarter-end close.*cannot start/),
    });
    expect((await bench.services.changes.get(waiting.id)).state).toBe("approved");

    // Rolling back needs no approval and no thaw: a completed rollout and one caught midway.
    const back = await asAuthor.changes.rollback({ id: done.id, reason: "freeze: back to the known config" });
    expect(back.state).toBe("rolling_back");
    await bench.runWhile(done.id, "rolling_back");
    expect((await bench.services.changes.get(done.id)).state).toBe("rolled_back");
    expect(await bench.desiredGogcOf(completedService as string, done.instanceIds)).toEqual(done.before);

    const aborted = await asAuthor.changes.abort({ id: midway.id, reason: "freeze: stop here" });
    expect(aborted.state).toBe("rolling_back");
    await bench.runWhile(midway.id, "rolling_back");
    expect((await bench.services.changes.get(midway.id)).state).toBe("rolled_back");
    expect(await bench.desiredGogcOf(midwayService as string, midway.instanceIds)).toEqual(midway.before);

    // Once the window is over, the same approved change starts.
    bench.advance(2 * hourMs);
    expect((await asAuthor.changes.start({ id: waiting.id })).state).toBe("rolling");
  });
});
