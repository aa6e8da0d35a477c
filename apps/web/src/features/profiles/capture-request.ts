import type { ProfileKind } from "@fleetdeck/core";

/** The server's bounds for a CPU profile's length. */
export const minCpuSeconds = 1;
export const maxCpuSeconds = 120;
export const defaultCpuSeconds = 10;

export interface CaptureRequest {
  instanceId: string;
  kind: ProfileKind;
  seconds?: number;
}

export type CaptureFormErrors = Partial<Record<"instanceId" | "seconds", string[]>>;

/**
 * The capture form's fields as a request, or what is wrong with them, before anything is sent:
 * only CPU profiles take seconds (the other kinds are snapshots).
 */
export function captureRequestOf(form: {
  instanceId: string;
  kind: ProfileKind;
  seconds: string;
}): { ok: true; request: CaptureRequest } | { ok: false; errors: CaptureFormErrors } {
  const errors: CaptureFormErrors = {};
  const instanceId = form.instanceId.trim();
  if (instanceId === "") errors.instanceId = ["Enter the id of the instance to profile."];
  let seconds: number | undefined;
  if (form.kind === "cpu") {
    seconds = form.seconds.trim() === "" ? defaultCpuSeconds : Number(form.seconds);
    if (!Number.isInteger(seconds) || seconds < minCpuSeconds || seconds > maxCpuSeconds) {
      errors.seconds = [`A CPU profile runs for ${minCpuSeconds} to ${maxCpuSeconds} whole seconds.`];
    }
  }
  if (errors.instanceId || errors.seconds) return { ok: false, errors };
  return { ok: true, request: { instanceId, kind: form.kind, ...(seconds === undefined ? {} : { seconds }) } };
}
