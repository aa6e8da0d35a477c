import {
  advanceRollout,
  type DesiredConfig,
  type RolloutPlan,
  type RolloutProgress,
  reconcileRollout,
  startRollout,
} from "@fleetdeck/core";

/** A rollout over six instances in two regions, built and carried forward by core's own functions. */
export const fixtureStartMs = Date.UTC(2026, 2, 1, 12, 0, 0);

const instances = ["a1", "a2", "a3", "b1", "b2", "b3"].map((id) => ({
  id,
  regionId: id.startsWith("a") ? "eu-west" : "us-east",
  clusterId: `${id.startsWith("a") ? "eu-west" : "us-east"}-k8s`,
}));

export const oldConfig: DesiredConfig = {
  gogc: 100,
  memoryLimitBytes: null,
  gomaxprocs: 4,
  grayRatio: null,
  custom: {},
};

export const fixturePlan: RolloutPlan = {
  stages: [
    { name: "canary", regionId: "eu-west", size: { kind: "instances", count: 1 }, bakeSeconds: 60 },
    { name: "eu-west 100 %", regionId: "eu-west", size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
    { name: "everywhere", regionId: null, size: { kind: "percent", percent: 100 }, bakeSeconds: 60 },
  ],
  gates: [{ metric: "gcCpuFraction", maxIncrease: 0.2, noiseFloor: 0.01 }],
  convergenceTimeoutSeconds: 60,
};

export function startedRollout(): RolloutProgress {
  return startRollout(
    fixturePlan,
    instances,
    instances.map((i) => ({ instanceId: i.id, desired: oldConfig, observed: oldConfig, observedAtMs: fixtureStartMs })),
    { gogc: 150 },
    fixtureStartMs,
  );
}

/**
 * Runs the controller's loop against a control plane where every instance reports what it was
 * told at once and every gate passes, until `until` holds; returns the progress and the time.
 */
export function carryRollout(
  progress: RolloutProgress,
  until: (progress: RolloutProgress) => boolean,
  fromMs = fixtureStartMs,
): { progress: RolloutProgress; nowMs: number } {
  // What the control plane holds: the new config where the progress says it was written.
  const written = new Set(
    progress.batches.flatMap((batch, index) =>
      index < progress.stageIndex || (index === progress.stageIndex && progress.phase !== "apply")
        ? batch.instanceIds
        : [],
    ),
  );
  const told = new Map<string, DesiredConfig>(
    progress.targets.map((t) => [
      t.id,
      (written.has(t.id) ? progress.desired[t.id] : progress.previous[t.id]) ?? oldConfig,
    ]),
  );
  let nowMs = fromMs;
  let current = progress;
  for (let i = 0; i < 200 && !until(current); i++) {
    const configs = [...told].map(([instanceId, config]) => ({
      instanceId,
      desired: config,
      observed: config,
      observedAtMs: nowMs,
    }));
    const step = reconcileRollout(current, { configs }, nowMs);
    if (step.kind === "wait") {
      nowMs = step.untilMs ?? nowMs + 1000;
      continue;
    }
    if (step.kind === "apply") for (const write of step.writes) told.set(write.instanceId, write.config);
    const outcome =
      step.kind === "evaluateGates"
        ? { kind: "gates" as const, evaluation: { verdict: "pass" as const, results: [] } }
        : { kind: "done" as const };
    current = advanceRollout(current, step, outcome, nowMs);
    nowMs += 1000;
  }
  return { progress: current, nowMs };
}
