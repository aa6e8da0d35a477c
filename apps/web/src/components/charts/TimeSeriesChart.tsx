import { useId } from "react";
import { CartesianGrid, type LabelProps, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { type MarkerLabelPlacement, markerLabelPlacement } from "./marker-label-placement.ts";
import { formatInstant, formatTimeTick, localUtcOffsetMs, timeTicks } from "./time-axis.ts";
import {
  type ChartMarker,
  chartRowsOf,
  hasValues,
  latestValues,
  markersToDraw,
  seriesDataKey,
  type TimeSeriesData,
} from "./time-series-model.ts";
import { maxValueOf, valueAxis } from "./value-axis.ts";
import { formatAxisValue, formatValue, type ValueUnit } from "./value-units.ts";

export interface TimeSeriesChartProps {
  /** The chart's title and its accessible name; tests find charts by it. */
  title: string;
  data: TimeSeriesData;
  /** How each line is named in the legend and tooltip, by its key (the key itself otherwise). */
  lineLabels?: Readonly<Record<string, string>>;
  unit: ValueUnit;
  /** The charted range: the x axis spans it even where the data starts later. */
  startMs: number;
  endMs: number;
  markers?: readonly ChartMarker[];
  /** A horizontal line the values must stay under (a container's memory limit). */
  limit?: { value: number; label: string } | null;
  height?: number;
}

/** Lines take the theme's series colours in order (eight, then round again). */
const seriesColour = (index: number) => `var(--series-${(index % 8) + 1})`;

/** recharts styles its tooltip inline, so the theme's colours are passed the same way. */
const tooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border-strong)",
  borderRadius: 6,
  fontSize: 12,
};

/**
 * The console's one time-series chart: lines over a time axis with gaps where a value is missing,
 * config changes as dashed vertical markers, an optional limit line. A legend with each line's
 * latest value sits above it, so the chart reads without hovering (and without a mouse).
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { title, data, lineLabels = {}, unit, startMs, endMs, markers = [], limit = null, height = 200 } = props;
  const summaryId = useId();
  const labelOf = (key: string) => lineLabels[key] ?? key;
  const latest = latestValues(data);
  const drawn = markersToDraw(markers, startMs, endMs);
  const spanMs = endMs - startMs;
  const ticks = timeTicks(startMs, endMs, 6, localUtcOffsetMs(endMs));
  const yAxis = valueAxis(maxValueOf(data.lines, limit?.value), unit);
  return (
    <figure className="chart time-series" aria-label={title} aria-describedby={summaryId}>
      <figcaption className="time-series__head">
        <span className="time-series__title">{title}</span>
        <ul className="time-series__legend">
          {latest.map((line, index) => (
            <li key={line.key}>
              <span className="time-series__swatch" style={{ background: seriesColour(index) }} aria-hidden="true" />
              {labelOf(line.key)} <span className="time-series__latest">{formatValue(unit, line.value)}</span>
            </li>
          ))}
        </ul>
      </figcaption>
      <p id={summaryId} className="visually-hidden">
        {summaryOf(
          latest.map((line) => ({ ...line, label: labelOf(line.key) })),
          unit,
          drawn,
          limit,
        )}
      </p>
      {hasValues(data) ? (
        <LineChart
          data={chartRowsOf(data)}
          width="100%"
          height={height}
          responsive
          accessibilityLayer={false}
          margin={{ top: 8, right: 12, bottom: 0, left: 4 }}
        >
          <CartesianGrid vertical={false} className="chart__grid" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[startMs, endMs]}
            allowDataOverflow
            ticks={ticks}
            tickFormatter={(t: number) => formatTimeTick(t, spanMs)}
            className="chart__axis"
            fontSize={11}
          />
          <YAxis
            type="number"
            domain={[0, yAxis.top]}
            ticks={yAxis.ticks}
            tickFormatter={(v: number) => formatAxisValue(unit, v)}
            width={72}
            className="chart__axis"
            fontSize={11}
          />
          <Tooltip
            formatter={(value, name) => [formatValue(unit, typeof value === "number" ? value : null), name]}
            labelFormatter={(t) => (typeof t === "number" ? formatInstant(t) : t)}
            contentStyle={tooltipStyle}
            labelStyle={{ color: "var(--text)" }}
            isAnimationActive={false}
          />
          {data.lines.map((line, index) => (
            <Line
              key={line.key}
              dataKey={seriesDataKey(index)}
              name={labelOf(line.key)}
              type="linear"
              stroke={seriesColour(index)}
              strokeWidth={1.5}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          {drawn.map((marker, index) => (
            <ReferenceLine
              key={marker.atMs}
              x={marker.atMs}
              className="chart__marker"
              stroke="var(--marker)"
              strokeDasharray="4 3"
              label={<MarkerLabel marker={marker} {...markerLabelPlacement(marker.atMs, index, startMs, endMs)} />}
            />
          ))}
          {limit ? (
            <ReferenceLine
              y={limit.value}
              ifOverflow="extendDomain"
              className="chart__limit"
              stroke="var(--bad)"
              strokeDasharray="6 3"
              label={{ value: limit.label, position: "insideBottomLeft", className: "chart__limit-label" }}
            />
          ) : null}
        </LineChart>
      ) : (
        <p className="state state--empty time-series__empty" style={{ height }}>
          No data in this range.
        </p>
      )}
    </figure>
  );
}

/**
 * A marker's short label beside its line (left of it in the right part of the chart, so it is not
 * cut off), the labels of neighbouring markers on rows of their own; the whole story is the SVG's
 * tooltip. recharts clones the element with the line's `viewBox`.
 */
function MarkerLabel({
  viewBox,
  marker,
  row,
  leftOfLine,
}: LabelProps & MarkerLabelPlacement & { marker: ChartMarker }) {
  if (!viewBox || !("x" in viewBox) || !("y" in viewBox)) return null;
  return (
    <g className="chart__marker-label">
      <title>{marker.label}</title>
      <text
        x={viewBox.x + (leftOfLine ? -4 : 4)}
        y={viewBox.y + 12 + row * 14}
        textAnchor={leftOfLine ? "end" : "start"}
      >
        {marker.shortLabel}
      </text>
    </g>
  );
}

/** What a screen reader hears for the chart: the latest values, the limit and the changes marked. */
function summaryOf(
  latest: ReadonlyArray<{ label: string; value: number | null }>,
  unit: ValueUnit,
  markers: readonly ChartMarker[],
  limit: { value: number; label: string } | null,
): string {
  const values = latest.map((line) => `${line.label} ${formatValue(unit, line.value)}`).join(", ");
  const parts = [`Latest: ${values}.`];
  if (limit) parts.push(`${limit.label}.`);
  if (markers.length > 0) parts.push(`Marked changes: ${markers.map((m) => m.label).join("; ")}.`);
  return parts.join(" ");
}
