// pnpm bench, profiles: one large CPU profile (bench/profiles/large-cpu-profile.ts) written to a
// file, then, in the same run on that same file: decode + top against `go tool pprof -top`, and
// the flame graph in headless Chromium against speedscope.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeProfile } from "@fleetdeck/pprof";
import { formatKiB } from "./bench-report.ts";
import { benchDecodeAndTop } from "./decode-top-bench.ts";
import { benchFlameInBrowser } from "./flame-browser-bench.ts";
import { buildLargeCpuProfile } from "./large-cpu-profile.ts";

const fileName = "large-cpu.pb.gz";
const workDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-bench-profiles-"));
try {
  const { bytes, distinctStacks } = buildLargeCpuProfile();
  const file = path.join(workDir, fileName);
  await writeFile(file, bytes);
  const profile = decodeProfile(bytes, { label: fileName });
  console.log(
    `Profiles: a CPU profile of ${distinctStacks} distinct stacks, ${profile.sampleCount} samples, ${profile.functions.length} functions, ${formatKiB(bytes.byteLength)} gzipped`,
  );

  console.log("Decode + top of that file: 5 runs each after 1 warm-up, alternating");
  await benchDecodeAndTop({ file, rounds: 5, warmup: 1 });

  console.log(
    "Flame graph of that file in headless Chromium (Canvas 2D for Fleetdeck): 5 runs each after 1 warm-up, alternating",
  );
  await benchFlameInBrowser({
    fileName,
    bytes,
    rounds: 5,
    warmup: 1,
    fleetdeckZoom: { cycles: 2, depth: 5 },
    speedscopeZoom: { cycles: 1, depth: 5 },
  });
} finally {
  await rm(workDir, { recursive: true, force: true });
}
