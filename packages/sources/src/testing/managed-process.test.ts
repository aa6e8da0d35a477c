import { describe, expect, it } from "vitest";
import { ManagedProcess, waitUntilReady } from "./managed-process.ts";

function isRunning(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("ManagedProcess", () => {
  it("says which Debian package provides a missing binary", () => {
    expect(() => ManagedProcess.start("fleetdeck-no-such-binary", [], "fleetdeck-pkg")).toThrow(
      "fleetdeck-no-such-binary is not installed: the tests that run a real fleetdeck-no-such-binary need Debian's fleetdeck-pkg package",
    );
  });

  it("stops its own child, escalating to SIGKILL when SIGTERM is ignored", async () => {
    const stubborn = ManagedProcess.start(
      "sh",
      ["-c", "trap '' TERM; echo started; while true; do sleep 0.1; done"],
      "dash",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isRunning(stubborn.pid)).toBe(true);
    await stubborn.stop(300);
    expect(stubborn.hasExited).toBe(true);
    expect(isRunning(stubborn.pid)).toBe(false);
  });

  it("reports a process that exits before it is ready, with its output", async () => {
    const failing = ManagedProcess.start("sh", ["-c", "echo 'bind: address already in use' >&2; exit 3"], "dash");
    await expect(waitUntilReady(failing, "http://127.0.0.1:9/", 5_000)).rejects.toThrow(
      "sh exited (3) before it was ready; its last output:\nbind: address already in use",
    );
  });
});
