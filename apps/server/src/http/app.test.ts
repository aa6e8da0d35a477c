import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

interface ReadyzBody {
  status: string;
  checks: { name: string; ok: boolean; error: string | null }[];
}
interface TrpcErrorBody {
  error: { message: string; data: { code: string; zodIssues: { fieldErrors: Record<string, string[] | undefined> } } };
}
interface OverviewBody {
  result: { data: { overview: { totals: { instances: number } } } };
}

describe("HTTP surface", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("/healthz answers while the process is up", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz names the database and every source", async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReadyzBody;
    expect(body.status).toBe("ready");
    expect(body.checks.map((c) => c.name)).toEqual(["database", "source:demo"]);
  });

  it("/readyz turns 503 and names the failing source during a control-plane outage", async () => {
    await server.caller.demo.setOutage({ message: "etcd quorum lost" });
    try {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as ReadyzBody;
      const demo = body.checks.find((c) => c.name === "source:demo");
      expect(demo).toMatchObject({ ok: false });
      expect(demo?.error).toContain("etcd quorum lost");
      expect(body.checks.find((c) => c.name === "database")).toMatchObject({ ok: true });
    } finally {
      await server.caller.demo.setOutage({ message: null });
    }
  });

  it("serves tRPC queries over HTTP and counts them per procedure in /metrics", async () => {
    const response = await server.fetchAsAdmin("/trpc/fleet.overview");
    expect(response.status).toBe(200);
    const body = (await response.json()) as OverviewBody;
    expect(body.result.data.overview.totals.instances).toBeGreaterThan(100);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/fleetdeck_trpc_calls_total\{procedure="fleet.overview",type="query",code="OK"\} [1-9]/);
    expect(metrics).toMatch(/fleetdeck_trpc_duration_seconds_bucket\{le="0.1",procedure="fleet.overview"/);
    expect(metrics).toContain("fleetdeck_process_resident_memory_bytes");
  });

  it("sends security headers: a CSP without inline scripts, no framing, nosniff, a referrer policy", async () => {
    const response = await fetch(`${server.url}/healthz`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("refuses a cookie-carrying mutation from another origin, and accepts it from its own", async () => {
    const cookie = await server.signIn();
    const post = (origin: string) =>
      fetch(`${server.url}/trpc/demo.setOutage`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin },
        body: JSON.stringify({ message: null }),
      });
    const foreign = await post("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("must come from");
    expect((await post(server.url)).status).toBe(200);
  });

  it("refuses request bodies over 1 MiB", async () => {
    const response = await server.fetchAsAdmin("/trpc/demo.setOutage", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it("answers a bad input with BAD_REQUEST and field-level zod issues", async () => {
    const input = encodeURIComponent(JSON.stringify({ serviceId: "no spaces allowed" }));
    const response = await server.fetchAsAdmin(`/trpc/fleet.service?input=${input}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(body.error.data.zodIssues.fieldErrors.serviceId?.[0]).toMatch(/ids use letters/);
  });

  it("answers an unknown entity with NOT_FOUND naming it", async () => {
    const input = encodeURIComponent(JSON.stringify({ serviceId: "no-such-service" }));
    const response = await server.fetchAsAdmin(`/trpc/fleet.service?input=${input}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as TrpcErrorBody).error.message).toBe('no service with id "no-such-service"');
  });

  it("streams the live overview over SSE with resumable event ids", async () => {
    const controller = new AbortController();
    const response = await server.fetchAsAdmin("/trpc/fleet.overviewLive", { signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    while ((text.match(/^id: /gm) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    // The first event is tRPC's "connected" handshake; tracked events carry an id line.
    const tracked = text
      .split("\n\n")
      .map((event) => ({ id: /^id: (\d+)$/m.exec(event)?.[1], data: /^data: (.*)$/m.exec(event)?.[1] }))
      .filter((event) => event.id !== undefined);
    expect(tracked.length).toBeGreaterThanOrEqual(2);
    expect(Number(tracked[1]?.id)).toBeGreaterThan(Number(tracked[0]?.id));
    const first = JSON.parse(tracked[0]?.data ?? "") as OverviewBody["result"]["data"];
    expect(first.overview.totals.instances).toBeGreaterThan(100);
  });
});

describe("serving the SPA", () => {
  it("serves index.html for deep links and real files as they are, but 404s unknown API paths", async () => {
    const webDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-web-"));
    await writeFile(path.join(webDir, "index.html"), "<!doctype html><title>Fleetdeck</title>");
    await writeFile(path.join(webDir, "app.js"), "console.log('app')");
    const server = await startTestServer({ FLEETDECK_WEB_DIR: webDir });
    try {
      const deepLink = await fetch(`${server.url}/services/checkout?range=1h`);
      expect(deepLink.status).toBe(200);
      expect(await deepLink.text()).toContain("<title>Fleetdeck</title>");
      const asset = await fetch(`${server.url}/app.js`);
      expect(await asset.text()).toBe("console.log('app')");
      expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
      expect((await fetch(`${server.url}/trpc/no.such.procedure`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/no-such-download`)).status).toBe(404);
      expect((await fetch(`${server.url}/api?format=csv`)).status).toBe(404);
      // A page whose path merely starts like a machine route is still the app.
      expect((await fetch(`${server.url}/audit?actor=admin`)).status).toBe(200);
    } finally {
      await server.stop();
      await rm(webDir, { recursive: true, force: true });
    }
  });
});
