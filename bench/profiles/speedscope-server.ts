// speedscope as a user runs it from npm: its built static app, served with the profile from one
// origin so it can fetch `#profileURL=...` without CORS.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export interface SpeedscopeServer {
  /** The page that opens the profile: speedscope's index.html with `#profileURL=`. */
  pageUrl: string;
  version: string;
  stop(): Promise<void>;
}

/** The directory of speedscope's npm package that holds the built app (index.html and its bundle). */
async function speedscopeRelease(): Promise<{ dir: string; version: string }> {
  const packageJson = createRequire(import.meta.url).resolve("speedscope/package.json");
  const { version } = JSON.parse(await readFile(packageJson, "utf8")) as { version: string };
  return { dir: path.join(path.dirname(packageJson), "dist", "release"), version };
}

export async function startSpeedscopeServer(profile: {
  fileName: string;
  bytes: Uint8Array;
}): Promise<SpeedscopeServer> {
  const release = await speedscopeRelease();
  const profilePath = `/profiles/${encodeURIComponent(profile.fileName)}`;
  const server = createServer(async (request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://localhost").pathname;
    if (urlPath === profilePath) {
      response.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "no-store" });
      response.end(profile.bytes);
      return;
    }
    const relative = path.normalize(decodeURIComponent(urlPath === "/" ? "/index.html" : urlPath)).replace(/^\/+/, "");
    const file = path.join(release.dir, relative);
    if (!file.startsWith(release.dir + path.sep)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": contentTypes[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    pageUrl: `${origin}/index.html#profileURL=${encodeURIComponent(`${origin}${profilePath}`)}`,
    version: release.version,
    stop: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
