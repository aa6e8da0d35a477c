import type { Tone } from "./StatCard.tsx";

/** Status in words and colour, never colour alone. */
export function StatusBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** An instance's health as the server's policy judged it; null health means no sample arrived. */
export function HealthBadge({ health }: { health: { healthy: boolean; reasons: string[] } | null }) {
  if (health === null) return <StatusBadge tone="neutral">No data</StatusBadge>;
  return health.healthy ? (
    <StatusBadge tone="good">Healthy</StatusBadge>
  ) : (
    <StatusBadge tone="bad">Unhealthy</StatusBadge>
  );
}
