export type TokenStatus = "active" | "expired" | "revoked";

/** Whether a token still works at nowMs; a revoked token says so even after its expiry. */
export function tokenStatus(token: { revokedAtMs: number | null; expiresAtMs: number | null }, nowMs: number) {
  if (token.revokedAtMs !== null) return "revoked" satisfies TokenStatus;
  if (token.expiresAtMs !== null && token.expiresAtMs <= nowMs) return "expired" satisfies TokenStatus;
  return "active" satisfies TokenStatus;
}

/** The lifetimes offered when creating a token; null never expires. */
export const tokenLifetimes: readonly { days: number | null; label: string }[] = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: 7, label: "7 days" },
  { days: null, label: "Never expires" },
];
