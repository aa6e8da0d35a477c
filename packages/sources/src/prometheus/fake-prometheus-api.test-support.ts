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

const combinedPart = /^label_replace\((.*), "fleetdeck_query", "([^"]+)", "[^"]*", "\.\*"\)$/;

/**
 * Wraps a reply that knows single-metric queries so that it also answers the source's combined
 * query the way Prometheus evaluates it: every part on its own, the series tagged with the part's
 * key, and the whole expression failing with the first part that fails.
 */
export function answeringCombinedQueries(reply: FakeReply): FakeReply {
  return (request, response) => {
    const query = request.params.get("query") ?? "";
    const parts = query.startsWith("label_replace(") ? query.split(" or ") : null;
    if (!parts) return reply(request, response);
    const result: { metric: Record<string, string>; value: unknown }[] = [];
    for (const part of parts) {
      const [, inner = "", key = ""] = combinedPart.exec(part) ?? [];
      const params = new URLSearchParams(request.params);
      params.set("query", inner);
      const answer = capturedReply(reply, { ...request, params });
      if (answer.status !== 200) return json(response, answer.status, answer.body);
      const parsed = JSON.parse(answer.body) as {
        data: { result: { metric: Record<string, string>; value: unknown }[] };
      };
      for (const series of parsed.data.result)
        result.push({ ...series, metric: { ...series.metric, fleetdeck_query: key } });
    }
    json(response, 200, { status: "success", data: { resultType: "vector", result } });
  };
}

/** What a reply writes, without a socket. */
function capturedReply(reply: FakeReply, request: RecordedRequest): { status: number; body: string } {
  const captured = { status: 0, body: "" };
  const response = {
    writeHead(status: number) {
      captured.status = status;
      return response;
    },
    end(body?: string) {
      captured.body = body ?? "";
      return response;
    },
  };
  reply(request, response as unknown as ServerResponse);
  return captured;
}
