import { describe, expect, it } from "vitest";
import {
  diffFlameGraphUrl,
  flameGraphUrl,
  profileDownloadUrl,
  profileNameOfFile,
  profileUploadUrl,
  routeErrorOf,
  sandwichUrl,
} from "./profile-requests.ts";

describe("binary route addresses", () => {
  it("asks for the whole profile's flame graph with only the settings that are set", () => {
    expect(flameGraphUrl("p1", {}, [])).toBe("/api/profiles/p1/flame");
    expect(flameGraphUrl("p1", { sampleType: "alloc_space", inverted: true, focus: "^net/http", hide: "" }, [])).toBe(
      "/api/profiles/p1/flame?sampleType=alloc_space&inverted=1&focus=%5Enet%2Fhttp",
    );
  });

  it("sends a zoom path as a JSON array of names", () => {
    const url = flameGraphUrl("p1", { inverted: false }, ["main.main", "net/http.(*conn).serve"]);
    expect(new URL(url, "http://x").searchParams.get("path")).toBe('["main.main","net/http.(*conn).serve"]');
    expect(url).not.toContain("inverted");
  });

  it("names both profiles of a diff, and the function of a sandwich", () => {
    const diff = new URL(diffFlameGraphUrl("a", "b", { sampleType: "cpu" }, ["main"]), "http://x");
    expect(diff.pathname).toBe("/api/profiles/diff/flame");
    expect(Object.fromEntries(diff.searchParams)).toEqual({
      base: "a",
      target: "b",
      sampleType: "cpu",
      path: '["main"]',
    });
    const sandwich = new URL(sandwichUrl("p 1", "runtime.mallocgc", "callers", undefined), "http://x");
    expect(sandwich.pathname).toBe("/api/profiles/p%201/sandwich");
    expect(Object.fromEntries(sandwich.searchParams)).toEqual({ function: "runtime.mallocgc", view: "callers" });
  });

  it("downloads and uploads by id and name", () => {
    expect(profileDownloadUrl("p1")).toBe("/api/profiles/p1/download");
    expect(profileUploadUrl("heap", "etcd-0")).toBe("/api/profiles/upload?name=heap&instanceId=etcd-0");
    expect(profileUploadUrl("heap", undefined)).toBe("/api/profiles/upload?name=heap");
  });

  it("names an uploaded profile after its file without the extension", () => {
    expect(profileNameOfFile("etcd-heap.pb.gz")).toBe("etcd-heap");
    expect(profileNameOfFile("cpu.pb")).toBe("cpu");
    expect(profileNameOfFile(".pb.gz")).toBe("profile");
  });
});

describe("binary route errors", () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

  it("carries the server's message and a tRPC-style code", async () => {
    const error = await routeErrorOf(json(400, { error: "focus is not a valid regular expression" }));
    expect(error.message).toBe("focus is not a valid regular expression");
    expect(error.data.code).toBe("BAD_REQUEST");
    expect((await routeErrorOf(json(404, { error: "no profile p9" }))).data.code).toBe("NOT_FOUND");
    expect((await routeErrorOf(json(401, { error: "sign in" }))).data.code).toBe("UNAUTHORIZED");
    expect((await routeErrorOf(json(503, { error: "busy" }))).data.code).toBe("INTERNAL_SERVER_ERROR");
  });

  it("adds the detail when there is one", async () => {
    const error = await routeErrorOf(json(403, { error: "cross-origin request refused", detail: "must come from x" }));
    expect(error.message).toBe("cross-origin request refused: must come from x");
  });

  it("falls back to the status when the body is not JSON", async () => {
    const error = await routeErrorOf(
      new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    );
    expect(error.message).toBe("502 Bad Gateway");
  });
});
