import { createServer, type ServerResponse } from "node:http";

/** The collections the replay server serves, as the Kubernetes API names them. */
export type ReplayResource = "nodes" | "pods" | "deployments" | "statefulsets" | "daemonsets" | "replicasets";

interface ResourceInfo {
  prefix: string;
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

const resourceInfo: Record<ReplayResource, ResourceInfo> = {
  nodes: { prefix: "/api/v1", apiVersion: "v1", kind: "Node", namespaced: false },
  pods: { prefix: "/api/v1", apiVersion: "v1", kind: "Pod", namespaced: true },
  deployments: { prefix: "/apis/apps/v1", apiVersion: "apps/v1", kind: "Deployment", namespaced: true },
  statefulsets: { prefix: "/apis/apps/v1", apiVersion: "apps/v1", kind: "StatefulSet", namespaced: true },
  daemonsets: { prefix: "/apis/apps/v1", apiVersion: "apps/v1", kind: "DaemonSet", namespaced: true },
  replicasets: { prefix: "/apis/apps/v1", apiVersion: "apps/v1", kind: "ReplicaSet", namespaced: true },
};
const resourceNames = Object.keys(resourceInfo) as ReplayResource[];

/** A Kubernetes object as JSON; metadata.name (and namespace for namespaced kinds) is required. */
export type KubeJson = {
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
};

/** One request the server answered, for tests that assert what the client asked. */
export interface ReplayRequest {
  resource: ReplayResource;
  namespace: string | null;
  watch: boolean;
  query: URLSearchParams;
}

interface HistoryEntry {
  resourceVersion: number;
  type: "ADDED" | "MODIFIED" | "DELETED";
  namespace: string | null;
  object: KubeJson;
}

interface OpenWatch {
  resource: ReplayResource;
  namespace: string | null;
  bookmarks: boolean;
  response: ServerResponse;
}

export interface ReplayApiServerOptions {
  /** Bearer token every request must carry, as a kubeconfig's user token sends it. */
  token?: string;
  objects?: Partial<Record<ReplayResource, readonly KubeJson[]>>;
}

export interface ReplayApiServer {
  url: string;
  token: string | null;
  /** Every request answered (unauthorized ones excluded), oldest first. */
  requests: ReplayRequest[];
  count(resource: ReplayResource, kind: "list" | "watch"): number;
  /** The objects the server holds now, as a LIST returns them. */
  objects(resource: ReplayResource): KubeJson[];
  /** The server's current resourceVersion (one counter for every kind, as etcd's revision is). */
  currentResourceVersion(): string;
  /** Creates or replaces an object and streams ADDED or MODIFIED; returns its new resourceVersion. */
  put(resource: ReplayResource, object: KubeJson): string;
  /** Deletes an object and streams DELETED; returns the deletion's resourceVersion. */
  remove(resource: ReplayResource, namespace: string | null, name: string): string;
  /** Sends a BOOKMARK with the current resourceVersion to the resource's watches that asked for bookmarks. */
  bookmark(resource: ReplayResource): string;
  /** Ends the resource's open watch streams: "end" closes them cleanly, "reset" drops the connections. */
  dropWatches(resource: ReplayResource, how?: "end" | "reset"): number;
  /**
   * Makes the next watch of the resource answer 410 Gone: as an ERROR event carrying an Expired
   * Status (what an API server does for a too old resourceVersion), or as the HTTP status.
   */
  expireNextWatch(resource: ReplayResource, as?: "event" | "status"): void;
  /** Forgets the history up to now, as etcd compaction does: watches from an older resourceVersion get 410. */
  compact(): void;
  openWatches(resource: ReplayResource): number;
  /** Resolves once the resource has had `count` watch requests answered with an open stream. */
  waitForWatches(resource: ReplayResource, count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A local stand-in for a Kubernetes API server (none can run on these machines), answering the
 * way a real one does for the collections Fleetdeck reads: List objects with a resourceVersion
 * (paged with limit/continue from one snapshot), watch streams of newline-delimited events that
 * replay the history after the asked resourceVersion, bookmarks only when asked for, 410 for a
 * compacted resourceVersion, Status objects for errors, bearer-token auth.
 */
export async function startReplayApiServer(options: ReplayApiServerOptions = {}): Promise<ReplayApiServer> {
  const token = options.token ?? null;
  let resourceVersion = 1000;
  let compactedThrough = 0;
  const objects = new Map<ReplayResource, Map<string, KubeJson>>(resourceNames.map((name) => [name, new Map()]));
  const history = new Map<ReplayResource, HistoryEntry[]>(resourceNames.map((name) => [name, []]));
  const watches = new Set<OpenWatch>();
  const expiring = new Map<ReplayResource, "event" | "status">();
  const snapshots = new Map<string, { items: KubeJson[]; resourceVersion: number }>();
  const requests: ReplayRequest[] = [];
  const watchWaiters = new Set<() => void>();
  let openedWatches = new Map<ReplayResource, number>();

  const keyOf = (object: KubeJson) => `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
  const withType = (resource: ReplayResource, object: KubeJson): KubeJson => ({
    kind: resourceInfo[resource].kind,
    apiVersion: resourceInfo[resource].apiVersion,
    ...object,
  });
  const stripType = (object: KubeJson): KubeJson => {
    const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
    return rest as KubeJson;
  };

  const record = (resource: ReplayResource, type: HistoryEntry["type"], object: KubeJson) => {
    const entry: HistoryEntry = {
      resourceVersion,
      type,
      namespace: object.metadata.namespace ?? null,
      object: withType(resource, object),
    };
    history.get(resource)?.push(entry);
    for (const watch of watches) {
      if (watch.resource === resource && (watch.namespace === null || watch.namespace === entry.namespace)) {
        writeEvent(watch.response, { type, object: entry.object });
      }
    }
  };

  const store = (resource: ReplayResource, object: KubeJson, emit: boolean) => {
    const copy = structuredClone(stripType(object));
    const existing = objects.get(resource)?.get(keyOf(copy));
    resourceVersion++;
    copy.metadata.resourceVersion = String(resourceVersion);
    copy.metadata.uid ??= existing?.metadata.uid ?? uidOf(resource, keyOf(copy));
    objects.get(resource)?.set(keyOf(copy), copy);
    if (emit) record(resource, existing ? "MODIFIED" : "ADDED", copy);
    return String(resourceVersion);
  };

  for (const resource of resourceNames) {
    for (const object of options.objects?.[resource] ?? []) store(resource, object, false);
  }
  compactedThrough = resourceVersion;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://replay");
    if (token !== null && request.headers.authorization !== `Bearer ${token}`) {
      return sendStatus(response, 401, "Unauthorized", "Unauthorized");
    }
    const route = routeOf(url.pathname);
    if (!route || request.method !== "GET") {
      return sendStatus(response, 404, "NotFound", `the server could not find the requested resource`);
    }
    const watch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
    requests.push({ resource: route.resource, namespace: route.namespace, watch, query: url.searchParams });
    if (watch) serveWatch(route.resource, route.namespace, url.searchParams, response);
    else serveList(route.resource, route.namespace, url.searchParams, response);
  });

  function serveList(
    resource: ReplayResource,
    namespace: string | null,
    query: URLSearchParams,
    response: ServerResponse,
  ) {
    const info = resourceInfo[resource];
    const continueToken = query.get("continue");
    let snapshot: { items: KubeJson[]; resourceVersion: number };
    let offset = 0;
    if (continueToken) {
      const [id, from] = Buffer.from(continueToken, "base64url").toString("utf8").split(":");
      const found = snapshots.get(id ?? "");
      if (!found) {
        return sendStatus(
          response,
          410,
          "Expired",
          "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
        );
      }
      snapshot = found;
      offset = Number(from);
    } else {
      const items = [...(objects.get(resource)?.values() ?? [])]
        .filter((object) => namespace === null || object.metadata.namespace === namespace)
        .sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
        .map((object) => structuredClone(object));
      snapshot = { items, resourceVersion };
    }
    const limit = Number(query.get("limit") ?? "0");
    const end = limit > 0 ? Math.min(offset + limit, snapshot.items.length) : snapshot.items.length;
    const metadata: Record<string, unknown> = { resourceVersion: String(snapshot.resourceVersion) };
    if (end < snapshot.items.length) {
      const id = `${snapshot.resourceVersion}-${snapshots.size}`;
      snapshots.set(id, snapshot);
      metadata.continue = Buffer.from(`${id}:${end}`).toString("base64url");
      metadata.remainingItemCount = snapshot.items.length - end;
    }
    sendJson(response, 200, {
      kind: `${info.kind}List`,
      apiVersion: info.apiVersion,
      metadata,
      items: snapshot.items.slice(offset, end),
    });
  }

  function serveWatch(
    resource: ReplayResource,
    namespace: string | null,
    query: URLSearchParams,
    response: ServerResponse,
  ) {
    const expiry = expiring.get(resource);
    expiring.delete(resource);
    const from = query.get("resourceVersion") ?? "";
    const fromVersion = from === "" || from === "0" ? null : Number(from);
    if (expiry === "status") {
      return sendStatus(response, 410, "Expired", `too old resource version: ${from} (${compactedThrough})`);
    }
    response.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache, private" });
    // The API server flushes the headers at once, so a client knows its watch is open before any event.
    response.flushHeaders();
    if (expiry === "event" || (fromVersion !== null && fromVersion < compactedThrough)) {
      writeEvent(response, {
        type: "ERROR",
        object: {
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: `too old resource version: ${from} (${Math.max(compactedThrough, resourceVersion)})`,
          reason: "Expired",
          code: 410,
        },
      });
      response.end();
      return;
    }
    if (fromVersion === null) {
      // "Any" resourceVersion: the current state as ADDED events, then changes.
      for (const object of objects.get(resource)?.values() ?? []) {
        if (namespace === null || object.metadata.namespace === namespace) {
          writeEvent(response, { type: "ADDED", object: withType(resource, object) });
        }
      }
    } else {
      for (const entry of history.get(resource) ?? []) {
        if (entry.resourceVersion > fromVersion && (namespace === null || entry.namespace === namespace)) {
          writeEvent(response, { type: entry.type, object: entry.object });
        }
      }
    }
    const watch: OpenWatch = { resource, namespace, bookmarks: query.get("allowWatchBookmarks") === "true", response };
    watches.add(watch);
    const timeoutSeconds = Number(query.get("timeoutSeconds") ?? "0");
    const timer = timeoutSeconds > 0 ? setTimeout(() => response.end(), timeoutSeconds * 1000) : null;
    const forget = () => {
      if (timer) clearTimeout(timer);
      watches.delete(watch);
    };
    response.on("close", forget);
    openedWatches.set(resource, (openedWatches.get(resource) ?? 0) + 1);
    for (const waiter of watchWaiters) waiter();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    count: (resource, kind) =>
      requests.filter((request) => request.resource === resource && request.watch === (kind === "watch")).length,
    objects: (resource) => [...(objects.get(resource)?.values() ?? [])].map((object) => structuredClone(object)),
    currentResourceVersion: () => String(resourceVersion),
    put: (resource, object) => store(resource, object, true),
    remove(resource, namespace, name) {
      const key = `${namespace ?? ""}/${name}`;
      const existing = objects.get(resource)?.get(key);
      if (!existing) throw new Error(`no ${resource} ${key} to delete`);
      objects.get(resource)?.delete(key);
      resourceVersion++;
      const deleted = structuredClone(existing);
      deleted.metadata.resourceVersion = String(resourceVersion);
      record(resource, "DELETED", deleted);
      return String(resourceVersion);
    },
    bookmark(resource) {
      const info = resourceInfo[resource];
      for (const watch of watches) {
        if (watch.resource !== resource || !watch.bookmarks) continue;
        writeEvent(watch.response, {
          type: "BOOKMARK",
          object: {
            kind: info.kind,
            apiVersion: info.apiVersion,
            metadata: { resourceVersion: String(resourceVersion) },
          },
        });
      }
      return String(resourceVersion);
    },
    dropWatches(resource, how = "reset") {
      let dropped = 0;
      for (const watch of [...watches]) {
        if (watch.resource !== resource) continue;
        watches.delete(watch);
        if (how === "end") watch.response.end();
        else watch.response.socket?.destroy();
        dropped++;
      }
      return dropped;
    },
    expireNextWatch(resource, as = "event") {
      expiring.set(resource, as);
    },
    compact() {
      compactedThrough = resourceVersion;
      for (const entries of history.values()) entries.length = 0;
    },
    openWatches: (resource) => [...watches].filter((watch) => watch.resource === resource).length,
    waitForWatches(resource, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if ((openedWatches.get(resource) ?? 0) < count) return;
          clearTimeout(timer);
          watchWaiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          watchWaiters.delete(check);
          reject(
            new Error(
              `${resource}: ${openedWatches.get(resource) ?? 0} watches opened in ${timeoutMs} ms, expected ${count}`,
            ),
          );
        }, timeoutMs);
        watchWaiters.add(check);
        check();
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const watch of watches) watch.response.socket?.destroy();
        watches.clear();
        openedWatches = new Map();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function routeOf(pathname: string): { resource: ReplayResource; namespace: string | null } | null {
  for (const resource of resourceNames) {
    const info = resourceInfo[resource];
    if (pathname === `${info.prefix}/${resource}`) return { resource, namespace: null };
    if (!info.namespaced) continue;
    const match = new RegExp(`^${info.prefix}/namespaces/([a-z0-9-]+)/${resource}$`).exec(pathname);
    if (match?.[1]) return { resource, namespace: match[1] };
  }
  return null;
}

function writeEvent(response: ServerResponse, event: { type: string; object: unknown }) {
  response.write(`${JSON.stringify(event)}\n`);
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Errors as the API server sends them: a Status object with the HTTP code repeated inside. */
function sendStatus(response: ServerResponse, code: number, reason: string, message: string) {
  sendJson(response, code, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code,
  });
}

/** A stable, UUID-shaped uid for an object, as the API server assigns one at creation. */
function uidOf(resource: string, key: string): string {
  let hash = 2166136261;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const character of `${round}${resource}${key}`) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619);
    hex.push((hash >>> 0).toString(16).padStart(8, "0"));
  }
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-4${text.slice(13, 16)}-a${text.slice(17, 20)}-${text.slice(20, 32)}`;
}
