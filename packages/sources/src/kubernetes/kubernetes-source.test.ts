import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freePort } from "../testing/free-port.ts";
import { createKubernetesSource, type KubernetesSource } from "./kubernetes-source.ts";
import type { KubernetesSourceConfigInput } from "./kubernetes-source-config.ts";
import { nodeJson, podJson, sampleCluster } from "./testing/kubernetes-fixtures.ts";
import { type KubeJson, type ReplayApiServer, startReplayApiServer } from "./testing/replay-api-server.ts";
import { type ReplayContext, writeReplayKubeconfig } from "./testing/replay-kubeconfig.ts";

// No Kubernetes API server can run on these machines: the adapter, through
// @kubernetes/client-node, talks to local replay servers that answer like one (testing/).

const token = "replay-token-4f7a";
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startCluster(fixture = sampleCluster()): Promise<ReplayApiServer> {
  const server = await startReplayApiServer({ token, objects: fixture });
  cleanups.push(() => server.stop());
  return server;
}

async function sourceFor(
  contexts: ReplayContext[],
  config: Partial<KubernetesSourceConfigInput> = {},
  listPageSize?: number,
): Promise<KubernetesSource> {
  const directory = await mkdtemp(path.join(tmpdir(), "fleetdeck-kubeconfig-"));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  const kubeconfig = await writeReplayKubeconfig(directory, contexts);
  const source = createKubernetesSource(
    { id: "k8s", kind: "kubernetes", kubeconfig, ...config },
    { backoff: { baseDelayMs: 20, maxDelayMs: 200 }, ...(listPageSize ? { listPageSize } : {}) },
  );
  cleanups.push(() => source.close());
  return source;
}

const contextOf = (name: string, server: ReplayApiServer): ReplayContext => ({ name, server: server.url, token });

/** A copy of one of the server's objects, changed. */
function changed(
  server: ReplayApiServer,
  resource: "pods" | "nodes",
  name: string,
  change: (object: KubeJson) => void,
) {
  const object = server.objects(resource).find((candidate) => candidate.metadata.name === name);
  if (!object) throw new Error(`no ${resource} ${name}`);
  change(object);
  return object;
}

function setCondition(object: KubeJson, type: string, status: string) {
  const conditions = (object.status as { conditions: { type: string; status: string }[] }).conditions;
  for (const condition of conditions) if (condition.type === type) condition.status = status;
}

function setRestarts(object: KubeJson, restartCount: number) {
  const statuses = (object.status as { containerStatuses: { restartCount: number }[] }).containerStatuses;
  for (const status of statuses) status.restartCount = restartCount;
}

const watchRequests = (server: ReplayApiServer, resource: "pods" | "nodes" = "pods") =>
  server.requests.filter((request) => request.resource === resource && request.watch);

async function kubernetesDetail(source: KubernetesSource, index = 0) {
  const detail = (await source.clusterDetails())[index]?.detail;
  if (detail?.kind !== "kubernetes") throw new Error("no Kubernetes detail");
  return detail;
}

const podNames = async (source: KubernetesSource) =>
  (await kubernetesDetail(source)).pods.map((pod) => pod.name).sort();
const serverPodNames = (server: ReplayApiServer) =>
  server
    .objects("pods")
    .map((pod) => pod.metadata.name)
    .sort();

describe("KubernetesSource against a replay API server", { timeout: 20_000 }, () => {
  it("lists each resource once, then answers inventory and detail from its cache while it watches", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)]);
    expect(server.requests).toHaveLength(0);

    const inventory = await source.inventory();
    expect(inventory.clusters).toEqual([{ id: "prod-eu", name: "prod-eu", regionId: "eu-west-1", kind: "kubernetes" }]);
    expect(inventory.instances).toHaveLength(7);
    expect(inventory.instanceUp["prod-eu.shop.checkout-7d9f8b6c5-x2x7q"]).toBe(true);
    expect((await kubernetesDetail(source)).pods).toHaveLength(8);

    for (const resource of ["nodes", "pods", "deployments", "statefulsets", "daemonsets", "replicasets"] as const) {
      expect(server.count(resource, "list"), resource).toBe(1);
      await server.waitForWatches(resource, 1);
      const [watch] = server.requests.filter((request) => request.resource === resource && request.watch);
      expect(watch?.query.get("resourceVersion"), resource).toBe(server.currentResourceVersion());
      expect(watch?.query.get("allowWatchBookmarks"), resource).toBe("true");
    }
    await source.inventory();
    expect(server.requests.filter((request) => !request.watch)).toHaveLength(6);
  });

  it("applies watch events: a pod turning unready, a node going NotReady, restarts, a deletion", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)]);
    const onChange = vi.fn();
    source.watch(onChange);
    await source.inventory();
    await server.waitForWatches("pods", 1);
    await server.waitForWatches("nodes", 1);

    server.put(
      "pods",
      changed(server, "pods", "checkout-7d9f8b6c5-x2x7q", (pod) => setCondition(pod, "Ready", "False")),
    );
    await vi.waitFor(async () =>
      expect((await source.inventory()).instanceUp["prod-eu.shop.checkout-7d9f8b6c5-x2x7q"]).toBe(false),
    );

    server.put("nodes", nodeJson({ name: "worker-b", region: "eu-west-1", zone: "eu-west-1b", ready: false }));
    await vi.waitFor(async () => expect((await source.inventory()).nodeReady["prod-eu.worker-b"]).toBe(false));
    expect((await kubernetesDetail(source)).nodes.find((node) => node.name === "worker-b")?.ready).toBe(false);

    server.put(
      "pods",
      changed(server, "pods", "ledger-0", (pod) => setRestarts(pod, 4)),
    );
    await vi.waitFor(async () =>
      expect((await kubernetesDetail(source)).pods.find((pod) => pod.name === "ledger-0")?.restarts).toBe(4),
    );

    server.remove("pods", "default", "debug-shell");
    await vi.waitFor(async () =>
      expect((await source.inventory()).instances.map((instance) => instance.id)).not.toContain(
        "prod-eu.default.debug-shell",
      ),
    );
    expect(await podNames(source)).toEqual(serverPodNames(server));
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(server.count("pods", "list")).toBe(1);
  });

  it("takes a bookmark's resourceVersion as where the next watch starts, without reporting a change", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)]);
    const onChange = vi.fn();
    source.watch(onChange);
    await source.inventory();
    await server.waitForWatches("pods", 1);
    await server.waitForWatches("nodes", 1);
    const listedAt = server.currentResourceVersion();

    // Another kind changes: the pods' watch hears nothing, the server's resourceVersion moves on.
    server.put("nodes", nodeJson({ name: "worker-b", region: "eu-west-1", zone: "eu-west-1b", cpu: "8" }));
    await vi.waitFor(async () =>
      expect((await source.inventory()).nodes.find((node) => node.name === "worker-b")?.cpuCores).toBe(8),
    );
    const changesBefore = onChange.mock.calls.length;
    const bookmarkedAt = server.bookmark("pods");
    expect(bookmarkedAt).not.toBe(listedAt);

    // Ending the stream makes the client watch again: from the bookmark, not from its list.
    server.dropWatches("pods", "end");
    await server.waitForWatches("pods", 2);
    expect(watchRequests(server).map((request) => request.query.get("resourceVersion"))).toEqual([
      listedAt,
      bookmarkedAt,
    ]);
    expect(onChange).toHaveBeenCalledTimes(changesBefore);
    expect(server.count("pods", "list")).toBe(1);
  });

  const expiries: { name: string; arrange: (server: ReplayApiServer) => void; compact: boolean }[] = [
    {
      name: "an ERROR event with an Expired Status",
      arrange: (server) => server.expireNextWatch("pods", "event"),
      compact: false,
    },
    { name: "the watch's HTTP status", arrange: (server) => server.expireNextWatch("pods", "status"), compact: false },
    { name: "history compacted past the client's resourceVersion", arrange: () => {}, compact: true },
  ];
  for (const expiry of expiries) {
    it(`relists on 410 Gone (${expiry.name}) and then matches the server`, async () => {
      const server = await startCluster();
      const source = await sourceFor([contextOf("prod-eu", server)]);
      const onChange = vi.fn();
      source.watch(onChange);
      await source.inventory();
      await server.waitForWatches("pods", 1);

      expiry.arrange(server);
      server.dropWatches("pods", "end");
      // While the client is away: one pod goes, one comes.
      server.remove("pods", "default", "debug-shell");
      server.put(
        "pods",
        podJson({
          namespace: "shop",
          name: "checkout-7d9f8b6c5-n8p2r",
          nodeName: "worker-a",
          labels: { "app.kubernetes.io/name": "checkout", "pod-template-hash": "7d9f8b6c5" },
          owner: { kind: "ReplicaSet", name: "checkout-7d9f8b6c5" },
        }),
      );
      if (expiry.compact) server.compact();
      const relistedAt = server.currentResourceVersion();

      await vi.waitFor(() => expect(server.count("pods", "list")).toBe(2));
      await vi.waitFor(() => expect(watchRequests(server).at(-1)?.query.get("resourceVersion")).toBe(relistedAt));
      expect(await podNames(source)).toEqual(serverPodNames(server));
      expect((await source.inventory()).instances.map((instance) => instance.id)).toContain(
        "prod-eu.shop.checkout-7d9f8b6c5-n8p2r",
      );
      expect(onChange).toHaveBeenCalled();
      expect(server.count("nodes", "list")).toBe(1);
    });
  }

  for (const how of ["reset", "end"] as const) {
    it(`resumes a dropped watch (${how === "reset" ? "connection reset" : "stream ended"}) from the last resourceVersion, without relisting`, async () => {
      const server = await startCluster();
      const source = await sourceFor([contextOf("prod-eu", server)]);
      await source.inventory();
      await server.waitForWatches("pods", 1);

      const seenAt = server.put(
        "pods",
        changed(server, "pods", "ledger-0", (pod) => setRestarts(pod, 5)),
      );
      await vi.waitFor(async () =>
        expect((await kubernetesDetail(source)).pods.find((pod) => pod.name === "ledger-0")?.restarts).toBe(5),
      );

      server.dropWatches("pods", how);
      server.put(
        "pods",
        changed(server, "pods", "ledger-0", (pod) => setRestarts(pod, 6)),
      );
      await server.waitForWatches("pods", 2);
      expect(watchRequests(server).at(-1)?.query.get("resourceVersion")).toBe(seenAt);
      await vi.waitFor(async () =>
        expect((await kubernetesDetail(source)).pods.find((pod) => pod.name === "ledger-0")?.restarts).toBe(6),
      );
      expect(server.count("pods", "list")).toBe(1);
    });
  }

  it("shows each context as its own cluster, or only the contexts named", async () => {
    const eu = await startCluster(sampleCluster({ region: "eu-west-1" }));
    const us = await startCluster(sampleCluster({ region: "us-east-1" }));
    const contexts = [contextOf("prod-eu", eu), contextOf("prod-us", us)];

    const both = await sourceFor(contexts);
    const inventory = await both.inventory();
    expect(inventory.clusters.map((cluster) => [cluster.id, cluster.regionId])).toEqual([
      ["prod-eu", "eu-west-1"],
      ["prod-us", "us-east-1"],
    ]);
    expect(inventory.instances).toHaveLength(14);
    expect((await both.clusterDetails()).map((detail) => detail.name)).toEqual(["prod-eu", "prod-us"]);

    const usOnly = await sourceFor(contexts, { contexts: ["prod-us"] });
    expect((await usOnly.inventory()).clusters.map((cluster) => cluster.id)).toEqual(["prod-us"]);
    expect(eu.count("pods", "list")).toBe(1);
  });

  it("watches pods and workloads only in the namespaces named", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)], { namespaces: ["shop"] });
    const inventory = await source.inventory();
    expect(inventory.instances.map((instance) => instance.id).sort()).toEqual([
      "prod-eu.shop.checkout-7d9f8b6c5-m4k9z",
      "prod-eu.shop.checkout-7d9f8b6c5-x2x7q",
      "prod-eu.shop.ledger-0",
    ]);
    expect(inventory.nodes).toHaveLength(3);
    await server.waitForWatches("pods", 1);
    const podRequests = server.requests.filter((request) => request.resource === "pods");
    expect(podRequests.map((request) => request.namespace)).toEqual(["shop", "shop"]);
    const nodeRequests = server.requests.filter((request) => request.resource === "nodes");
    expect(new Set(nodeRequests.map((request) => request.namespace))).toEqual(new Set([null]));
  });

  it("reads a collection in pages, continuing from one snapshot", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)], {}, 3);
    expect(await podNames(source)).toEqual(serverPodNames(server));
    const podLists = server.requests.filter((request) => request.resource === "pods" && !request.watch);
    expect(podLists.map((request) => request.query.get("limit"))).toEqual(["3", "3", "3"]);
    expect(podLists.map((request) => request.query.get("continue") !== null)).toEqual([false, true, true]);
  });

  it("reports an unreachable context by name and server URL, and still shows the others", async () => {
    const server = await startCluster();
    const closedPort = await freePort();
    const down = { name: "prod-down", server: `http://127.0.0.1:${closedPort}`, token };

    const mixed = await sourceFor([contextOf("prod-eu", server), down]);
    const inventory = await mixed.inventory();
    expect(inventory.clusters.map((cluster) => cluster.id)).toEqual(["prod-eu"]);
    expect(inventory.warnings?.[0]?.message).toMatch(
      new RegExp(
        `^kubernetes context "prod-down" \\(http://127\\.0\\.0\\.1:${closedPort}\\): cannot list .*ECONNREFUSED`,
      ),
    );
    expect((await mixed.clusterDetails()).map((detail) => detail.name)).toEqual(["prod-eu"]);

    const onlyDown = await sourceFor([down]);
    await expect(onlyDown.inventory()).rejects.toThrow(
      `kubernetes source "k8s": no context answered: kubernetes context "prod-down" (http://127.0.0.1:${closedPort})`,
    );
    await expect(onlyDown.clusterDetails()).rejects.toThrow(/prod-down.*ECONNREFUSED/);
  });

  it("gives up waiting for a context that accepts connections but never answers", async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const address = silent.address();
    const url = `http://127.0.0.1:${address && typeof address === "object" ? address.port : 0}`;
    const source = await sourceFor([{ name: "hung", server: url, token }], { timeoutMs: 300 });
    await expect(source.inventory()).rejects.toThrow(`kubernetes context "hung" (${url}): no answer within 300 ms`);
  });

  it("reports what the API server refused, with its Status message", async () => {
    const server = await startCluster();
    const source = await sourceFor([{ name: "prod-eu", server: server.url, token: "expired-token" }]);
    await expect(source.inventory()).rejects.toThrow(
      /kubernetes context "prod-eu" .*: cannot list \w+: HTTP 401 Unauthorized/,
    );
  });

  it("names the kubeconfig and the contexts it has when a context is missing", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)], { contexts: ["prod-us"] });
    await expect(source.inventory()).rejects.toThrow(
      /kubeconfig .*kubeconfig\.yaml has no context "prod-us" \(it has prod-eu\)/,
    );
    const missing = createKubernetesSource({ id: "k8s", kind: "kubernetes", kubeconfig: "/nonexistent/kubeconfig" });
    await expect(missing.inventory()).rejects.toThrow(/kubeconfig \/nonexistent\/kubeconfig cannot be read/);
  });

  it("ends its watches on close", async () => {
    const server = await startCluster();
    const source = await sourceFor([contextOf("prod-eu", server)]);
    await source.inventory();
    await server.waitForWatches("pods", 1);
    await source.close();
    await vi.waitFor(() => {
      for (const resource of ["nodes", "pods", "deployments", "statefulsets", "daemonsets", "replicasets"] as const) {
        expect(server.openWatches(resource), resource).toBe(0);
      }
    });
    const requests = server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.requests).toHaveLength(requests);
  });
});
