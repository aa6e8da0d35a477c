import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSourcesConfig } from "./read-sources-config.ts";
import { defaultSourcesConfig } from "./sources-config.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fleetdeck-sources-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readSourcesConfig", () => {
  it("uses the demo fleet when no file is given", async () => {
    expect(await readSourcesConfig(undefined)).toBe(defaultSourcesConfig);
    expect(await readSourcesConfig("")).toBe(defaultSourcesConfig);
  });

  it("reads and validates a file, naming it in errors", async () => {
    const good = join(dir, "sources.yaml");
    await writeFile(good, "sources:\n  - id: prod\n    kind: prometheus\n    url: http://127.0.0.1:9090\n");
    expect((await readSourcesConfig(good)).sources[0]).toMatchObject({ id: "prod", url: "http://127.0.0.1:9090" });

    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "sources:\n  - id: prod\n    kind: prometheus\n    url: ftp://x\n");
    await expect(readSourcesConfig(bad)).rejects.toThrow(
      `${bad}:4: sources[0].url: must be an http:// or https:// URL`,
    );
  });

  it("says when the file cannot be read", async () => {
    const missing = join(dir, "nope.yaml");
    await expect(readSourcesConfig(missing)).rejects.toThrow(`cannot read sources file ${missing}: ENOENT`);
  });
});
