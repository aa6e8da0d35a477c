import { connect, createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { type DesiredConfig, sameDesiredConfig } from "@fleetdeck/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEtcdConfigActuator, type EtcdInstanceConfigState } from "../actuators/etcd-config-actuator.ts";
import { type StartedEtcd, startEtcd } from "./start-etcd.ts";
import { type StartedGoAgent, startGoAgent } from "./start-go-agent.ts";

// Real etcd and three real fleetdeck-agent processes (service "checkout", instances a, b, c). The
// agents reach etcd through a TCP relay the test can cut, to show an agent catching up on a
// change made while it was disconnected.

const service = "checkout";
const memoryLimitBytes = 256 * 1024 * 1024;

let etcd: StartedEtcd;
let relay: TcpRelay;
const agents: Record<"a" | "b" | "c", StartedGoAgent> = {} as Record<"a" | "b" | "c", StartedGoAgent>;

beforeAll(async () => {
  etcd = await startEtcd();
  relay = await startTcpRelay(Number(new URL(etcd.clientUrl).port));
  const started = await Promise.all(
    (["a", "b", "c"] as const).map((instance) =>
      startGoAgent({
        etcdUrl: relay.url,
        service,
        instance,
        // A small workload so the GC runs and its metrics move.
        allocRate: 8 * 1024 * 1024,
        liveHeap: 4 * 1024 * 1024,
        env: { GOGC: "100", GOMAXPROCS: "2" },
      }),
    ),
  );
  for (const agent of started) agents[agent.instance as "a" | "b" | "c"] = agent;
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(agents).map((agent) => agent.stop()));
  await relay?.close();
  await etcd?.stop();
});

describe("the Go agent with etcd as the config centre", () => {
  const actuator = () => createEtcdConfigActuator({ id: "etcd-agents", endpoints: [etcd.clientUrl] });
  const startup: DesiredConfig = { gogc: 100, memoryLimitBytes: null, gomaxprocs: 2, grayRatio: null, custom: {} };
  const raised: DesiredConfig = { ...startup, gogc: 200, memoryLimitBytes };

  it("reports the config it starts with, serves GC metrics and pprof", async () => {
    const states = await waitFor(
      "every agent reports its startup config",
      () => actuator().read(service, ["a", "b", "c"]),
      (all) => all.every((state) => sameDesiredConfig(state.observed, startup)),
    );
    for (const state of states) {
      expect(state.desired).toBeNull();
      expect(state.observedAtMs).toBeGreaterThan(Date.now() - 60_000);
    }
    const metrics = await waitFor(
      "agent a has collected garbage",
      () => scrape(agents.a),
      (m) => (m.get("go_gc_duration_seconds_count") ?? 0) > 0,
    );
    expect(metrics.get("go_gc_gogc_percent")).toBe(100);
    expect(metrics.get("go_sched_gomaxprocs_threads")).toBe(2);
    expect(metrics.get("go_memstats_alloc_bytes_total")).toBeGreaterThan(0);
    expect(metrics.get("process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(metrics.get("fleetdeck_agent_config_mod_revision")).toBe(0);
    const pprofIndex = await fetch(`${agents.a.pprofUrl}/`);
    expect(pprofIndex.status).toBe(200);
    expect(await pprofIndex.text()).toContain("heap");
  });

  it("applies GOGC and GOMEMLIMIT to two instances, leaves the third alone, and restores them", async () => {
    await actuator().apply(service, [
      { instanceId: "a", config: raised, expected: null },
      { instanceId: "b", config: raised, expected: null },
    ]);
    const converged = await waitFor(
      "a and b report the raised config",
      () => actuator().read(service, ["a", "b", "c"]),
      (all) => all.slice(0, 2).every(hasConverged),
    );
    expect(converged[2]).toMatchObject({ desired: null, observed: startup });
    for (const agent of [agents.a, agents.b]) {
      const metrics = await scrape(agent);
      expect(metrics.get("go_gc_gogc_percent")).toBe(200);
      expect(metrics.get("fleetdeck_agent_applied_gogc_percent")).toBe(200);
      expect(metrics.get("go_gc_gomemlimit_bytes")).toBe(memoryLimitBytes);
      expect(metrics.get("fleetdeck_agent_applied_memory_limit_bytes")).toBe(memoryLimitBytes);
      expect(metrics.get("fleetdeck_agent_config_mod_revision")).toBeGreaterThan(0);
    }
    const untouched = await scrape(agents.c);
    expect(untouched.get("go_gc_gogc_percent")).toBe(100);
    expect(untouched.get("fleetdeck_agent_applied_gogc_percent")).toBe(100);
    expect(untouched.get("fleetdeck_agent_config_mod_revision")).toBe(0);

    await actuator().apply(service, [
      { instanceId: "a", config: startup, expected: raised },
      { instanceId: "b", config: startup, expected: raised },
    ]);
    await waitFor(
      "a and b report the restored config",
      () => actuator().read(service, ["a", "b"]),
      (all) => all.every((state) => hasConverged(state) && sameDesiredConfig(state.observed, startup)),
    );
    for (const agent of [agents.a, agents.b]) {
      const metrics = await scrape(agent);
      expect(metrics.get("go_gc_gogc_percent")).toBe(100);
      expect(metrics.get("go_gc_gomemlimit_bytes")).toBe(2 ** 63);
    }
  });

  it("keeps its config and reports the error when the desired value is malformed", async () => {
    const key = `/fleetdeck/config/${service}/c`;
    await putRaw(key, '{"gogc":"lots","memoryLimitBytes":null,"gomaxprocs":2,"grayRatio":null,"custom":{}}');

    const status = await waitFor(
      "c reports the refusal",
      () => getRaw(`/fleetdeck/status/${service}/c`),
      (value) => value.includes("not applied"),
    );
    const reported = JSON.parse(status) as { applied: DesiredConfig; desiredModRevision: number; error: string };
    expect(reported.applied).toEqual(startup);
    expect(reported.desiredModRevision).toBe(0);
    expect(reported.error).toContain(`the desired config at ${key}`);
    expect(reported.error).toContain(`"gogc" must be an integer from 1 to 100000 or "off", got "lots"`);

    const metrics = await scrape(agents.c);
    expect(metrics.get("fleetdeck_agent_config_errors_total")).toBe(1);
    expect(metrics.get("go_gc_gogc_percent")).toBe(100);
    // The console's read names the bad key rather than guessing what it means.
    await expect(actuator().read(service, ["c"])).rejects.toThrow(`etcd key ${key} holds an invalid value`);

    // A valid value afterwards is applied and clears the error.
    await putRaw(key, JSON.stringify({ ...startup, gogc: 150 }));
    const [fixed] = await waitFor(
      "c applies the corrected config",
      () => actuator().read(service, ["c"]),
      (all) => all.every(hasConverged),
    );
    expect(fixed?.reportedError).toBeNull();
    expect((await scrape(agents.c)).get("go_gc_gogc_percent")).toBe(150);
  });

  it("catches up on a change made while it could not reach etcd", async () => {
    await relay.cut();
    await waitFor(
      "a notices etcd is gone",
      () => scrape(agents.a),
      (m) => m.get("fleetdeck_agent_etcd_connected") === 0,
    );
    const whileAway: DesiredConfig = { ...startup, gogc: 300, grayRatio: 0.1, custom: { "feature.x": "on" } };
    await actuator().apply(service, [{ instanceId: "a", config: whileAway, expected: startup }]);
    await sleep(300);
    expect((await scrape(agents.a)).get("go_gc_gogc_percent")).toBe(100);

    await relay.restore();
    const metrics = await waitFor(
      "a applies the change made while away and watches again",
      () => scrape(agents.a),
      (m) => m.get("go_gc_gogc_percent") === 300 && m.get("fleetdeck_agent_etcd_connected") === 1,
    );
    expect(metrics.get("fleetdeck_agent_applied_gray_ratio")).toBe(0.1);
    expect(metrics.get("fleetdeck_agent_etcd_reconnects_total")).toBe(1);
    await waitFor(
      "a reports it",
      () => actuator().read(service, ["a"]),
      (all) => all.every(hasConverged),
    );
  });
});

function hasConverged(state: EtcdInstanceConfigState): boolean {
  return state.desired !== null && sameDesiredConfig(state.observed, state.desired);
}

/** Polls `read` until `done` holds; the error shows the last value seen. */
async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(100);
  }
  const seen = last === undefined ? String(lastError) : JSON.stringify(last instanceof Map ? [...last] : last);
  throw new Error(`timed out waiting until ${what}; last seen: ${seen}`);
}

/** The agent's unlabelled samples by name (labelled ones keep their labels in the name). */
async function scrape(agent: StartedGoAgent): Promise<Map<string, number>> {
  const response = await fetch(agent.metricsUrl);
  expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

async function putRaw(key: string, value: string): Promise<void> {
  const response = await fetch(`${etcd.clientUrl}/v3/kv/put`, {
    method: "POST",
    body: JSON.stringify({ key: Buffer.from(key).toString("base64"), value: Buffer.from(value).toString("base64") }),
  });
  expect(response.ok).toBe(true);
}

async function getRaw(key: string): Promise<string> {
  const response = await fetch(`${etcd.clientUrl}/v3/kv/range`, {
    method: "POST",
    body: JSON.stringify({ key: Buffer.from(key).toString("base64") }),
  });
  const body = (await response.json()) as { kvs?: { value: string }[] };
  return Buffer.from(body.kvs?.[0]?.value ?? "", "base64").toString();
}

interface TcpRelay {
  url: string;
  /** Drops every connection and refuses new ones, as a stopped etcd would. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Forwards 127.0.0.1:<own port> to 127.0.0.1:targetPort. */
async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = async () => {
    const listening = createServer((client) => {
      const upstream = connect(targetPort, "127.0.0.1");
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", resolve);
    });
    port = (listening.address() as { port: number }).port;
    server = listening;
  };
  const stop = async () => {
    const closing = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise((resolve) => closing.close(resolve));
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, cut: stop, restore: listen, close: stop };
}
