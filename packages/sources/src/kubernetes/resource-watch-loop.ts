import { setTimeout as sleep } from "node:timers/promises";
import { type BackoffPolicy, backoffDelayMs } from "../prometheus/retry-backoff.ts";
import { describeKubernetesError, isGoneError } from "./kubernetes-errors.ts";
import { namespacedKey } from "./owner-resolution.ts";
import type { ListPage, OpenWatch, ResourceTransport, WatchEvent } from "./resource-transport.ts";

export interface WatchLoopOptions<T> {
  transport: ResourceTransport;
  /** The record kept of an object; null skips an object Fleetdeck cannot read. */
  parse: (object: unknown) => T | null;
  backoff: BackoffPolicy;
  listPageSize: number;
  /** A LIST request taking longer is abandoned and retried. */
  listTimeoutMs: number;
  /** How long the server may keep one watch open (it ends the stream then, and we watch again). */
  watchTimeoutSeconds: number;
  /** The cache changed: an object was added, modified or deleted, or a relist replaced it. */
  onChange: () => void;
  /** The loop synced or failed: readiness waiters look again. */
  onStateChange: () => void;
}

type WatchOutcome =
  | { kind: "closed"; eventsSeen: number }
  | { kind: "expired" }
  | { kind: "failed"; error: unknown }
  | { kind: "stopped" };

/** A watch event's object, as far as the loop reads it. */
interface EventObject {
  metadata?: { name?: unknown; namespace?: unknown; resourceVersion?: unknown };
  code?: unknown;
  reason?: unknown;
  message?: unknown;
}

/**
 * Keeps one resource's objects in memory the way client-go's reflector does: LIST (in pages),
 * then WATCH from the list's resourceVersion with bookmarks, applying each event. When the
 * resourceVersion is too old (410 Gone, as the watch's HTTP status or as an ERROR event) it
 * lists again; when the stream ends it watches again from the last resourceVersion seen, which
 * bookmarks keep fresh; on errors it backs off (exponential, full jitter).
 *
 * @kubernetes/client-node's ListWatch is not used: it does not ask for bookmarks (a quiet
 * resource's resourceVersion then ages until every rewatch is a full relist), stops for good after
 * a failed LIST or a non-410 watch error, and rewatches a stream the server keeps closing without
 * any delay. Its Watch and typed list calls do the HTTP, auth and TLS (see kubernetes-api-transport).
 */
export class ResourceWatchLoop<T> {
  /** Objects by "namespace/name" ("/name" for cluster-scoped ones). */
  items = new Map<string, T>();
  /** The resourceVersion to watch from; null until listed, and again when it expired. */
  resourceVersion: string | null = null;
  /** Listed at least once: items describe the cluster. */
  synced = false;
  /** Why the last LIST or WATCH failed, until one succeeds; names the resource. */
  lastError: string | null = null;

  private readonly stopController = new AbortController();
  private running = false;

  constructor(private readonly options: WatchLoopOptions<T>) {}

  get description(): string {
    return this.options.transport.description;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  stop(): void {
    this.stopController.abort();
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (this.resourceVersion === null) await this.relist();
        const outcome = await this.watchOnce(this.resourceVersion ?? "");
        if (outcome.kind === "stopped") break;
        if (outcome.kind === "expired") {
          this.resourceVersion = null;
          failures = 0;
          continue;
        }
        if (outcome.kind === "failed") throw outcome.error;
        // The server ended the stream (its timeout, a restart, a proxy): watch again from where we
        // are, at once if the stream was alive, after a pause if it closed without a word.
        if (outcome.eventsSeen > 0) {
          failures = 0;
          continue;
        }
        failures++;
      } catch (error) {
        if (this.stopped) break;
        this.lastError = `cannot ${this.resourceVersion === null ? "list" : "watch"} ${this.description}: ${describeKubernetesError(error)}`;
        failures++;
        this.options.onStateChange();
      }
      await this.pause(backoffDelayMs(failures - 1, this.options.backoff));
    }
  }

  private async pause(delayMs: number): Promise<void> {
    try {
      await sleep(delayMs, undefined, { signal: this.stopController.signal });
    } catch {
      // Stopped while waiting.
    }
  }

  /** Reads every page, then replaces the cache: objects deleted while we were not watching go. */
  private async relist(): Promise<void> {
    const { transport, listPageSize, listTimeoutMs } = this.options;
    const items = new Map<string, T>();
    let resourceVersion: string | null = null;
    let continueToken: string | null = null;
    do {
      const timeout = AbortSignal.timeout(listTimeoutMs);
      const signal = AbortSignal.any([this.stopController.signal, timeout]);
      const page: ListPage = await transport
        .list({ limit: listPageSize, continueToken }, signal)
        .catch((error: unknown) => {
          throw timeout.aborted ? new Error(`no answer within ${listTimeoutMs} ms`) : error;
        });
      // The first page's resourceVersion is the snapshot's: later pages are served from it.
      resourceVersion ??= page.resourceVersion;
      for (const object of page.items) {
        const key = keyOf(object as EventObject);
        const record = key === null ? null : this.options.parse(object);
        if (key !== null && record !== null) items.set(key, record);
      }
      continueToken = page.continueToken;
    } while (continueToken);
    if (this.stopped) return;
    this.items = items;
    this.resourceVersion = resourceVersion;
    this.lastError = null;
    const relisted = this.synced;
    this.synced = true;
    this.options.onStateChange();
    if (relisted) this.options.onChange();
  }

  private watchOnce(resourceVersion: string): Promise<WatchOutcome> {
    const { transport, watchTimeoutSeconds } = this.options;
    return new Promise((resolve) => {
      let settled = false;
      let openWatch: OpenWatch | null = null;
      let eventsSeen = 0;
      const finish = (outcome: WatchOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        this.stopController.signal.removeEventListener("abort", onStop);
        openWatch?.abort();
        resolve(outcome);
      };
      const onStop = () => finish({ kind: "stopped" });
      this.stopController.signal.addEventListener("abort", onStop);
      // A connection that died without a FIN never ends by itself: give up on it a little after
      // the server should have ended the stream.
      const deadline = setTimeout(() => finish({ kind: "closed", eventsSeen }), (watchTimeoutSeconds + 30) * 1000);

      const onEvent = (event: WatchEvent) => {
        if (settled) return;
        const object = (event.object ?? {}) as EventObject;
        if (event.type === "ERROR") {
          // The API server sends a Status and then ends the stream; 410 means "too old".
          if (object.code === 410) finish({ kind: "expired" });
          else finish({ kind: "failed", error: statusError(object) });
          return;
        }
        eventsSeen++;
        const version = object.metadata?.resourceVersion;
        if (typeof version === "string" && version !== "") this.resourceVersion = version;
        if (event.type === "BOOKMARK") return;
        const key = keyOf(object);
        if (key === null) return;
        if (event.type === "DELETED") {
          if (this.items.delete(key)) this.options.onChange();
          return;
        }
        if (event.type !== "ADDED" && event.type !== "MODIFIED") return;
        const record = this.options.parse(object);
        if (record === null) this.items.delete(key);
        else this.items.set(key, record);
        this.options.onChange();
      };
      const onDone = (error: unknown) => {
        if (!error) finish({ kind: "closed", eventsSeen });
        else if (isGoneError(error)) finish({ kind: "expired" });
        else finish({ kind: "failed", error });
      };

      transport
        .watch({ resourceVersion, timeoutSeconds: watchTimeoutSeconds }, onEvent, onDone)
        .then((handle) => {
          openWatch = handle;
          if (settled) {
            handle.abort();
            return;
          }
          // Connected: whatever failed before is over.
          if (this.lastError !== null) {
            this.lastError = null;
            this.options.onStateChange();
          }
        })
        .catch((error: unknown) => finish({ kind: "failed", error }));
    });
  }
}

function keyOf(object: EventObject): string | null {
  const name = object.metadata?.name;
  if (typeof name !== "string" || name === "") return null;
  const namespace = object.metadata?.namespace;
  return namespacedKey(typeof namespace === "string" ? namespace : "", name);
}

function statusError(status: EventObject): Error {
  const code = typeof status.code === "number" ? status.code : "?";
  const reason = typeof status.reason === "string" ? status.reason : "Unknown";
  const message = typeof status.message === "string" ? `: ${status.message}` : "";
  return new Error(`watch ended with status ${code} ${reason}${message}`);
}
