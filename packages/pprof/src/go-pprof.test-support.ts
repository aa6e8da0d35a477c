import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ProfileTop } from "@fleetdeck/core";

const run = promisify(execFile);

/**
 * Fails (never skips) when Go is missing: these tests are the proof that our numbers are pprof's.
 * scripts/test.sh installs Debian's golang-go.
 */
export async function requireGoPprof(): Promise<void> {
  try {
    await run("go", ["version"]);
  } catch (error) {
    throw new Error(`the parity tests need \`go tool pprof\` (Debian package golang-go): ${String(error)}`);
  }
}

/**
 * `go tool pprof -top` of one sample type, parsed. The flags make pprof list every function
 * (-nodecount=0 with -nodefraction=0 -edgefraction=0 keeps every node with a non-zero flat or cum)
 * and print exact integers: -unit=<the sample type's own unit> scales by 1, and pprof prints values
 * with "%.2f" less a trailing ".00", so each figure is the exact int64 sum followed by a unit
 * suffix ("ns", "B", or none for counts). -symbolize=none keeps it from looking for binaries.
 */
export async function goPprofTop(file: string, sampleType: string, unit: string): Promise<ProfileTop> {
  const { stdout } = await run(
    "go",
    [
      "tool",
      "pprof",
      "-top",
      "-nodecount=0",
      "-nodefraction=0",
      "-edgefraction=0",
      "-symbolize=none",
      `-sample_index=${sampleType}`,
      `-unit=${unit}`,
      file,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return parseTopText(stdout, sampleType, unit);
}

/** Writes bytes to a temporary file for pprof, and removes it afterwards. */
export async function withTemporaryFile<T>(bytes: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdeck-pprof-"));
  try {
    const file = join(dir, "profile.pb.gz");
    await writeFile(file, bytes);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const totalLine = /^Showing nodes accounting for \S+, \S+ of (\S+) total$/m;
// flat, flat%, sum%, cum, cum%, two spaces, the name, and pprof's "(inline)" mark if any.
const row = /^\s*(\S+)\s+\S+\s+\S+\s+(\S+)\s+\S+ {2}(.*?)(?: \((?:partial-)?inline\))?$/;

function parseTopText(text: string, sampleType: string, unit: string): ProfileTop {
  const total = totalLine.exec(text)?.[1];
  if (total === undefined) throw new Error(`pprof -top printed no total:\n${text}`);
  const lines = text.split("\n");
  const header = lines.findIndex((line) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(line));
  if (header < 0) throw new Error(`pprof -top printed no table:\n${text}`);
  const functions = lines
    .slice(header + 1)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const match = row.exec(line);
      if (!match) throw new Error(`unexpected pprof -top row: ${JSON.stringify(line)}`);
      return { name: match[3]!, flat: exactValue(match[1]!), cum: exactValue(match[2]!) };
    });
  return { sampleType, unit, total: exactValue(total), functions };
}

function exactValue(text: string): number {
  const match = /^(-?\d+)([a-zA-Zμ]*)$/.exec(text);
  if (!match) throw new Error(`pprof printed ${JSON.stringify(text)}, not an exact integer value`);
  return Number(match[1]);
}
