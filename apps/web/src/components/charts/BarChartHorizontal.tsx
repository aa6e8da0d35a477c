import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

export interface BarDatum {
  label: string;
  value: number;
}

interface BarChartHorizontalProps {
  data: readonly BarDatum[];
  /** Describes the chart for screen readers; the same numbers are in a table beside it. */
  label: string;
  valueName: string;
  formatValue: (value: number) => string;
}

/** recharts styles its tooltip inline, so the theme's colours are passed the same way. */
const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border-strong)",
  borderRadius: 6,
  fontSize: 12,
};

/** The console's one bar chart look: horizontal bars, muted axes, colours from the theme's CSS. */
export function BarChartHorizontal({ data, label, valueName, formatValue }: BarChartHorizontalProps) {
  const height = Math.max(80, data.length * 28 + 32);
  return (
    <figure className="chart" aria-label={label}>
      <BarChart
        data={[...data]}
        layout="vertical"
        width="100%"
        height={height}
        responsive
        accessibilityLayer={false}
        margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
      >
        <CartesianGrid horizontal={false} className="chart__grid" />
        <XAxis type="number" tickFormatter={formatValue} className="chart__axis" fontSize={11} />
        <YAxis type="category" dataKey="label" width={140} className="chart__axis" fontSize={11} />
        <Tooltip
          cursor={{ className: "chart__cursor" }}
          formatter={(value) => [formatValue(Number(value)), valueName]}
          contentStyle={tooltipStyle}
          labelStyle={{ color: "var(--text)" }}
          itemStyle={{ color: "var(--text)" }}
        />
        <Bar dataKey="value" name={valueName} className="chart__bar" fill="currentColor" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
