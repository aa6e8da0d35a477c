// Serves a built directory (the bench's page) from 127.0.0.1 on a free port.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface StaticServer {
  origin: string;
  stop(): Promise<void>;
}

export async function serveDirectory(dir: string): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://localhost").pathname;
    const relative = path.normalize(decodeURIComponent(urlPath === "/" ? "/index.html" : urlPath)).replace(/^\/+/, "");
    const file = path.join(dir, relative);
    if (!file.startsWith(dir + path.sep)) {
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
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
