import { DemoFault, DemoFaultRequest, defaultFaultSeverity } from "./faults.ts";
import type { InstanceDirectory } from "./instance-directory.ts";

const noFaults: readonly DemoFault[] = Object.freeze([]);

/**
 * The faults injected into a fleet, indexed by instance so a snapshot finds an instance's faults
 * without scanning them all. Ids are "fault-<n>", counting on from any faults loaded at start.
 */
export class FaultBook {
  private readonly all: DemoFault[] = [];
  private readonly byInstance: (DemoFault[] | undefined)[] = [];
  private readonly instancesByFault = new Map<string, readonly number[]>();
  private nextNumber = 1;

  constructor(private readonly directory: InstanceDirectory) {}

  /** Adds a stored fault (from persistence): validated, its target resolved; nothing added on error. */
  load(stored: DemoFault): void {
    const fault = DemoFault.parse(stored);
    if (this.instancesByFault.has(fault.id)) throw new Error(`a demo fault with id "${fault.id}" already exists`);
    const indexes = this.directory.resolveTarget(fault.target);
    this.all.push(fault);
    this.instancesByFault.set(fault.id, indexes);
    for (const index of indexes) {
      const list = this.byInstance[index] ?? [];
      list.push(fault);
      this.byInstance[index] = list;
    }
    const number = /^fault-(\d+)$/.exec(fault.id)?.[1];
    if (number !== undefined) this.nextNumber = Math.max(this.nextNumber, Number(number) + 1);
  }

  inject(requestInput: DemoFaultRequest): DemoFault {
    const request = DemoFaultRequest.parse(requestInput);
    const fault: DemoFault = {
      id: `fault-${this.nextNumber}`,
      kind: request.kind,
      target: request.target,
      startMs: request.startMs,
      endMs: request.endMs ?? null,
      severity: request.severity ?? defaultFaultSeverity[request.kind],
    };
    this.load(fault);
    return structuredClone(fault);
  }

  /** Ends a fault at atMs (no earlier than its start); a fault already over by then keeps its end. */
  clear(faultId: string, atMs: number): DemoFault {
    if (!Number.isFinite(atMs)) throw new Error(`clearing a fault needs a finite atMs (got ${atMs})`);
    const fault = this.all.find((f) => f.id === faultId);
    if (!fault) throw new Error(`unknown demo fault id "${faultId}"`);
    const endMs = Math.max(atMs, fault.startMs);
    if (fault.endMs === null || fault.endMs > endMs) fault.endMs = endMs;
    return structuredClone(fault);
  }

  list(): DemoFault[] {
    return this.all.map((fault) => structuredClone(fault));
  }

  faultsOf(instanceIndex: number): readonly DemoFault[] {
    return this.byInstance[instanceIndex] ?? noFaults;
  }

  instancesOf(faultId: string): readonly number[] {
    return this.instancesByFault.get(faultId) ?? [];
  }
}
