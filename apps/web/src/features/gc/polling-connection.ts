import { errorMessage } from "../../lib/trpc-errors.ts";
import type { LiveConnection } from "../overview/live-connection.ts";

/**
 * What the live indicator says for a page that polls: live while refreshes succeed, failing with
 * the reason when the latest refresh failed, paused when the person stopped it.
 */
export function pollingConnection(error: unknown, { paused }: { paused: boolean }): LiveConnection {
  if (paused) return { live: false, label: "Paused", tone: "neutral", detail: null };
  if (error) return { live: false, label: "Refresh failing", tone: "bad", detail: errorMessage(error) };
  return { live: true, label: "Live", tone: "good", detail: null };
}
