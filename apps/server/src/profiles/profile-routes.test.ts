import { readFile } from "node:fs/promises";
import path from "node:path";
import { computeTop, decodeFlameGraph, type FlameGraph, sampleTypeIndexOf } from "@fleetdeck/core";
import { queryAudit } from "@fleetdeck/db";
import { decodeProfile } from "@fleetdeck/pprof";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../testing/test-server.ts";

const fixturesDir = path.join(import.meta.dirname, "../../../../packages/pprof/fixtures");
const fixture = (name: string) => readFile(path.join(fixturesDir, name));

/** Small enough that an oversized body is cheap to send, big enough for every fixture. */
const maxUploadBytes = 400_000;

describe("profile routes", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let cpuBytes: Buffer;
  let cpuId: string;
  let viewerCookie: string;
  const viewer = { username: "vera", password: "looks at flame graphs all day" };

  beforeAll(async () => {
    server = await startTestServer({ FLEETDECK_PROFILE_MAX_BYTES: String(maxUploadBytes) });
    await server.caller.users.create({ ...viewer, roles: ["viewer"] });
    viewerCookie = await server.signIn(viewer);
    cpuBytes = await fixture("etcd-cpu.pb.gz");
    cpuId = await upload("etcd-cpu", cpuBytes);
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function upload(name: string, bytes: Uint8Array, query = ""): Promise<string> {
    const response = await uploadAsAdmin(bytes, `name=${encodeURIComponent(name)}${query}`);
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  const uploadAsAdmin = (bytes: Uint8Array, query: string, headers: Record<string, string> = {}) =>
    server.fetchAsAdmin(`/api/profiles/upload?${query}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", ...headers },
      body: bytes,
    });

  async function flameOf(pathAndQuery: string): Promise<FlameGraph> {
    const response = await server.fetchAsAdmin(pathAndQuery);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    return decodeFlameGraph(new Uint8Array(await response.arrayBuffer()));
  }

  async function errorOf(response: Response): Promise<{ status: number; error: string }> {
    return { status: response.status, error: ((await response.json()) as { error: string }).error };
  }

  const storedCount = async () => (await server.caller.profiles.list({ limit: 200 })).profiles.length;

  it("store an upload with what the list shows, and audit it", async () => {
    const meta = await server.caller.profiles.get({ id: cpuId });
    const decoded = decodeProfile(cpuBytes, { label: "etcd-cpu" });
    expect(meta).toMatchObject({
      id: cpuId,
      name: "etcd-cpu",
      kind: null,
      origin: "upload",
      instanceId: null,
      sampleTypes: decoded.sampleTypes,
      defaultSampleType: decoded.sampleTypes[decoded.defaultSampleTypeIndex]?.type,
      sizeBytes: cpuBytes.byteLength,
      createdBy: "admin",
      durationSeconds: decoded.durationNanos / 1e9,
      capturedAt: new Date(decoded.timeMs).toISOString(),
    });
    expect(meta.totals).toEqual(decoded.sampleTypes.map((_, t) => computeTop(decoded, t).total));
    expect((await server.caller.profiles.list({})).profiles.map((p) => p.id)).toContain(cpuId);
    const audit = await queryAudit(server.services.db, { action: "profile.upload", entityId: cpuId, limit: 5 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: "admin", entityType: "profile", after: { name: "etcd-cpu" } });
  });

  it("record where the instance named by an upload runs, and keep an unknown instance id as given", async () => {
    const [instance] = (await server.services.demo.source.inventory()).instances;
    if (!instance) throw new Error("the demo fleet has no instance");
    const knownId = await upload("known", cpuBytes, `&instanceId=${instance.id}`);
    expect(await server.caller.profiles.get({ id: knownId })).toMatchObject({
      instanceId: instance.id,
      service: instance.serviceId,
      labels: { region: instance.regionId, cluster: instance.clusterId, source: "demo" },
    });
    const goneId = await upload("gone", cpuBytes, "&instanceId=retired-7");
    expect(await server.caller.profiles.get({ id: goneId })).toMatchObject({
      instanceId: "retired-7",
      service: null,
      labels: {},
    });
  });

  it("answer the top table exactly as core computes it, for the default and a named sample type", async () => {
    const decoded = decodeProfile(cpuBytes, { label: "etcd-cpu" });
    expect(await server.caller.profiles.top({ id: cpuId })).toEqual(computeTop(decoded, sampleTypeIndexOf(decoded)));
    const samples = await server.caller.profiles.top({ id: cpuId, sampleType: "samples" });
    expect(samples).toEqual(computeTop(decoded, sampleTypeIndexOf(decoded, "samples")));
    await expect(server.caller.profiles.top({ id: cpuId, sampleType: "bogus" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/no sample type "bogus" \(it has: samples, cpu\)/),
    });
  });

  it("send a flame graph whose root is the whole profile, and zoom into a frame by its path", async () => {
    const decoded = decodeProfile(cpuBytes, { label: "etcd-cpu" });
    const total = computeTop(decoded, sampleTypeIndexOf(decoded)).total;
    const graph = await flameOf(`/api/profiles/${cpuId}/flame`);
    expect(graph.kind).toBe("single");
    expect(graph.profileTotal).toBe(total);
    expect(graph.nodeTotal[0]).toBe(total);
    expect(graph.rootPath).toEqual([]);

    const inverted = await flameOf(`/api/profiles/${cpuId}/flame?inverted=1`);
    expect(inverted.nodeTotal[0]).toBe(total);

    // The biggest child of the root, zoomed into: it becomes node 0 with the same total.
    let biggest = -1;
    for (let node = 1; node < graph.nodeTotal.length; node++) {
      if (graph.nodeParent[node] === 0 && (biggest < 0 || graph.nodeTotal[node]! > graph.nodeTotal[biggest]!)) {
        biggest = node;
      }
    }
    const name = graph.strings[graph.nodeName[biggest]!]!;
    const zoomed = await flameOf(`/api/profiles/${cpuId}/flame?path=${encodeURIComponent(JSON.stringify([name]))}`);
    expect(zoomed.rootPath).toEqual([name]);
    expect(zoomed.nodeTotal[0]).toBe(graph.nodeTotal[biggest]);

    // A deep link to a frame the profile does not have shows an empty graph, not an error.
    const unknownFrame = encodeURIComponent(JSON.stringify(["no.such.function"]));
    const empty = await flameOf(`/api/profiles/${cpuId}/flame?path=${unknownFrame}`);
    expect(empty.rootPath).toEqual(["no.such.function"]);
    expect(empty.nodeTotal[0]).toBe(0);

    const small = await flameOf(`/api/profiles/${cpuId}/flame?maxNodes=20`);
    expect(small.nodeTotal.length).toBeLessThanOrEqual(20);
    expect(small.nodeTotal[0]).toBe(total);
  });

  it("refuse a flame request it cannot answer, saying which parameter is wrong", async () => {
    const get = (query: string) => server.fetchAsAdmin(`/api/profiles/${cpuId}/flame?${query}`).then(errorOf);
    expect(await get("focus=(")).toMatchObject({ status: 400, error: expect.stringMatching(/^focus: not a regular/) });
    expect(await get("path=main.main")).toMatchObject({
      status: 400,
      error: expect.stringMatching(/path: must be a JSON array/),
    });
    expect(await get("maxNodes=0")).toMatchObject({ status: 400, error: expect.stringMatching(/maxNodes/) });
    expect(await get("sampleType=alloc_space")).toMatchObject({
      status: 400,
      error: expect.stringMatching(/alloc_space/),
    });
    const unknown = await server.fetchAsAdmin("/api/profiles/0b6f5c56-2a55-4a55-8f6e-7d1c2bb0c001/flame").then(errorOf);
    expect(unknown).toEqual({ status: 404, error: 'no profile with id "0b6f5c56-2a55-4a55-8f6e-7d1c2bb0c001"' });
    expect((await server.fetchAsAdmin("/api/profiles/not-an-id/flame")).status).toBe(404);
  });

  it("send the callers of a function rooted at that function", async () => {
    const decoded = decodeProfile(cpuBytes, { label: "etcd-cpu" });
    const top = computeTop(decoded, sampleTypeIndexOf(decoded));
    const busiest = [...top.functions].sort((a, b) => b.cum - a.cum).find((fn) => fn.flat > 0);
    if (!busiest) throw new Error("the fixture has no function with samples of its own");
    for (const view of ["callers", "callees"]) {
      const graph = await flameOf(
        `/api/profiles/${cpuId}/sandwich?function=${encodeURIComponent(busiest.name)}&view=${view}`,
      );
      expect(graph.nodeTotal[0], view).toBe(busiest.cum);
    }
    const missingView = await server.fetchAsAdmin(`/api/profiles/${cpuId}/sandwich?function=x`).then(errorOf);
    expect(missingView).toMatchObject({ status: 400, error: expect.stringMatching(/view/) });
  });

  it("send a diff flame graph of two profiles that share a sample type, and refuse one they do not share", async () => {
    const heapId = await upload("etcd-heap", await fixture("etcd-heap.pb.gz"));
    const allocsId = await upload("etcd-allocs", await fixture("etcd-allocs.pb.gz"));
    const diff = await flameOf(`/api/profiles/diff/flame?base=${heapId}&target=${allocsId}&sampleType=alloc_space`);
    expect(diff.kind).toBe("diff");
    expect(diff.sampleType.type).toBe("alloc_space");
    expect(diff.baseTotal).toBeDefined();

    const diffTop = await server.caller.profiles.diffTop({
      baseId: heapId,
      targetId: allocsId,
      sampleType: "alloc_space",
    });
    expect(diffTop).toBeDefined();

    const mismatched = await server
      .fetchAsAdmin(`/api/profiles/diff/flame?base=${heapId}&target=${cpuId}`)
      .then(errorOf);
    expect(mismatched).toMatchObject({
      status: 400,
      error: expect.stringMatching(/"etcd-heap" has no sample type "cpu"/),
    });
  });

  it("download the original bytes, named after the profile", async () => {
    const response = await server.fetchAsAdmin(`/api/profiles/${cpuId}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="etcd-cpu.pb.gz"');
    expect(Buffer.from(await response.arrayBuffer()).equals(cpuBytes)).toBe(true);

    // Not gzipped in, not gzipped out, and named so.
    const { gunzipSync } = await import("node:zlib");
    const plain = gunzipSync(cpuBytes);
    const plainId = await upload("etcd cpu/raw", plain);
    const plainDownload = await server.fetchAsAdmin(`/api/profiles/${plainId}/download`);
    expect(plainDownload.headers.get("content-disposition")).toBe('attachment; filename="etcd_cpu_raw.pb"');
    expect(Buffer.from(await plainDownload.arrayBuffer()).equals(plain)).toBe(true);
  });

  it("refuse what is not a profile, and store nothing", async () => {
    const before = await storedCount();
    const junk = await uploadAsAdmin(new TextEncoder().encode("<html>not found</html>"), "name=junk").then(errorOf);
    expect(junk).toMatchObject({ status: 400, error: expect.stringMatching(/^junk: not a pprof profile/) });
    const truncated = await uploadAsAdmin(cpuBytes.subarray(0, 1_000), "name=cut").then(errorOf);
    expect(truncated).toMatchObject({ status: 400, error: expect.stringMatching(/^cut: .*truncated/) });
    const empty = await uploadAsAdmin(new Uint8Array(0), "name=empty").then(errorOf);
    expect(empty).toMatchObject({ status: 400, error: expect.stringMatching(/body: empty/) });
    const tooBig = await uploadAsAdmin(new Uint8Array(maxUploadBytes + 1), "name=big").then(errorOf);
    expect(tooBig).toMatchObject({ status: 413, error: expect.stringMatching(/larger than the .* upload limit/) });
    const wrongType = await uploadAsAdmin(cpuBytes, "name=json", { "content-type": "application/json" }).then(errorOf);
    expect(wrongType).toMatchObject({ status: 415, error: expect.stringMatching(/application\/octet-stream/) });
    expect(await storedCount()).toBe(before);
  });

  it("let only operators upload, from our own origin when with a cookie, and anyone signed in read", async () => {
    const before = await storedCount();
    const asViewer = await fetch(`${server.url}/api/profiles/upload?name=v`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", cookie: viewerCookie, origin: server.url },
      body: cpuBytes,
    }).then(errorOf);
    expect(asViewer).toMatchObject({ status: 403, error: expect.stringMatching(/"operate" permission/) });
    const anonymous = await fetch(`${server.url}/api/profiles/upload?name=a`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: cpuBytes,
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await fetch(`${server.url}/api/profiles/upload?name=x`, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        cookie: await server.signIn(),
        origin: "https://evil.example",
      },
      body: cpuBytes,
    }).then(errorOf);
    expect(crossSite).toMatchObject({ status: 403, error: "cross-origin request refused" });
    // An operator whose password an admin reset may look, not act, until they choose a new one.
    const pending = { username: "pat", password: "a password the admin chose" };
    const { id: pendingId } = await server.caller.users.create({ ...pending, roles: ["operator"] });
    await server.caller.users.resetPassword({ userId: pendingId, password: pending.password });
    const pendingUpload = await fetch(`${server.url}/api/profiles/upload?name=p`, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        cookie: await server.signIn(pending),
        origin: server.url,
      },
      body: cpuBytes,
    }).then(errorOf);
    expect(pendingUpload).toMatchObject({ status: 403, error: expect.stringMatching(/^change your password first/) });
    expect(await storedCount()).toBe(before);

    const viewerRead = await fetch(`${server.url}/api/profiles/${cpuId}/flame`, { headers: { cookie: viewerCookie } });
    expect(viewerRead.status).toBe(200);
    expect((await fetch(`${server.url}/api/profiles/${cpuId}/download`)).status).toBe(401);

    // A script with an operator's token needs no origin.
    const { token } = await server.caller.apiTokens.create({ name: "ci", roles: ["operator"] });
    const scripted = await fetch(`${server.url}/api/profiles/upload?name=from-ci`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", authorization: `Bearer ${token}` },
      body: cpuBytes,
    });
    expect(scripted.status).toBe(201);
  });

  it("list newest first in pages, by filter, and delete with an audit row", async () => {
    const goroutineId = await upload("goroutines", await fixture("prom-goroutine.pb.gz"));
    const all = (await server.caller.profiles.list({ limit: 200 })).profiles;
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await server.caller.profiles.list({ limit: 2, cursor });
      ids.push(...page.profiles.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(all.map((p) => p.id));
    const capturedAt = all.map((p) => Date.parse(p.capturedAt));
    expect(capturedAt).toEqual([...capturedAt].sort((a, b) => b - a));
    await expect(server.caller.profiles.list({ cursor: "garbage" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(server.caller.profiles.list({ limit: 201 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await server.caller.profiles.delete({ id: goroutineId });
    await expect(server.caller.profiles.get({ id: goroutineId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await server.fetchAsAdmin(`/api/profiles/${goroutineId}/download`)).status).toBe(404);
    const error = await server.caller.profiles.delete({ id: goroutineId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    const audit = await queryAudit(server.services.db, { action: "profile.delete", entityId: goroutineId, limit: 5 });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]?.before).toMatchObject({ name: "goroutines" });
  });
});
