import type { ProfileTop } from "@fleetdeck/core";

/**
 * The text table of `fleetdeck profile top`, laid out as `go tool pprof -top` prints it so that
 * people (and their scripts) read both the same way: one unit for the whole table chosen from the
 * smallest value, pprof's percentage style, flat% and a running sum%.
 */
export function formatProfileTopTable(top: ProfileTop): string {
  const unit = outputUnitOf(top);
  const format = (value: number) => scaledLabel(value, top.unit, unit);
  const lines = [
    `Type: ${top.sampleType}`,
    `Total: ${format(top.total)}, ${top.functions.length} functions`,
    `${pad("flat", 10)} ${pad("flat", 5)}% ${pad("sum", 5)}% ${pad("cum", 10)} ${pad("cum", 5)}%`,
  ];
  let flatSum = 0;
  for (const fn of top.functions) {
    flatSum += fn.flat;
    lines.push(
      `${pad(format(fn.flat), 10)} ${percentage(fn.flat, top.total)} ${percentage(flatSum, top.total)} ` +
        `${pad(format(fn.cum), 10)} ${percentage(fn.cum, top.total)}  ${fn.name}`,
    );
  }
  return lines.join("\n");
}

interface Unit {
  name: string;
  aliases: readonly string[];
  factor: number;
}

interface UnitFamily {
  units: readonly Unit[];
  base: Unit;
}

// pprof's measurement package: the units it recognises in a sample type, and their names.
const memory: UnitFamily = {
  units: [
    { name: "B", aliases: ["b", "byte"], factor: 1 },
    { name: "kB", aliases: ["kb", "kbyte", "kilobyte"], factor: 2 ** 10 },
    { name: "MB", aliases: ["mb", "mbyte", "megabyte"], factor: 2 ** 20 },
    { name: "GB", aliases: ["gb", "gbyte", "gigabyte"], factor: 2 ** 30 },
    { name: "TB", aliases: ["tb", "tbyte", "terabyte"], factor: 2 ** 40 },
    { name: "PB", aliases: ["pb", "pbyte", "petabyte"], factor: 2 ** 50 },
  ],
  base: { name: "B", aliases: [], factor: 1 },
};
const time: UnitFamily = {
  units: [
    { name: "ns", aliases: ["ns", "nanosecond"], factor: 1 },
    { name: "us", aliases: ["μs", "us", "microsecond"], factor: 1e3 },
    { name: "ms", aliases: ["ms", "millisecond"], factor: 1e6 },
    { name: "s", aliases: ["s", "sec", "second"], factor: 1e9 },
    { name: "hrs", aliases: ["hour", "hr"], factor: 3600e9 },
  ],
  base: { name: "s", aliases: [], factor: 1e9 },
};

function sniff(unitName: string): { family: UnitFamily; unit: Unit } | null {
  let alias = unitName.toLowerCase();
  if (alias.length > 2 && alias.endsWith("s")) alias = alias.slice(0, -1);
  for (const family of [memory, time]) {
    const unit = family.units.find((candidate) => candidate.aliases.includes(alias));
    if (unit) return { family, unit };
  }
  return null;
}

/** A value in `from` units, expressed in `to` ("auto" picks the largest unit the value reaches). */
function scale(value: number, from: string, to: string): { value: number; unit: string } {
  const source = sniff(from);
  if (!source) return { value, unit: "" };
  const base = value * source.unit.factor;
  if (to === "auto") {
    const fitting = source.family.units.filter((unit) => Math.abs(base) / unit.factor >= 1).at(-1);
    const unit = fitting ?? source.family.base;
    return { value: base / unit.factor, unit: unit.name };
  }
  const target = source.family.units.find((unit) => unit.name === to) ?? source.family.base;
  return { value: base / target.factor, unit: target.name };
}

/** As pprof's report: the unit of the smallest non-zero value, unless that makes the total huge. */
function outputUnitOf(top: ProfileTop): string {
  let minValue = 0;
  for (const fn of top.functions) {
    const value = Math.abs(fn.flat) || Math.abs(fn.cum);
    if (value > 0 && (minValue === 0 || value < minValue)) minValue = value;
  }
  const maxValue = Math.abs(top.total);
  if (minValue === 0) minValue = maxValue;
  const minUnit = scale(minValue, top.unit, "auto").unit;
  const maxUnit = scale(maxValue, top.unit, "auto").unit;
  return minUnit !== maxUnit && minValue * 100 < maxValue ? scale(100 * minValue, top.unit, "auto").unit : minUnit;
}

function scaledLabel(value: number, from: string, to: string): string {
  const scaled = scale(value, from, to);
  const text = scaled.value.toFixed(2).replace(/\.00$/, "");
  return text === "0" || text === "-0" ? "0" : `${text}${scaled.unit}`;
}

/** pprof's percentages: "  100%" near 100, two decimals from 1%, two significant digits below. */
function percentage(value: number, total: number): string {
  const ratio = total === 0 ? 0 : Math.abs(value / total) * 100;
  if (ratio >= 99.95 && ratio <= 100.05) return "  100%";
  if (ratio >= 1) return `${pad(ratio.toFixed(2), 5)}%`;
  return `${pad(goGeneralFormat(ratio), 5)}%`;
}

/** Go's %.2g: two significant digits, exponent form below 1e-4, no trailing zeros. */
function goGeneralFormat(value: number): string {
  if (value === 0) return "0";
  const rounded = Number(value.toPrecision(2));
  if (rounded < 1e-4) {
    const [mantissa, exponent] = rounded.toExponential(1).split("e");
    const digits = Number(exponent);
    return `${mantissa!.replace(/\.0$/, "")}e${digits < 0 ? "-" : "+"}${String(Math.abs(digits)).padStart(2, "0")}`;
  }
  return String(rounded);
}

function pad(text: string, width: number): string {
  return text.padStart(width);
}
