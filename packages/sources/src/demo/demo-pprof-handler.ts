import { type ProfileKind, pprofPathOf, profileKinds } from "@fleetdeck/core";
import { ProfileCaptureCancelled } from "../profiles/profile-capture-errors.ts";
import type { DemoFleet } from "./demo-fleet.ts";

export interface DemoPprofRequest {
  instanceId: string;
  /** The net/http/pprof name: profile (CPU), heap, allocs, goroutine, mutex or block. */
  profileName: string;
  /** The `seconds` query parameter as sent, if any. */
  seconds: string | undefined;
  /** Fires when the client goes away: a running CPU capture stops. */
  signal: AbortSignal;
}

export interface DemoPprofResponse {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** net/http/pprof profiles 30 s when no seconds are given; the demo does the same. */
const defaultCpuSeconds = 30;
const maxCpuSeconds = 300;

const kindsByPprofName = new Map<string, ProfileKind>(profileKinds.map((kind) => [pprofPathOf(kind), kind]));

/**
 * Serves each demo instance's /debug/pprof/<name> as net/http/pprof would, framework-neutral:
 * the server maps /demo/pprof/:instanceId/:name to it, so fetchPprofProfile (and go tool pprof)
 * capture from the demo exactly as from a real Go program. Snapshots only: `seconds` applies to
 * the CPU profile, and a delta of the others is refused rather than silently ignored.
 */
export function createDemoPprofHandler(fleet: DemoFleet): (request: DemoPprofRequest) => Promise<DemoPprofResponse> {
  return async ({ instanceId, profileName, seconds: secondsText, signal }) => {
    const kind = kindsByPprofName.get(profileName);
    if (kind === undefined) {
      const names = [...kindsByPprofName.keys()].join(", ");
      return plain(404, `no profile "${profileName}": the demo serves ${names}\n`);
    }
    let seconds = defaultCpuSeconds;
    if (secondsText !== undefined) {
      if (kind !== "cpu") {
        return plain(
          400,
          `seconds applies to the CPU profile ("profile") only; the demo serves ${profileName} as a snapshot\n`,
        );
      }
      seconds = Number(secondsText);
      if (!/^\d+$/.test(secondsText) || seconds < 1 || seconds > maxCpuSeconds) {
        return plain(400, `seconds must be a whole number from 1 to ${maxCpuSeconds} (got "${secondsText}")\n`);
      }
    }
    try {
      fleet.assertInstancesExist([instanceId]);
    } catch {
      return plain(404, `no demo instance "${instanceId}"\n`);
    }
    try {
      const body = await fleet.captureProfile(instanceId, { kind, seconds }, signal);
      return {
        status: 200,
        contentType: "application/octet-stream",
        headers: { "content-disposition": `attachment; filename="${profileName}"` },
        body,
      };
    } catch (error) {
      // 499, as proxies log a client that went away; nobody is left to read it.
      if (error instanceof ProfileCaptureCancelled) return plain(499, "capture cancelled\n");
      return plain(503, `${(error as Error).message}\n`);
    }
  };
}

function plain(status: number, body: string): DemoPprofResponse {
  return { status, contentType: "text/plain; charset=utf-8", headers: {}, body };
}
