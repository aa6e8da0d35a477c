/** One page of a LIST: its items, the list's resourceVersion and the token of the next page. */
export interface ListPage {
  items: readonly unknown[];
  resourceVersion: string;
  continueToken: string | null;
}

/** A Kubernetes watch event as the API streams it, one JSON object a line. */
export interface WatchEvent {
  type: string;
  object: unknown;
}

export interface OpenWatch {
  abort(): void;
}

/**
 * How one resource (pods of all namespaces, nodes, deployments of one namespace…) is listed and
 * watched. `watch` calls `onDone` once: with null when the server ended the stream, with the
 * error otherwise (an HTTP error carries its status as `statusCode`).
 */
export interface ResourceTransport {
  /** What the resource is called in messages, e.g. "pods" or "deployments in shop". */
  readonly description: string;
  list(page: { limit: number; continueToken: string | null }, signal: AbortSignal): Promise<ListPage>;
  watch(
    query: { resourceVersion: string; timeoutSeconds: number },
    onEvent: (event: WatchEvent) => void,
    onDone: (error: unknown) => void,
  ): Promise<OpenWatch>;
}
