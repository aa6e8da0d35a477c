import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DesiredConfig } from "@fleetdeck/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../testing/free-port.ts";
import { type StartedEtcd, startEtcd } from "../testing/start-etcd.ts";
import { ConfigConflictError } from "./config-actuator.ts";
import { ConfigCentreValueError, createEtcdConfigActuator } from "./etcd-config-actuator.ts";
import { EtcdRequestError } from "./etcd-gateway-client.ts";

let etcd: StartedEtcd;
beforeAll(async () => {
  etcd = await startEtcd();
}, 30_000);
afterAll(async () => {
  await etcd?.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const base: DesiredConfig = { gogc: 100, memoryLimitBytes: null, gomaxprocs: 2, grayRatio: null, custom: {} };
const raised: DesiredConfig = {
  ...base,
  gogc: 200,
  memoryLimitBytes: 512 * 1024 * 1024,
  custom: { "cache.size": "big" },
};

/** Each test writes under a prefix of its own, so tests do not see each other's keys. */
let prefixCount = 0;
function actuatorForTest() {
  const prefix = `/test-${++prefixCount}`;
  return { prefix, actuator: createEtcdConfigActuator({ id: "etcd-test", endpoints: [etcd.clientUrl], prefix }) };
}

/** Reads a key straight from etcd's gateway, as another writer would. */
async function rawGet(key: string): Promise<{ value: string; modRevision: number } | null> {
  const response = await fetch(`${etcd.clientUrl}/v3/kv/range`, {
    method: "POST",
    body: JSON.stringify({ key: Buffer.from(key).toString("base64") }),
  });
  const body = (await response.json()) as { kvs?: { value: string; mod_revision: string }[] };
  const kv = body.kvs?.[0];
  return kv ? { value: Buffer.from(kv.value, "base64").toString(), modRevision: Number(kv.mod_revision) } : null;
}

/** Writes a key straight to etcd's gateway, as another writer would. */
async function rawPut(key: string, value: string): Promise<void> {
  const response = await fetch(`${etcd.clientUrl}/v3/kv/put`, {
    method: "POST",
    body: JSON.stringify({ key: Buffer.from(key).toString("base64"), value: Buffer.from(value).toString("base64") }),
  });
  expect(response.ok).toBe(true);
}

describe("etcd config actuator", () => {
  it("writes desired configs as canonical JSON and reads them back, with nothing observed before an agent reports", async () => {
    const { prefix, actuator } = actuatorForTest();
    await actuator.apply("checkout", [
      { instanceId: "a", config: raised, expected: null },
      { instanceId: "b", config: base, expected: null },
    ]);

    expect(await actuator.read("checkout", ["a", "b", "c"])).toEqual([
      { instanceId: "a", desired: raised, observed: null, observedAtMs: null, reportedError: null },
      { instanceId: "b", desired: base, observed: null, observedAtMs: null, reportedError: null },
      { instanceId: "c", desired: null, observed: null, observedAtMs: null, reportedError: null },
    ]);
    expect((await rawGet(`${prefix}/config/checkout/a`))?.value).toBe(
      '{"custom":{"cache.size":"big"},"gogc":200,"gomaxprocs":2,"grayRatio":null,"memoryLimitBytes":536870912}',
    );
    // Another service's keys are apart.
    expect(await actuator.read("payments", ["a"])).toEqual([
      { instanceId: "a", desired: null, observed: null, observedAtMs: null, reportedError: null },
    ]);
  });

  it("reads what an agent reports under its status key as observed", async () => {
    const { prefix, actuator } = actuatorForTest();
    await actuator.apply("checkout", [{ instanceId: "a", config: raised, expected: null }]);
    await rawPut(
      `${prefix}/status/checkout/a`,
      JSON.stringify({ applied: base, atMs: 1_700_000_000_000, desiredModRevision: 3, error: "not applied: bad" }),
    );
    expect(await actuator.read("checkout", ["a"])).toEqual([
      {
        instanceId: "a",
        desired: raised,
        observed: base,
        observedAtMs: 1_700_000_000_000,
        reportedError: "not applied: bad",
      },
    ]);
  });

  it("repeats a write without changing anything, even with a stale expected value", async () => {
    const { prefix, actuator } = actuatorForTest();
    await actuator.apply("checkout", [{ instanceId: "a", config: raised, expected: null }]);
    const first = await rawGet(`${prefix}/config/checkout/a`);
    // As after a crash between the write and recording it: the caller still expects null.
    await actuator.apply("checkout", [{ instanceId: "a", config: raised, expected: null }]);
    expect(await rawGet(`${prefix}/config/checkout/a`)).toEqual(first);
  });

  it("compares configs by meaning, not by the stored text", async () => {
    const { prefix, actuator } = actuatorForTest();
    const key = `${prefix}/config/checkout/a`;
    // Another tool wrote the same config with its keys in another order and spacing.
    await rawPut(key, '{ "gogc": 100, "gomaxprocs": 2, "memoryLimitBytes": null, "custom": {}, "grayRatio": null }');
    const before = await rawGet(key);
    await actuator.apply("checkout", [{ instanceId: "a", config: base, expected: null }]);
    expect(await rawGet(key)).toEqual(before);

    await actuator.apply("checkout", [{ instanceId: "a", config: raised, expected: base }]);
    expect((await actuator.read("checkout", ["a"]))[0]?.desired).toEqual(raised);
  });

  it("refuses the whole write when a key holds something other than expected, naming the instance", async () => {
    const { prefix, actuator } = actuatorForTest();
    await actuator.apply("checkout", [
      { instanceId: "a", config: base, expected: null },
      { instanceId: "b", config: base, expected: null },
    ]);
    const changedUnderneath = { ...base, gogc: 50 };
    await rawPut(`${prefix}/config/checkout/b`, JSON.stringify(changedUnderneath));
    const bBefore = await rawGet(`${prefix}/config/checkout/b`);

    const error = await actuator
      .apply("checkout", [
        { instanceId: "a", config: raised, expected: base },
        { instanceId: "b", config: raised, expected: base },
      ])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigConflictError);
    expect((error as ConfigConflictError).conflicts).toEqual([{ instanceId: "b", found: changedUnderneath }]);
    expect((error as Error).message).toContain("the desired config of b changed underneath this write");
    // Nothing was written, a included.
    expect((await actuator.read("checkout", ["a"]))[0]?.desired).toEqual(base);
    expect(await rawGet(`${prefix}/config/checkout/b`)).toEqual(bBefore);
  });

  it("refuses to create a key someone else created, and names an invalid value it finds", async () => {
    const { prefix, actuator } = actuatorForTest();
    await rawPut(`${prefix}/config/checkout/a`, JSON.stringify(raised));
    await expect(actuator.apply("checkout", [{ instanceId: "a", config: base, expected: null }])).rejects.toMatchObject(
      { name: "ConfigConflictError", conflicts: [{ instanceId: "a", found: raised }] },
    );

    await rawPut(`${prefix}/config/checkout/a`, '{"gogc":"lots"}');
    await expect(actuator.apply("checkout", [{ instanceId: "a", config: base, expected: raised }])).rejects.toThrow(
      `${prefix}/config/checkout/a holds an invalid value: gogc:`,
    );
    const reading = actuator.read("checkout", ["a"]);
    await expect(reading).rejects.toBeInstanceOf(ConfigCentreValueError);
    await expect(reading).rejects.toThrow(`etcd key ${prefix}/config/checkout/a holds an invalid value`);
  });

  it("catches a writer that slips in between its read and its commit (the revision check)", async () => {
    const { prefix, actuator } = actuatorForTest();
    await actuator.apply("checkout", [{ instanceId: "a", config: base, expected: null }]);
    const intruder = { ...base, gogc: 75 };
    slipInBeforeCommit(() => rawPut(`${prefix}/config/checkout/a`, JSON.stringify(intruder)));

    await expect(
      actuator.apply("checkout", [{ instanceId: "a", config: raised, expected: base }]),
    ).rejects.toMatchObject({ name: "ConfigConflictError", conflicts: [{ instanceId: "a", found: intruder }] });
    expect((await actuator.read("checkout", ["a"]))[0]?.desired).toEqual(intruder);
  });

  it("goes ahead when the key was only rewritten with the value it expected", async () => {
    const { prefix, actuator } = actuatorForTest();
    await actuator.apply("checkout", [{ instanceId: "a", config: base, expected: null }]);
    slipInBeforeCommit(() => rawPut(`${prefix}/config/checkout/a`, JSON.stringify(base)));

    await actuator.apply("checkout", [{ instanceId: "a", config: raised, expected: base }]);
    expect((await actuator.read("checkout", ["a"]))[0]?.desired).toEqual(raised);
  });

  it("says which endpoint it could not reach and what it was doing", async () => {
    const deadEndpoint = `http://127.0.0.1:${await freePort()}`;
    const actuator = createEtcdConfigActuator({ id: "etcd-dead", endpoints: [deadEndpoint], timeoutMs: 1_000 });
    const error = await actuator.read("checkout", ["a"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EtcdRequestError);
    expect((error as Error).message).toBe(
      `etcd read /fleetdeck/config/checkout/ and /fleetdeck/status/checkout/ failed (${deadEndpoint}: connection refused (ECONNREFUSED))`,
    );
  });

  it("says when an endpoint does not answer in time, and fails over to the next one", async () => {
    const silent = await silentServer();
    try {
      const silentEndpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const onlySilent = createEtcdConfigActuator({ id: "etcd-slow", endpoints: [silentEndpoint], timeoutMs: 300 });
      await expect(onlySilent.apply("checkout", [{ instanceId: "a", config: base, expected: null }])).rejects.toThrow(
        `etcd apply to /fleetdeck/config/checkout/ failed (${silentEndpoint}: no answer within 300 ms)`,
      );

      const { prefix } = actuatorForTest();
      const withFailover = createEtcdConfigActuator({
        id: "etcd-failover",
        endpoints: [silentEndpoint, etcd.clientUrl],
        prefix,
        timeoutMs: 300,
      });
      await withFailover.apply("checkout", [{ instanceId: "a", config: base, expected: null }]);
      expect((await withFailover.read("checkout", ["a"]))[0]?.desired).toEqual(base);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("passes on etcd's own error message with the HTTP status", async () => {
    const { actuator } = actuatorForTest();
    // etcd refuses transactions of more than 128 operations (--max-txn-ops).
    const writes = Array.from({ length: 129 }, (_, index) => ({
      instanceId: `i-${index}`,
      config: base,
      expected: null,
    }));
    await expect(actuator.apply("checkout", writes)).rejects.toThrow(
      /failed \(http:\/\/127\.0\.0\.1:\d+: HTTP 400: etcdserver: too many operations in txn request\)/,
    );
  });

  it("refuses ids that would address another key, and invalid configs, before touching etcd", async () => {
    const { actuator } = actuatorForTest();
    await expect(actuator.read("check/out", ["a"])).rejects.toThrow(
      `a service id must be non-empty without '/': "check/out"`,
    );
    await expect(
      actuator.apply("checkout", [{ instanceId: "a", config: { ...base, gomaxprocs: 0 }, expected: null }]),
    ).rejects.toThrow("the desired config for instance a is invalid: gomaxprocs:");
    await expect(
      actuator.apply("checkout", [
        { instanceId: "a", config: base, expected: null },
        { instanceId: "a", config: raised, expected: null },
      ]),
    ).rejects.toThrow("instance a is written twice");
  });
});

/**
 * Runs `write` just before the actuator's next commit (its second txn request) reaches etcd: a
 * concurrent writer at the worst moment, made deterministic.
 */
function slipInBeforeCommit(write: () => Promise<void>): void {
  const realFetch = globalThis.fetch;
  let txnCount = 0;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    if (String(input).endsWith("/v3/kv/txn") && ++txnCount === 2) {
      vi.mocked(globalThis.fetch).mockRestore();
      await write();
    }
    return realFetch(input, init);
  });
}

/** An HTTP server that accepts requests and never answers them. */
async function silentServer(): Promise<Server> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
