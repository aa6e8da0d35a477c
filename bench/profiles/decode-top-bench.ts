// Decode + top of one profile file three ways, alternating: `fleetdeck profile top FILE --json` as a
// whole process (the built CLI), decodeProfile + computeTop inside this process (what a warm
// server's worker does), and the anchor `go tool pprof -top FILE`.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { computeTop, type ProfileTop, sampleTypeIndexOf } from "@fleetdeck/core";
import { decodeProfile } from "@fleetdeck/pprof";
import { formatMs, printSeries, ratioOfMedians, type Series } from "./bench-report.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const builtCli = path.join(repoRoot, "apps/server/dist/fleetdeck.mjs");

/** Runs a command to its end; returns its wall time and stdout, or throws with its stderr. */
async function timeCommand(command: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const ms = performance.now() - started;
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${code}: ${Buffer.concat(stderr).toString().slice(0, 500)}`,
    );
  }
  return { ms, stdout: Buffer.concat(stdout).toString() };
}

async function topInProcess(file: string): Promise<{ ms: number; top: ProfileTop }> {
  const started = performance.now();
  const profile = decodeProfile(new Uint8Array(await readFile(file)), { label: path.basename(file) });
  const top = computeTop(profile, sampleTypeIndexOf(profile));
  return { ms: performance.now() - started, top };
}

/** `go tool pprof -top` prints "Total samples = 3047.66s" for CPU profiles: the check that both read the same file. */
function goTotalSeconds(output: string): number {
  const seconds = /Total samples = ([\d.]+)s/.exec(output)?.[1];
  if (!seconds) throw new Error(`go tool pprof -top printed no "Total samples": ${output.slice(0, 300)}`);
  return Number(seconds);
}

export async function benchDecodeAndTop({ file, rounds, warmup }: { file: string; rounds: number; warmup: number }) {
  const wholeProcess: number[] = [];
  const inProcess: number[] = [];
  const goPprof: number[] = [];
  let fleetdeckTop: ProfileTop | undefined;
  let goOutput = "";
  const runners: Array<() => Promise<void>> = [
    async () => {
      const { ms, stdout } = await timeCommand(process.execPath, [builtCli, "profile", "top", file, "--json"]);
      fleetdeckTop = JSON.parse(stdout) as ProfileTop;
      wholeProcess.push(ms);
    },
    async () => {
      const { ms, top } = await topInProcess(file);
      if (fleetdeckTop && top.total !== fleetdeckTop.total) {
        throw new Error(`in-process total ${top.total} differs from the CLI's ${fleetdeckTop.total}`);
      }
      inProcess.push(ms);
    },
    async () => {
      const { ms, stdout } = await timeCommand("go", ["tool", "pprof", "-top", file]);
      goOutput = stdout;
      goPprof.push(ms);
    },
  ];
  for (let round = 0; round < warmup + rounds; round++) {
    // Rotate who goes first, so none always runs on a machine warmed (or loaded) by another.
    for (let i = 0; i < runners.length; i++) await runners[(round + i) % runners.length]?.();
    if (round < warmup) for (const series of [wholeProcess, inProcess, goPprof]) series.length = 0;
  }

  const top = fleetdeckTop as ProfileTop;
  const goSeconds = goTotalSeconds(goOutput);
  console.log(
    `  same file, same totals: Fleetdeck ${(top.total / 1e9).toFixed(2)} s of ${top.sampleType}, go tool pprof ${goSeconds.toFixed(2)} s; ${top.functions.length} functions`,
  );
  const series: Series[] = [
    { label: "fleetdeck profile top --json (process)", samples: wholeProcess },
    { label: "decodeProfile + computeTop (in-process)", samples: inProcess },
    { label: "go tool pprof -top (anchor)", samples: goPprof },
  ];
  printSeries(series, formatMs);
  const anchor = series[2] as Series;
  for (const subject of series.slice(0, 2)) {
    console.log(`  ratio of medians, ${subject.label} / go tool pprof: ${ratioOfMedians(subject, anchor)}×`);
  }
  console.log("  target: decode + top at most 0.5× go tool pprof -top's wall time");
}
