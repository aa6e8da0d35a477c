// A CPU profile far bigger than one program's usually is: 120,000 samples, each with its own
// stack, through 2,400 functions in 60 packages (what merging many instances' profiles gives). It
// stresses decoding, aggregation, the flame tree and the drawing.
import { ProfileBuilder, type StackFrame } from "@fleetdeck/pprof";

const periodNanos = 10_000_000;

/** A small seeded generator (mulberry32), so every run benchmarks the same profile. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function buildLargeCpuProfile({ samples = 120_000, seed = 7 } = {}): {
  bytes: Uint8Array;
  distinctStacks: number;
} {
  const random = seededRandom(seed);
  const packages = Array.from({ length: 60 }, (_, p) => `example.com/fleet/svc${p % 6}/internal/pkg${p}`);
  const functions: StackFrame[] = Array.from({ length: 2_400 }, (_, f) => {
    const pkg = packages[f % packages.length] as string;
    return { name: `${pkg}.(*Worker${f % 17}).Step${f}`, file: `${pkg}/step${f % 31}.go`, line: 10 + (f % 400) };
  });
  const roots: StackFrame[] = [
    { name: "runtime.goexit", file: "runtime/asm_amd64.s", line: 1594 },
    { name: "net/http.(*conn).serve", file: "net/http/server.go", line: 1995 },
  ];
  const builder = new ProfileBuilder({
    sampleTypes: [
      { type: "samples", unit: "count" },
      { type: "cpu", unit: "nanoseconds" },
    ],
    periodType: { type: "cpu", unit: "nanoseconds" },
    period: periodNanos,
    timeMs: 1_700_000_000_000,
    durationNanos: 30e9,
  });
  // Stacks share long trunks and differ near the leaves, as in a real service: 300 handlers, each
  // with its own fixed call chain, then a short random tail of helpers; a repeated tail is drawn again.
  const trunks = Array.from({ length: 300 }, (_, handler) => {
    const trunk: StackFrame[] = [...roots];
    let current = handler;
    for (let d = 0, length = 8 + (handler % 23); d < length; d++) {
      trunk.push(functions[current] as StackFrame);
      current = (current * 7 + 1 + d) % functions.length;
    }
    return trunk;
  });
  const seen = new Set<string>();
  while (seen.size < samples) {
    const trunk = trunks[Math.floor(random() * trunks.length)] as StackFrame[];
    const tail = Array.from(
      { length: 2 + Math.floor(random() * 4) },
      () => functions[Math.floor(random() * functions.length)] as StackFrame,
    );
    const rootFirst = [...trunk, ...tail];
    const key = rootFirst.map((frame) => frame.name).join(";");
    if (seen.has(key)) continue;
    seen.add(key);
    const ticks = 1 + Math.floor(random() * random() * 8);
    builder.addSample(rootFirst.reverse(), [ticks, ticks * periodNanos]);
  }
  return { bytes: builder.encode(), distinctStacks: seen.size };
}
