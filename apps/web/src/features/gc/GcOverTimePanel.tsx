import type { ReactNode } from "react";
import { Panel } from "../../components/Panel.tsx";
import { type QueryLike, QueryState } from "../../components/QueryState.tsx";
import { TimeRangePicker } from "../../components/TimeRangePicker.tsx";
import { type TimeRange, timeRangeSearchOf } from "../../lib/time-range.ts";
import type { GcSeriesAnswer } from "./GcChartGrid.tsx";
import type { GcPageSearch } from "./gc-page-search.ts";

interface GcOverTimePanelProps<Answer extends GcSeriesAnswer> {
  /** "instance checkout-1", "service checkout": for loading and error messages. */
  subject: string;
  query: QueryLike<Answer> & { isPlaceholderData: boolean };
  range: TimeRange;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onSearchChange: (change: Partial<GcPageSearch>) => void;
  note?: ReactNode;
  children: (answer: Answer) => ReactNode;
}

/** The "GC over time" section of an entity page: the range picker above the charts it drives. */
export function GcOverTimePanel<Answer extends GcSeriesAnswer>(props: GcOverTimePanelProps<Answer>) {
  const { subject, query, range, paused, onPausedChange, onSearchChange, note, children } = props;
  return (
    <Panel title="GC over time" className="gc-over-time">
      <TimeRangePicker
        value={range}
        onChange={(chosen) => onSearchChange(timeRangeSearchOf(chosen))}
        paused={paused}
        onPausedChange={onPausedChange}
        shownRange={query.data?.range ?? null}
      />
      {note}
      {query.isPlaceholderData ? (
        <p className="gc-updating" role="status">
          Loading the new range…
        </p>
      ) : null}
      <QueryState query={query} what={`the GC series of ${subject}`}>
        {children}
      </QueryState>
    </Panel>
  );
}
