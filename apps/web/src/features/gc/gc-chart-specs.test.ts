import { gcPanelLines } from "@fleetdeck/core";
import { describe, expect, it } from "vitest";
import { configChangeChartMarker, gcChartOrder, gcChartSpecs, missingNoteText } from "./gc-chart-specs.ts";

describe("GC chart specs", () => {
  it("title every panel the server sends and name every one of its lines", () => {
    expect([...gcChartOrder].sort()).toEqual(Object.keys(gcPanelLines).sort());
    for (const [id, lines] of Object.entries(gcPanelLines)) {
      const spec = gcChartSpecs[id as keyof typeof gcPanelLines];
      for (const line of lines) expect(spec.lineLabels[line], `${id}.${line}`).toBeTruthy();
    }
  });
});

describe("config change markers", () => {
  it("tell the change and, on a service's page, how many instances made it", () => {
    const marker = { atMs: 1, setting: "gogc", from: 100, to: 200, instances: 3 } as const;
    expect(configChangeChartMarker(marker)).toEqual({
      atMs: 1,
      label: "GOGC 100 → 200, 3 instances",
      shortLabel: "GOGC → 200",
    });
    expect(configChangeChartMarker({ ...marker, instances: 1 }).label).toBe("GOGC 100 → 200, 1 instance");
    expect(configChangeChartMarker(marker, { perInstance: true }).label).toBe("GOGC 100 → 200");
  });

  it("write a memory limit in bytes, an unset one as none, and GOGC off as off", () => {
    expect(
      configChangeChartMarker(
        { atMs: 1, setting: "memoryLimitBytes", from: null, to: 1024 ** 3, instances: 1 },
        { perInstance: true },
      ),
    ).toMatchObject({ label: "GOMEMLIMIT none → 1.0 GiB", shortLabel: "GOMEMLIMIT → 1.0 GiB" });
    expect(configChangeChartMarker({ atMs: 1, setting: "gogc", from: 100, to: "off", instances: 2 }).label).toBe(
      "GOGC 100 → off, 2 instances",
    );
    expect(
      configChangeChartMarker({ atMs: 1, setting: "gomaxprocs", from: 4, to: 8, instances: 1 }, { perInstance: true })
        .shortLabel,
    ).toBe("GOMAXPROCS → 8");
  });
});

describe("missing notes", () => {
  const note = { message: "go_memstats_next_gc_bytes is missing", instanceIds: ["a", "b", "c"] };

  it("say how many of the service's instances lack the metric", () => {
    expect(missingNoteText(note, 12)).toBe("go_memstats_next_gc_bytes is missing (3 of 12 instances)");
    expect(missingNoteText(note, 3)).toBe("go_memstats_next_gc_bytes is missing (all of 3 instances)");
  });

  it("say only what is missing on an instance's own page", () => {
    expect(missingNoteText(note, null)).toBe("go_memstats_next_gc_bytes is missing");
  });
});
