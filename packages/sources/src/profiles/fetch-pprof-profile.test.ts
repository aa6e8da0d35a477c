import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/free-port.ts";
import { fetchPprofProfile, pprofProfileUrl } from "./fetch-pprof-profile.ts";
import { ProfileCaptureCancelled, ProfileCaptureError } from "./profile-capture-errors.ts";

/** A gzipped stand-in: the fetch checks the first bytes only, the decoder is tested elsewhere. */
const gzippedProfile = gzipSync(Buffer.from([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02]));

type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A local target with one behaviour per path, the ways a real pprof endpoint goes wrong. */
const routes: Record<string, Route> = {
  // Answers only the query the test expects, so a wrong URL fails the capture.
  "/ok/debug/pprof/profile": (request, response) => {
    const query = new URL(request.url ?? "", "http://x").search;
    response.writeHead(query === "?seconds=3" ? 200 : 400).end(query === "?seconds=3" ? gzippedProfile : query);
  },
  "/ok/debug/pprof/heap": (request, response) => {
    const query = new URL(request.url ?? "", "http://x").search;
    response.writeHead(query === "" ? 200 : 400).end(query === "" ? gzippedProfile : query);
  },
  "/plain/goroutine": (_request, response) => response.end(Buffer.from([0x0a, 0x02, 0x08, 0x01])),
  "/html/heap": (_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<html><body>Please sign in</body></html>");
  },
  "/busy/profile": (_request, response) => {
    response.writeHead(500, { "content-type": "text/plain" });
    response.end("Could not enable CPU profiling: cpu profiling already in use\n");
  },
  "/empty/heap": (_request, response) => response.end(),
  "/huge/heap": (_request, response) => {
    // No content-length: the size shows only while streaming.
    response.writeHead(200, { "transfer-encoding": "chunked" });
    const chunk = Buffer.alloc(64 * 1024, 0x1f);
    let sent = 0;
    const pump = () => {
      while (sent < 200 && response.write(chunk)) sent++;
      if (sent < 200) response.once("drain", pump);
      else response.end();
    };
    pump();
  },
  "/announced-huge/heap": (_request, response) => {
    response.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
    response.write(gzippedProfile);
  },
  // Holds the request open, as a CPU profile does for its seconds, and never answers.
  "/slow/profile": () => {},
  "/slow/heap": () => {},
};

describe("fetchPprofProfile against a local target", () => {
  let server: Server;
  let base: string;
  const stillOpen = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      stillOpen.add(response);
      response.on("close", () => stillOpen.delete(response));
      const route = routes[new URL(request.url ?? "/", "http://x").pathname];
      if (route) route(request, response);
      else {
        response.writeHead(404, { "content-type": "text/plain" });
        response.end("404 page not found\n");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address !== "object") throw new Error("no address");
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    for (const response of stillOpen) response.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const capture = (path: string, overrides: Partial<Parameters<typeof fetchPprofProfile>[0]> = {}) =>
    fetchPprofProfile({
      baseUrl: `${base}${path}`,
      kind: "heap",
      seconds: 1,
      signal: new AbortController().signal,
      timeoutMs: 2_000,
      maxBytes: 1024 * 1024,
      ...overrides,
    });

  const failureOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (reason: unknown) => reason,
    );
    if (error === null) throw new Error("expected the capture to fail");
    return error as Error;
  };

  it("returns the bytes as served and asks for a CPU profile of the given seconds", async () => {
    const bytes = await capture("/ok/debug/pprof", { kind: "cpu", seconds: 3 });
    expect(Buffer.from(bytes).equals(gzippedProfile)).toBe(true);
    const heap = await capture("/ok/debug/pprof/", { kind: "heap", seconds: 3 });
    expect(Buffer.from(heap).equals(gzippedProfile)).toBe(true);
  });

  it("asks for snapshots without seconds, so the target does not send a delta", () => {
    expect(pprofProfileUrl("http://t/debug/pprof/", "heap", 5)).toBe("http://t/debug/pprof/heap");
    expect(pprofProfileUrl("http://t/debug/pprof", "cpu", 5)).toBe("http://t/debug/pprof/profile?seconds=5");
    expect(() => pprofProfileUrl("http://t", "cpu", 2.5)).toThrow("whole number of seconds, at least 1 (got 2.5)");
  });

  it("accepts a profile.proto that is not gzipped", async () => {
    const bytes = await capture("/plain", { kind: "goroutine" });
    expect([...bytes]).toEqual([0x0a, 0x02, 0x08, 0x01]);
  });

  it("says a 404 probably means pprof is not enabled, naming the URL", async () => {
    const error = await failureOf(capture("/nothing-here"));
    expect(error).toBeInstanceOf(ProfileCaptureError);
    expect(error.message).toBe(
      `profile capture from ${base}/nothing-here/heap failed: HTTP 404 — is net/http/pprof enabled? (etcd: --enable-pprof)`,
    );
    expect((error as ProfileCaptureError).status).toBe(404);
  });

  it("quotes the target's own explanation of an error status", async () => {
    const error = await failureOf(capture("/busy", { kind: "cpu" }));
    expect(error.message).toContain(`${base}/busy/profile?seconds=1 failed: HTTP 500`);
    expect(error.message).toContain("cpu profiling already in use");
  });

  it("refuses an HTML page, quoting how it starts", async () => {
    const error = await failureOf(capture("/html"));
    expect(error.message).toBe(
      `profile capture from ${base}/html/heap failed: the answer is not a profile: starts with '<html><body>Please sign '…`,
    );
  });

  it("refuses an empty answer", async () => {
    expect((await failureOf(capture("/empty"))).message).toContain("the answer is empty, not a profile");
  });

  it("stops reading past maxBytes while streaming, and before reading when the size is announced", async () => {
    const streamed = await failureOf(capture("/huge", { maxBytes: 256 * 1024 }));
    expect(streamed.message).toContain(
      `${base}/huge/heap failed: the answer is larger than the 256 KiB limit (more than 256 KiB received)`,
    );
    const announced = await failureOf(capture("/announced-huge", { maxBytes: 256 * 1024 }));
    expect(announced.message).toContain("larger than the 256 KiB limit (10.0 MiB announced)");
  });

  it("times out a snapshot after timeoutMs, and a CPU profile after its seconds plus timeoutMs", async () => {
    let started = Date.now();
    const snapshot = await failureOf(capture("/slow", { timeoutMs: 300 }));
    expect(snapshot.message).toBe(`profile capture from ${base}/slow/heap failed: timed out after 0.3 s`);
    expect(Date.now() - started).toBeLessThan(2_000);

    started = Date.now();
    const cpu = await failureOf(capture("/slow", { kind: "cpu", seconds: 1, timeoutMs: 300 }));
    expect(cpu.message).toBe(`profile capture from ${base}/slow/profile?seconds=1 failed: timed out after 1.3 s`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_250);
  });

  it("stops at once with ProfileCaptureCancelled when the caller aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = capture("/slow", { kind: "cpu", seconds: 30, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await failureOf(pending);
    expect(error).toBeInstanceOf(ProfileCaptureCancelled);
    expect(error.message).toBe(`profile capture from ${base}/slow/profile?seconds=30 was cancelled`);
    expect(Date.now() - started).toBeLessThan(1_000);

    const alreadyAborted = AbortSignal.abort();
    expect(await failureOf(capture("/ok/debug/pprof", { signal: alreadyAborted }))).toBeInstanceOf(
      ProfileCaptureCancelled,
    );
  });

  it("says the connection was refused when nothing listens, naming the instance", async () => {
    const port = await freePort();
    const error = await failureOf(
      fetchPprofProfile({
        baseUrl: `http://127.0.0.1:${port}/debug/pprof`,
        kind: "goroutine",
        seconds: 1,
        signal: new AbortController().signal,
        timeoutMs: 2_000,
        maxBytes: 1024,
        instanceId: "api-7",
      }),
    );
    expect(error.message).toBe(
      `profile capture of "api-7" from http://127.0.0.1:${port}/debug/pprof/goroutine failed: connection refused`,
    );
  });
});
