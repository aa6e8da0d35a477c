import type { RolloutProgress } from "@fleetdeck/core";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../auth/identity.ts";
import { benchContent, openRolloutBench, type RolloutBench } from "../testing/rollout-bench.ts";

/**
 * Gates over a window with no data (a metric no source reports) or only NaN (heap vs limit of
 * instances that have no limit) are inconclusive: the rollout holds, paused with the reason, and
 * is never promoted to its next stage; a resume evaluates the same window again.
 */
describe("gates without data hold the rollout", () => {
  let bench: RolloutBench;
  let author: Identity;
  let approver: Identity;

  beforeAll(async () => {
    bench = await openRolloutBench();
    author = await bench.person("proposer", ["operator"]);
    approver = await bench.person("lead", ["approver"]);
  });

  afterAll(async () => {
    await bench?.close();
  });

  /** Creates, approves and starts a change; returns its id and what the first stage changed. */
  async function started(content: ReturnType<typeof benchContent>) {
    const asAuthor = bench.callerAs(author);
    const draft = await asAuthor.changes.create({ content });
    const pending = await asAuthor.changes.submit({ id: draft.id });
    await bench.callerAs(approver).changes.approve({ id: draft.id, contentHash: pending.contentHash });
    const rolling = await asAuthor.changes.start({ id: draft.id });
    return { id: draft.id, progress: rolling.rollout as RolloutProgress };
  }

  it("holds on a metric no source reports, even beside a passing gate, and a resume evaluates again", async () => {
    const [serviceId] = await bench.serviceIds(4);
    const instanceIds = await bench.instanceIdsOf(serviceId as string);
    const before = await bench.desiredGogcOf(serviceId as string, instanceIds);
    const gogc = Math.round((before[instanceIds[0] as string] as number) * 1.5);
    const { id, progress } = await started(
      benchContent("Error ratio gate", serviceId as string, gogc, [
        { metric: "gcCpuFraction", maxIncrease: 10, noiseFloor: 1 },
        { metric: "errorRatio", maxIncrease: 0.1, noiseFloor: 0.001 },
      ]),
    );
    const canary = progress.batches[0]?.instanceIds ?? [];

    const steps = await bench.runWhile(id, "rolling");
    expect(steps.map((s) => s.kind)).toEqual(["apply", "startBake", "evaluateGates"]);
    const held = await bench.services.changes.get(id);
    expect(held.state).toBe("paused");
    expect(held.stateReason).toMatch(
      /gates inconclusive at stage 1 \(canary\): Error ratio: the metric source does not have it/,
    );
    const verdicts = held.rollout?.gateResults[0]?.results.map((r) => [r.metric, r.verdict]);
    expect(verdicts).toEqual([
      ["gcCpuFraction", "pass"],
      ["errorRatio", "inconclusive"],
    ]);

    // Waiting longer changes nothing: a held rollout is not looked at, whatever the time.
    bench.advance(3_600_000);
    expect(await bench.services.rollouts.step(id)).toBeNull();

    // Resuming needs a reason; with one, the same window is evaluated again, and holds again.
    const asAuthor = bench.callerAs(author);
    await expect(asAuthor.changes.resume({ id, reason: " " })).rejects.toThrow(TRPCError);
    await asAuthor.changes.resume({ id, reason: "checked the error ratio by hand" });
    const again = await bench.runWhile(id, "rolling");
    expect(again.map((s) => s.kind)).toEqual(["evaluateGates"]);
    const [first, second] = [steps[2], again[0]];
    expect(second).toMatchObject({
      kind: "evaluateGates",
      stageIndex: 0,
      windowStartMs: (first as { windowStartMs: number }).windowStartMs,
      windowEndMs: (first as { windowEndMs: number }).windowEndMs,
    });
    const heldAgain = await bench.services.changes.get(id);
    expect(heldAgain.state).toBe("paused");
    expect(heldAgain.rollout?.gateResults[0]?.evaluatedAtMs).toBeGreaterThan(
      held.rollout?.gateResults[0]?.evaluatedAtMs as number,
    );

    // Never promoted: the stage is still the canary's, and only the canary runs the new config.
    expect(heldAgain.rollout?.stageIndex).toBe(0);
    expect(heldAgain.steps.filter((s) => s.kind === "apply")).toHaveLength(1);
    const now = await bench.desiredGogcOf(serviceId as string, instanceIds);
    for (const instanceId of instanceIds) {
      expect(now[instanceId], instanceId).toBe(canary.includes(instanceId) ? gogc : before[instanceId]);
    }
  });

  it("holds when every sample is NaN: heap vs limit of instances with no memory limit at all", async () => {
    const inventory = await bench.services.demo.source.inventory();
    const unlimited = inventory.instances.filter(
      (i) => i.memoryLimitBytes === null && i.runtimeConfig.memoryLimitBytes === null && i.runtimeConfig.gogc !== "off",
    );
    const serviceId = unlimited[0]?.serviceId as string;
    const ids = unlimited.filter((i) => i.serviceId === serviceId).map((i) => i.id);
    expect(ids.length, "the demo fleet has instances without any memory limit").toBeGreaterThanOrEqual(2);
    const selector = `instance in (${ids.join(", ")})`;
    const { id } = await started(
      benchContent(
        "Heap vs limit without a limit",
        serviceId,
        150,
        [{ metric: "heapToLimit", maxIncrease: 0.2, noiseFloor: 0.01 }],
        selector,
      ),
    );

    await bench.runWhile(id, "rolling");
    const held = await bench.services.changes.get(id);
    expect(held.state).toBe("paused");
    expect(held.stateReason).toMatch(/Heap vs limit: no finite data/);
    expect(held.rollout?.gateResults[0]?.verdict).toBe("inconclusive");
    expect(held.rollout?.stageIndex).toBe(0);

    // Aborting is always possible from a hold, and restores the canary.
    await bench.callerAs(author).changes.abort({ id, reason: "no way to judge it" });
    await bench.runWhile(id, "rolling_back");
    expect((await bench.services.changes.get(id)).state).toBe("rolled_back");
  });
});
