import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeProfile } from "@fleetdeck/pprof";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

describe("the demo fleet over HTTP, for a real Prometheus", () => {
  let server: TestServer;
  let readToken: string;
  let instanceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    readToken = (await server.caller.apiTokens.create({ name: "prometheus", roles: ["viewer"] })).token;
    const [first] = (await server.caller.fleet.catalog()).catalog?.services ?? [];
    if (!first) throw new Error("empty demo fleet");
    const service = await server.caller.fleet.service({ serviceId: first.id });
    instanceId = service.instances[0]?.instance.id ?? "";
  });
  afterAll(async () => {
    await server?.stop();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("serves an instance's metrics in the Prometheus text format to an API token", async () => {
    const response = await fetch(`${server.url}/demo/metrics/${instanceId}`, { headers: bearer(readToken) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const body = await response.text();
    expect(body).toMatch(/^# HELP go_goroutines /m);
    expect(body).toMatch(/^go_goroutines \d+/m);
    expect(body).toMatch(/^go_gc_duration_seconds\{quantile="1"\} /m);
  });

  it("serves an instance's pprof profiles to an API token, as net/http/pprof does", async () => {
    const response = await fetch(`${server.url}/demo/pprof/${instanceId}/heap`, { headers: bearer(readToken) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    const profile = decodeProfile(new Uint8Array(await response.arrayBuffer()), { label: "demo heap" });
    expect(profile.sampleTypes.map((t) => t.type)).toEqual([
      "alloc_objects",
      "alloc_space",
      "inuse_objects",
      "inuse_space",
    ]);

    const started = Date.now();
    const cpu = await fetch(`${server.url}/demo/pprof/${instanceId}/profile?seconds=1`, { headers: bearer(readToken) });
    expect(cpu.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(decodeProfile(new Uint8Array(await cpu.arrayBuffer()), { label: "demo cpu" }).durationNanos).toBe(1e9);

    const unknown = await fetch(`${server.url}/demo/pprof/${instanceId}/trace`, { headers: bearer(readToken) });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('no profile "trace"');
  });

  it("answers 404 for an instance the demo fleet does not have", async () => {
    const response = await fetch(`${server.url}/demo/metrics/no-such-instance`, { headers: bearer(readToken) });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('no demo instance "no-such-instance"');
  });

  it("lists every instance as an http_sd target at the address the request came to", async () => {
    const response = await server.fetchAsAdmin("/demo/targets");
    expect(response.status).toBe(200);
    const groups = (await response.json()) as Array<{ targets: string[]; labels: Record<string, string> }>;
    const catalog = await server.caller.fleet.catalog();
    const instances = catalog.catalog?.services.reduce((sum, s) => sum + s.instances, 0);
    expect(groups).toHaveLength(instances ?? -1);
    const group = groups.find((g) => g.labels.instance === instanceId);
    expect(group?.targets).toEqual([new URL(server.url).host]);
    expect(group?.labels.__metrics_path__).toBe(`/demo/metrics/${instanceId}`);
    expect(group?.labels.fleetdeck_pprof_url).toBe(`${server.url}/demo/pprof/${instanceId}`);
  });

  it("refuses requests without credentials or with an unknown token", async () => {
    for (const pathName of [`/demo/metrics/${instanceId}`, `/demo/pprof/${instanceId}/heap`, "/demo/targets"]) {
      const anonymous = await fetch(`${server.url}${pathName}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
      const forged = await fetch(`${server.url}${pathName}`, { headers: bearer("fdk_not-a-real-token") });
      expect(forged.status).toBe(401);
    }
  });
});

describe("the demo fleet over HTTP when it is not a configured source", () => {
  let dir: string;
  let server: TestServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "fleetdeck-demo-routes-"));
    const file = path.join(dir, "sources.yaml");
    await writeFile(
      file,
      "sources:\n  - id: prod\n    kind: prometheus\n    url: http://127.0.0.1:9\n    retries: 0\n",
    );
    server = await startTestServer({ FLEETDECK_SOURCES_FILE: file });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers 404 to a signed-in reader", async () => {
    for (const pathName of ["/demo/metrics/anything", "/demo/targets"]) {
      const response = await server.fetchAsAdmin(pathName);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("the demo fleet is not one of the configured sources");
    }
  });
});
