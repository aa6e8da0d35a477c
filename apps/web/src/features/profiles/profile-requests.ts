import { decodeFlameGraph, type FlameGraph } from "@fleetdeck/core";

/**
 * The binary routes beside tRPC: flame graphs travel as a compact columnar encoding that JSON
 * cannot carry well, profiles as their original bytes.
 */

/** The settings that make one flame tree: everything except the zoom. */
export interface FlameTreeSettings {
  sampleType?: string | undefined;
  inverted?: boolean | undefined;
  focus?: string | undefined;
  hide?: string | undefined;
}

function withQuery(path: string, entries: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined && value !== "") query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const pathParam = (path: readonly string[]) => (path.length === 0 ? undefined : JSON.stringify(path));

/** One profile's flame graph, rooted at `path` (the whole profile when empty). */
export function flameGraphUrl(profileId: string, settings: FlameTreeSettings, path: readonly string[]): string {
  return withQuery(`/api/profiles/${encodeURIComponent(profileId)}/flame`, {
    sampleType: settings.sampleType,
    inverted: settings.inverted ? "1" : undefined,
    focus: settings.focus,
    hide: settings.hide,
    path: pathParam(path),
  });
}

/** The differential flame graph of target against base. */
export function diffFlameGraphUrl(
  baseId: string,
  targetId: string,
  settings: Omit<FlameTreeSettings, "inverted">,
  path: readonly string[],
): string {
  return withQuery("/api/profiles/diff/flame", {
    base: baseId,
    target: targetId,
    sampleType: settings.sampleType,
    focus: settings.focus,
    hide: settings.hide,
    path: pathParam(path),
  });
}

export type SandwichSide = "callers" | "callees";

/** One half of a sandwich: who calls a function, or what it calls, as a tree rooted at it. */
export function sandwichUrl(
  profileId: string,
  functionName: string,
  side: SandwichSide,
  sampleType: string | undefined,
): string {
  return withQuery(`/api/profiles/${encodeURIComponent(profileId)}/sandwich`, {
    function: functionName,
    view: side,
    sampleType,
  });
}

/** The profile as it was captured or uploaded, for `go tool pprof`. */
export function profileDownloadUrl(profileId: string): string {
  return `/api/profiles/${encodeURIComponent(profileId)}/download`;
}

/** A stored profile's name from its file's: without the .pb.gz or .pb the download adds back. */
export function profileNameOfFile(fileName: string): string {
  const name = fileName.replace(/\.pb\.gz$|\.pb$|\.gz$/i, "").trim();
  return name === "" ? "profile" : name;
}

export function profileUploadUrl(name: string, instanceId: string | undefined): string {
  return withQuery("/api/profiles/upload", { name, instanceId });
}

/** tRPC's names for HTTP statuses, so the query client treats these errors as it treats tRPC's. */
const codeByStatus: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
};

/** A binary route's refusal, with the server's own words and a tRPC-style code in `data`. */
export class ProfileRouteError extends Error {
  readonly data: { code: string };
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ProfileRouteError";
    this.data = { code: codeByStatus[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST") };
  }
}

/** The error a failed response carries: its JSON `{ error, detail? }`, or its status when it has none. */
export async function routeErrorOf(response: Response): Promise<ProfileRouteError> {
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const body: unknown = await response.json();
    if (typeof body === "object" && body !== null && "error" in body && typeof body.error === "string") {
      const detail = "detail" in body && typeof body.detail === "string" ? `: ${body.detail}` : "";
      message = `${body.error}${detail}`;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new ProfileRouteError(message, response.status);
}

/** Fetches and decodes a flame graph wire; a bad wire surfaces as the decoder's error. */
export async function fetchFlameGraph(url: string, signal?: AbortSignal): Promise<FlameGraph> {
  const response = await fetch(url, { credentials: "same-origin", ...(signal ? { signal } : {}) });
  if (!response.ok) throw await routeErrorOf(response);
  return decodeFlameGraph(new Uint8Array(await response.arrayBuffer()));
}

/** Uploads a .pb.gz or .pb file; the server answers with the new profile's id, or says what is wrong. */
export async function uploadProfile(file: File, instanceId: string | undefined): Promise<{ id: string }> {
  const response = await fetch(profileUploadUrl(profileNameOfFile(file.name), instanceId), {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/octet-stream" },
    body: file,
  });
  if (!response.ok) throw await routeErrorOf(response);
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null || !("id" in body)) {
    throw new ProfileRouteError("the server accepted the upload but sent no profile id", response.status);
  }
  return { id: String(body.id) };
}
