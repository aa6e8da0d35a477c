const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Tick spacings a person reads at a glance on a time axis. */
const tickStepsMs = [
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  2 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
  2 * day,
  7 * day,
];

/**
 * Ticks at round local times (":00", ":15", midnight) across [startMs, endMs], at most `maxTicks`.
 * `utcOffsetMs` is the viewer's zone offset (east positive); one offset for the whole range, so a
 * range across a daylight-saving change has its ticks an hour off on one side, which no one reads
 * as wrong on a chart of this resolution.
 */
export function timeTicks(startMs: number, endMs: number, maxTicks: number, utcOffsetMs: number): number[] {
  const span = endMs - startMs;
  if (!(span > 0) || maxTicks < 1) return [];
  const step = tickStepsMs.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / day) * day;
  const first = Math.ceil((startMs + utcOffsetMs) / step) * step - utcOffsetMs;
  const ticks: number[] = [];
  for (let t = first; t <= endMs; t += step) ticks.push(t);
  return ticks;
}

/** The viewer's offset from UTC at an instant, east positive (JavaScript's own sign is west positive). */
export function localUtcOffsetMs(atMs: number): number {
  return -new Date(atMs).getTimezoneOffset() * minute;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", options);
    formats.set(key, format);
  }
  return format;
}

/**
 * A tick's label for a chart spanning `spanMs`: "14:30" up to a day; beyond, the date ("14 Mar"),
 * with the time when the tick is not at midnight ("14 Mar 12:00").
 */
export function formatTimeTick(ms: number, spanMs: number, timeZone?: string): string {
  const zone = timeZone ? { timeZone } : {};
  const time = cachedFormat(`time|${timeZone ?? ""}`, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    ...zone,
  });
  const clock = time.format(ms);
  if (spanMs <= day) return clock;
  const date = cachedFormat(`date|${timeZone ?? ""}`, { day: "numeric", month: "short", ...zone }).format(ms);
  return clock === "00:00" ? date : `${date} ${clock}`;
}

/** The tooltip's heading: the full instant, to the second. */
export function formatInstant(ms: number, timeZone?: string): string {
  return cachedFormat(`full|${timeZone ?? ""}`, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}
