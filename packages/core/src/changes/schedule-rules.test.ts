import { describe, expect, it } from "vitest";
import { policyInput } from "./change-fixtures.test-support.ts";
import type { ChangePolicyInput } from "./change-policy.ts";
import { evaluateChangePolicy } from "./change-policy.ts";
import type { PolicyRuleName } from "./policy-violation.ts";

const noon = Date.UTC(2026, 5, 1, 12);
const hour = 3_600_000;
const releaseFreeze = { startMs: noon - hour, endMs: noon + hour, reason: "quarterly release" };

function violations(rule: PolicyRuleName, overrides: Partial<ChangePolicyInput>) {
  return evaluateChangePolicy(policyInput({ nowMs: noon, ...overrides })).violations.filter((v) => v.rule === rule);
}

describe("freeze-window", () => {
  const settings = { defaultApprovals: 1, freezeWindows: [releaseFreeze] };

  it("blocks starting a rollout inside a window, naming its end and reason", () => {
    expect(violations("freeze-window", { settings, moment: "start" })).toEqual([
      {
        rule: "freeze-window",
        severity: "block",
        message:
          "a freeze window is in force until 2026-06-01T13:00:00.000Z (quarterly release): the rollout cannot start before then",
        instanceIds: [],
      },
    ]);
  });

  it("only warns at submit time: a change may be reviewed during a freeze", () => {
    const [warning] = violations("freeze-window", { settings, moment: "submit" });
    expect(warning?.severity).toBe("warn");
    expect(warning?.message).toContain("the rollout will not be able to start before then");
  });

  it("holds from the window's start up to, not including, its end", () => {
    expect(violations("freeze-window", { settings, moment: "start", nowMs: releaseFreeze.startMs })).toHaveLength(1);
    expect(violations("freeze-window", { settings, moment: "start", nowMs: releaseFreeze.endMs })).toEqual([]);
    expect(violations("freeze-window", { settings, moment: "start", nowMs: releaseFreeze.startMs - 1 })).toEqual([]);
  });
});

describe("one-active-rollout", () => {
  const otherChanges = [
    { id: "c-1", title: "Lower GOGC", state: "paused" as const },
    { id: "c-2", title: "Old", state: "completed" as const },
    { id: "c-3", title: "Next", state: "approved" as const },
  ];

  it("blocks starting while another change of the service is rolling, paused or rolling back", () => {
    expect(violations("one-active-rollout", { otherChanges, moment: "start" })).toEqual([
      {
        rule: "one-active-rollout",
        severity: "block",
        message:
          'service checkout already has an active rollout: "Lower GOGC" (c-1, paused); wait until it completes or is rolled back',
        instanceIds: [],
      },
    ]);
    expect(violations("one-active-rollout", { otherChanges, moment: "submit" })[0]?.severity).toBe("warn");
  });

  it("ignores changes that hold no instances mid-change", () => {
    expect(violations("one-active-rollout", { otherChanges: otherChanges.slice(1), moment: "start" })).toEqual([]);
  });
});
