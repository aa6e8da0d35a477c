import { describe, expect, it } from "vitest";
import { createDemoFleet } from "./demo-fleet.ts";
import { createDemoMetricsHandler } from "./exposition-handler.ts";

describe("createDemoMetricsHandler", () => {
  it("serves an instance's metrics with counters that grow between scrapes", async () => {
    const fleet = createDemoFleet({ seed: 42 });
    const instance = (await fleet.inventory()).instances[0];
    let nowMs = Date.UTC(2024, 5, 3, 12);
    const metrics = createDemoMetricsHandler(fleet, { nowMs: () => nowMs });
    const count = (body: string) => Number(/^go_gc_duration_seconds_count (\S+) \d+$/m.exec(body)?.[1]);

    nowMs += 30_000;
    const first = await metrics(instance?.id ?? "");
    expect(first.status).toBe(200);
    expect(first.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(first.body).toContain(`go_info{version="${instance?.goVersion}"} 1 ${nowMs}`);
    nowMs += 15_000;
    expect(count((await metrics(instance?.id ?? "")).body)).toBeGreaterThan(count(first.body));
  });

  it("answers 404 for an unknown instance and 503 during a demo outage", async () => {
    const fleet = createDemoFleet({ seed: 42 });
    const metrics = createDemoMetricsHandler(fleet, { nowMs: () => Date.UTC(2024, 5, 3, 12) });
    expect((await metrics("nope")).status).toBe(404);
    const id = (await fleet.inventory()).instances[0]?.id ?? "";
    fleet.setOutage("maintenance");
    const down = await metrics(id);
    expect(down.status).toBe(503);
    expect(down.body).toContain("maintenance");
  });
});
