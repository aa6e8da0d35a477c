import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMetricsText } from "./metrics-text.ts";

describe("parseMetricsText", () => {
  it("reads plain and labelled samples and skips comments and blank lines", () => {
    const text = [
      "# HELP etcd_server_has_leader Whether or not a leader exists.",
      "# TYPE etcd_server_has_leader gauge",
      "etcd_server_has_leader 1",
      "",
      'etcd_disk_wal_fsync_duration_seconds_bucket{le="0.001"} 12',
      'etcd_server_go_version{server_go_version="go1.19.8"} 1',
    ].join("\n");
    expect(parseMetricsText(text)).toEqual([
      { name: "etcd_server_has_leader", labels: {}, value: 1 },
      { name: "etcd_disk_wal_fsync_duration_seconds_bucket", labels: { le: "0.001" }, value: 12 },
      { name: "etcd_server_go_version", labels: { server_go_version: "go1.19.8" }, value: 1 },
    ]);
  });

  it("unescapes label values and reads several labels, spaces and a trailing comma", () => {
    const [sample] = parseMetricsText('grpc_calls{ method = "a\\"b" , path="c\\\\d\\ne",} 3');
    expect(sample).toEqual({ name: "grpc_calls", labels: { method: 'a"b', path: "c\\d\ne" }, value: 3 });
  });

  it("keeps a label named __proto__ as a label", () => {
    const [sample] = parseMetricsText('odd{__proto__="x"} 1');
    expect(Object.keys(sample?.labels ?? {})).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(sample?.labels)).toBe(Object.prototype);
  });

  it("reads special values, exponents and ignores a timestamp", () => {
    const values = parseMetricsText(
      ["a NaN", "b +Inf", "c -Inf", "d 1.5e-3", "e -2 1700000000000", "f .5", "g 1e+06"].join("\n"),
    ).map((sample) => [sample.name, sample.value]);
    expect(values).toEqual([
      ["a", Number.NaN],
      ["b", Number.POSITIVE_INFINITY],
      ["c", Number.NEGATIVE_INFINITY],
      ["d", 0.0015],
      ["e", -2],
      ["f", 0.5],
      ["g", 1_000_000],
    ]);
  });

  it("skips a line that does not parse and keeps the others", () => {
    const text = [
      "good_one 1",
      "no_value",
      "bad_value one",
      'unclosed{a="b 1',
      'bad_label{1a="x"} 2',
      'bad_escape{a="\\q"} 2',
      "too many fields 1 2",
      "good_two{} 2",
    ].join("\n");
    expect(parseMetricsText(text).map((sample) => sample.name)).toEqual(["good_one", "good_two"]);
  });

  it("reads back whatever samples a valid exposition renders (seeded)", () => {
    const name = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/);
    const labels = fc.dictionary(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/), fc.string({ maxLength: 12 }), {
      maxKeys: 4,
    });
    const value = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(fc.record({ name, labels, value }), { maxLength: 8 }), (samples) => {
        const rendered = samples.map((sample) => render(sample.name, sample.labels, sample.value)).join("\n");
        const expected = samples.map((sample) => ({
          ...sample,
          value: Object.is(sample.value, -0) ? 0 : sample.value,
        }));
        const parsed = parseMetricsText(rendered).map((sample) => ({
          ...sample,
          value: Object.is(sample.value, -0) ? 0 : sample.value,
        }));
        expect(parsed).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it("never throws on arbitrary text (seeded)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(Array.isArray(parseMetricsText(text))).toBe(true);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});

function render(name: string, labels: Record<string, string>, value: number): string {
  const escaped = (text: string) => text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
  const block = Object.entries(labels)
    .map(([label, text]) => `${label}="${escaped(text)}"`)
    .join(",");
  return `${name}${block ? `{${block}}` : ""} ${value}`;
}
