import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { computeTop, sampleTypeIndexOf } from "@fleetdeck/core";
import { decodeProfile } from "@fleetdeck/pprof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../../..");
const fixture = (name: string) => path.join(repoRoot, "packages/pprof/fixtures", name);

/** Runs the real CLI the way a user does, through the root `pnpm fleetdeck` script. */
async function fleetdeck(...args: string[]) {
  try {
    const { stdout, stderr } = await run("pnpm", ["--silent", "fleetdeck", ...args], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function expectedTop(file: string, sampleType?: string) {
  const profile = decodeProfile(await readFile(file), { label: file });
  return computeTop(profile, sampleTypeIndexOf(profile, sampleType));
}

describe("fleetdeck profile top --json", () => {
  it("prints one object with the sample type, unit, total and every function's flat and cum", async () => {
    const file = fixture("etcd-cpu.pb.gz");
    const result = await fleetdeck("profile", "top", file, "--json");
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const printed = JSON.parse(result.stdout);
    expect(Object.keys(printed)).toEqual(["sampleType", "unit", "total", "functions"]);
    expect(printed).toMatchObject({ sampleType: "cpu", unit: "nanoseconds", total: 9_410_000_000 });
    for (const fn of printed.functions) expect(Object.keys(fn)).toEqual(["name", "flat", "cum"]);
    expect(printed).toEqual(await expectedTop(file));
    // Sorted by flat, descending: the syscall wrapper etcd spends most of its CPU in comes first.
    expect(printed.functions[0]).toEqual({
      name: "runtime/internal/syscall.Syscall6",
      flat: 1_110_000_000,
      cum: 1_110_000_000,
    });
  });

  it("reports the sample type asked for", async () => {
    const file = fixture("etcd-heap.pb.gz");
    const result = await fleetdeck("profile", "top", file, "--sample-type", "alloc_space", "--json");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toMatchObject({ sampleType: "alloc_space", unit: "bytes" });
    expect(printed).toEqual(await expectedTop(file, "alloc_space"));
  });
});

describe("fleetdeck profile top (table)", () => {
  it("prints the rows go tool pprof -top prints", async () => {
    const file = fixture("etcd-heap.pb.gz");
    const [ours, reference] = await Promise.all([
      fleetdeck("profile", "top", file, "--sample-type", "alloc_space"),
      run("go", ["tool", "pprof", "-top", "-nodecount=0", "-nodefraction=0", "-sample_index=alloc_space", file]),
    ]);
    expect(ours.code).toBe(0);
    const rowsAfterHeader = (text: string) => {
      const lines = text.trimEnd().split("\n");
      return lines.slice(lines.findIndex((line) => line.trim().startsWith("flat  flat%")) + 1);
    };
    // pprof marks inlined functions "(inline)"; the numbers and order are what must agree.
    const pprofRows = rowsAfterHeader(reference.stdout).map((row) => row.replace(/ \((partial-)?inline\)$/, ""));
    expect(rowsAfterHeader(ours.stdout)).toEqual(pprofRows);
    expect(ours.stdout).toMatch(/^Type: alloc_space\nTotal: 4581.33MB, \d+ functions\n/);
  });
});

describe("fleetdeck profile top with bad input", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-profile-top-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function inputFile(name: string, bytes: Uint8Array | string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    return file;
  }

  it.each<[string, () => Promise<string[]>, RegExp]>([
    [
      "a missing file",
      async () => [path.join(dir, "missing.pb.gz")],
      /^fleetdeck: cannot read .*missing\.pb\.gz: no such file\n$/,
    ],
    [
      "a truncated profile",
      async () => {
        const bytes = await readFile(fixture("etcd-cpu.pb.gz"));
        return [await inputFile("truncated.pb.gz", bytes.subarray(0, bytes.length / 2))];
      },
      /^fleetdeck: .*truncated\.pb\.gz: truncated gzip data\n$/,
    ],
    [
      "an HTML page saved as a profile",
      async () => [await inputFile("error.pb.gz", "<html><body>404 page not found</body></html>\n")],
      /^fleetdeck: .*error\.pb\.gz: not a pprof profile \(it looks like HTML: "<html><body>404 page not found/,
    ],
    [
      "random bytes",
      async () => [
        await inputFile(
          "noise.pb",
          Uint8Array.from({ length: 256 }, (_, i) => (i * 73 + 41) % 256),
        ),
      ],
      /^fleetdeck: .*noise\.pb: not a pprof profile \(malformed protobuf at byte \d+: /,
    ],
    [
      "an unknown sample type",
      async () => [fixture("etcd-heap.pb.gz"), "--sample-type", "cpu"],
      /^fleetdeck: .*etcd-heap\.pb\.gz: unknown sample type "cpu": this profile has alloc_objects, alloc_space, inuse_objects, inuse_space\n$/,
    ],
  ])("%s: a clear message and exit code 2", async (_, args, message) => {
    const result = await fleetdeck("profile", "top", ...(await args()), "--json");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });
});
