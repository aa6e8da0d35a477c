import type { Tone } from "../../components/StatCard.tsx";

/** The states of a tRPC subscription (useSubscription's `status`). */
export type SubscriptionStatus = "idle" | "connecting" | "pending" | "error";

export interface LiveConnection {
  /** Receiving pushed updates. */
  live: boolean;
  label: string;
  tone: Tone;
  /** Why it is not live, when known. */
  detail: string | null;
}

/**
 * What the live indicator says. "pending" is tRPC's name for an open subscription waiting for
 * (or receiving) data, so it is the healthy state.
 */
export function describeLiveConnection(status: SubscriptionStatus, errorMessage: string | null): LiveConnection {
  switch (status) {
    case "pending":
      return { live: true, label: "Live", tone: "good", detail: null };
    case "connecting":
      return {
        live: false,
        label: errorMessage ? "Reconnecting" : "Connecting",
        tone: "warn",
        detail: errorMessage,
      };
    case "error":
      return { live: false, label: "Disconnected", tone: "bad", detail: errorMessage };
    case "idle":
      return { live: false, label: "Paused", tone: "neutral", detail: null };
  }
}
