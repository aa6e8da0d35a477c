import { SourcesConfigError } from "@fleetdeck/sources";
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config/config.ts";
import { formatPrediction, predictFromFlags, predictionJson, UsageError } from "./gc-predict.ts";
import { profileTopJson, profileTopOfFile } from "./profile-top.ts";
import { formatProfileTopTable } from "./profile-top-table.ts";
import { serve } from "./serve.ts";

/** Exit code for bad input, as in most Unix tools (usage errors). */
const usageExitCode = 2;

// A reader that stops early (`| head`) closes the pipe; that is its choice, not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

const program = new Command()
  .name("fleetdeck")
  .description("A console for fleets of Go services")
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command("serve")
  .description("start the console (on the embedded demo fleet unless configured otherwise)")
  .option("--port <n>", "port to listen on (FLEETDECK_PORT, default 4000)")
  .option("--host <h>", "address to bind (FLEETDECK_HOST, default 127.0.0.1)")
  .option("--data-dir <dir>", "embedded database directory (FLEETDECK_DATA_DIR, default ./data)")
  .option("--demo-instances <n>", "size of the demo fleet, up to 10000 (FLEETDECK_DEMO_INSTANCES)")
  .option("--demo-seed <n>", "seed of the demo fleet (FLEETDECK_DEMO_SEED, default 42)")
  .option("--demo-speed <x>", "how much faster than the wall clock demo time runs (FLEETDECK_DEMO_SPEED)")
  .option("--sources <file>", "YAML file listing the fleet's sources (FLEETDECK_SOURCES_FILE, default: the demo fleet)")
  .action(async (flags: Record<string, string | undefined>) => {
    await serve({
      FLEETDECK_PORT: flags.port,
      FLEETDECK_HOST: flags.host,
      FLEETDECK_DATA_DIR: flags.dataDir,
      FLEETDECK_DEMO_INSTANCES: flags.demoInstances,
      FLEETDECK_DEMO_SEED: flags.demoSeed,
      FLEETDECK_DEMO_SPEED: flags.demoSpeed,
      FLEETDECK_SOURCES_FILE: flags.sources,
    });
  });

const gc = program.command("gc").description("Go garbage collector tools");
gc.command("predict")
  .description("predict heap goal, GC frequency and GC CPU from a workload and runtime settings")
  .option("--live-heap <size>", "live heap after a GC, e.g. 75MiB (required)")
  .option("--alloc-rate <rate>", "allocation rate, e.g. 200MiB/s (required)")
  .option("--gogc <percent|off>", "GOGC (default 100)")
  .option("--memory-limit <size>", "GOMEMLIMIT, e.g. 160MiB (default: none)")
  .option("--non-heap <size>", "runtime memory outside the heap counted against the limit (default: estimated)")
  .option("--gomaxprocs <n>", "GOMAXPROCS (default 4)")
  .option("--cpu-quota <cores>", "container CPU quota in cores (default: none)")
  .option("--roots <size>", "goroutine stacks and globals scanned each cycle (default 0)")
  .option("--goroutines <n>", "goroutine count (default 100)")
  .option("--json", "print one JSON object")
  .action((flags) => {
    const prediction = predictFromFlags(flags);
    process.stdout.write(
      flags.json ? `${JSON.stringify(predictionJson(prediction))}\n` : `${formatPrediction(prediction)}\n`,
    );
  });

const profile = program.command("profile").description("pprof profile tools");
profile
  .command("top")
  .description("per-function flat and cum of a pprof file (.pb.gz or .pb), as `go tool pprof -top` reports them")
  .argument("<file>", "a profile.proto file, gzipped or not")
  .option("--sample-type <name>", "which sample type to report, e.g. alloc_space (default: the profile's default)")
  .option("--json", 'print one object: { "sampleType", "unit", "total", "functions": [{ "name", "flat", "cum" }] }')
  .action(async (file: string, flags: { sampleType?: string; json?: boolean }) => {
    const top = await profileTopOfFile(file, { sampleType: flags.sampleType });
    process.stdout.write(flags.json ? `${JSON.stringify(profileTopJson(top))}\n` : `${formatProfileTopTable(top)}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : usageExitCode;
  } else if (error instanceof UsageError || error instanceof ConfigError || error instanceof SourcesConfigError) {
    process.stderr.write(`fleetdeck: ${error.message}\n`);
    process.exitCode = usageExitCode;
  } else {
    process.stderr.write(`fleetdeck: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
