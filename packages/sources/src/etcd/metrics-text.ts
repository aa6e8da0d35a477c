/** One sample line of a Prometheus text exposition. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const metricName = /^[A-Za-z_:][A-Za-z0-9_:]*/;
const labelName = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Reads the sample lines of a Prometheus text exposition (format 0.0.4, what etcd serves on
 * /metrics). Comments and blank lines are skipped, and so is a line that does not parse: one odd
 * line must not hide the figures of the others. A trailing timestamp is ignored.
 */
export function parseMetricsText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const sample = parseSampleLine(line);
    if (sample) samples.push(sample);
  }
  return samples;
}

function parseSampleLine(line: string): MetricSample | null {
  const name = metricName.exec(line)?.[0];
  if (!name) return null;
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    const block = parseLabelBlock(rest);
    if (!block) return null;
    labels = block.labels;
    rest = rest.slice(block.length);
  }
  if (!/^[ \t]/.test(rest)) return null;
  const [valueText, timestamp, extra] = rest.trim().split(/[ \t]+/);
  if (valueText === undefined || extra !== undefined) return null;
  if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) return null;
  const value = parseSampleValue(valueText);
  return value === null ? null : { name, labels, value };
}

/** `{a="x",b="y\"z"}` at the start of `text`: its labels and how many characters it takes. */
function parseLabelBlock(text: string): { labels: Record<string, string>; length: number } | null {
  // Entries, not assignments: a label named __proto__ must stay a label.
  const entries: [string, string][] = [];
  let at = 1;
  const skipSpaces = () => {
    while (text[at] === " " || text[at] === "\t") at++;
  };
  for (;;) {
    skipSpaces();
    if (text[at] === "}") return { labels: Object.fromEntries(entries), length: at + 1 };
    const name = labelName.exec(text.slice(at))?.[0];
    if (!name) return null;
    at += name.length;
    skipSpaces();
    if (text[at] !== "=") return null;
    at++;
    skipSpaces();
    if (text[at] !== '"') return null;
    at++;
    let value = "";
    for (;;) {
      const char = text[at];
      if (char === undefined) return null;
      at++;
      if (char === '"') break;
      if (char === "\\") {
        const escaped = text[at];
        at++;
        if (escaped === "n") value += "\n";
        else if (escaped === "\\" || escaped === '"') value += escaped;
        else return null;
      } else {
        value += char;
      }
    }
    entries.push([name, value]);
    skipSpaces();
    if (text[at] === ",") at++;
    else if (text[at] !== "}") return null;
  }
}

function parseSampleValue(text: string): number | null {
  if (text === "NaN") return Number.NaN;
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  return Number(text);
}
