import { describe, expect, it } from "vitest";
import { FaultBook } from "./fault-book.ts";
import type { DemoFaultRequest } from "./faults.ts";
import { generateDemoFleet } from "./generate-fleet.ts";
import { InstanceDirectory } from "./instance-directory.ts";

const { inventory } = generateDemoFleet({ seed: 42 });
const startMs = Date.UTC(2024, 5, 3, 10);
const leak: DemoFaultRequest = { kind: "memory-leak", target: { serviceId: "checkout" }, startMs };
const checkoutIndexes = inventory.instances.flatMap((i, index) => (i.serviceId === "checkout" ? [index] : []));

describe("FaultBook", () => {
  it("indexes a fault under every instance of its target", () => {
    const book = new FaultBook(new InstanceDirectory(inventory));
    const fault = book.inject(leak);
    expect(book.instancesOf(fault.id)).toEqual(checkoutIndexes);
    for (const index of checkoutIndexes) expect(book.faultsOf(index).map((f) => f.id)).toEqual([fault.id]);
    const other = inventory.instances.findIndex((i) => i.serviceId !== "checkout");
    expect(book.faultsOf(other)).toEqual([]);
  });

  it("fills in defaults: open-ended, the kind's default severity", () => {
    const book = new FaultBook(new InstanceDirectory(inventory));
    expect(book.inject({ ...leak, kind: "allocation-spike" })).toMatchObject({ endMs: null, severity: 2 });
  });

  it("clears no earlier than the start, and never extends a fault that already ended", () => {
    const book = new FaultBook(new InstanceDirectory(inventory));
    const early = book.inject(leak);
    expect(book.clear(early.id, startMs - 1000).endMs).toBe(startMs);
    const bounded = book.inject({ ...leak, endMs: startMs + 1000 });
    expect(book.clear(bounded.id, startMs + 5000).endMs).toBe(startMs + 1000);
    expect(book.clear(bounded.id, startMs + 500).endMs).toBe(startMs + 500);
  });

  it("hands out copies: changing a listed fault changes nothing inside", () => {
    const book = new FaultBook(new InstanceDirectory(inventory));
    book.inject(leak);
    const [listed] = book.list();
    listed!.endMs = 0;
    listed!.target.serviceId = "search";
    expect(book.list()[0]).toMatchObject({ endMs: null, target: { serviceId: "checkout" } });
  });

  it("refuses a second fault with an id it already has", () => {
    const book = new FaultBook(new InstanceDirectory(inventory));
    const fault = book.inject(leak);
    expect(() => book.load(fault)).toThrow(/already exists/);
  });
});

describe("InstanceDirectory", () => {
  const directory = new InstanceDirectory(inventory);

  it("resolves ids to positions and names unknown ones (at most ten, then a count)", () => {
    expect(directory.indexOf(inventory.instances[3]!.id)).toBe(3);
    expect(() => directory.indexOf("x")).toThrow(/"x"/);
    const ghosts = Array.from({ length: 12 }, (_, i) => `ghost-${i}`);
    expect(() => directory.indexesOf([inventory.instances[0]!.id, ...ghosts])).toThrow(/ghost-0, .*ghost-9 and 2 more/);
  });

  it("resolves a target of a service, of instances, or of instances within a service", () => {
    const ids = checkoutIndexes.slice(0, 2).map((index) => inventory.instances[index]!.id);
    expect(directory.resolveTarget({ serviceId: "checkout" })).toEqual(checkoutIndexes);
    expect(directory.resolveTarget({ instanceIds: ids })).toEqual(checkoutIndexes.slice(0, 2));
    expect(directory.resolveTarget({ serviceId: "checkout", instanceIds: ids })).toEqual(checkoutIndexes.slice(0, 2));
    expect(() => directory.resolveTarget({ serviceId: "nope" })).toThrow(/"nope"/);
  });
});
