export type Tone = "good" | "bad" | "warn" | "neutral";

export interface Stat {
  label: string;
  value: string;
  tone?: Tone;
  /** A short second line, e.g. "3 without data". */
  detail?: string;
}

/** One figure of a summary row; use inside <StatGrid> (a description list). */
export function StatCard({ label, value, tone = "neutral", detail }: Stat) {
  return (
    <div className={`stat stat--${tone}`}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
      {detail ? <dd className="stat__detail">{detail}</dd> : null}
    </div>
  );
}

export function StatGrid({ stats, label }: { stats: readonly Stat[]; label: string }) {
  return (
    <dl className="stat-grid" aria-label={label}>
      {stats.map((stat) => (
        <StatCard key={stat.label} {...stat} />
      ))}
    </dl>
  );
}
