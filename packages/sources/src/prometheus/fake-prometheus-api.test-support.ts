import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface RecordedRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  authorization: string | undefined;
}

export type FakeReply = (request: RecordedRequest, response: ServerResponse) => void;

/**
 * An HTTP server that answers like a broken Prometheus: slow, malformed, failing. A real
 * Prometheus cannot be made to misbehave on cue, so these cases alone use a stand-in.
 */
export async function startFakePrometheusApi(reply: FakeReply) {
  const requests: RecordedRequest[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const params = new URLSearchParams(request.method === "POST" ? body : url.search);
      const recorded = {
        method: request.method ?? "",
        path: url.pathname,
        params,
        authorization: request.headers.authorization,
      };
      requests.push(recorded);
      reply(recorded, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

export function vector(result: { metric: Record<string, string>; value: number | string }[]) {
  return {
    status: "success",
    data: {
      resultType: "vector",
      result: result.map(({ metric, value }) => ({ metric, value: [1_700_000_000, String(value)] })),
    },
  };
}
