import { readFile } from "node:fs/promises";
import { defaultSourcesConfig, parseSourcesConfig, type SourcesConfig, SourcesConfigError } from "./sources-config.ts";

/** Reads and validates the sources file at `path`; without a path, the demo fleet alone. */
export async function readSourcesConfig(path: string | undefined): Promise<SourcesConfig> {
  if (path === undefined || path === "") return defaultSourcesConfig;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new SourcesConfigError(`cannot read sources file ${path}: ${reason}`);
  }
  return parseSourcesConfig(text, path);
}
