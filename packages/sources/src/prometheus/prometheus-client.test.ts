import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../testing/free-port.ts";
import { json, startFakePrometheusApi, vector } from "./fake-prometheus-api.test-support.ts";
import { PrometheusApiError } from "./prometheus-api-error.ts";
import { PrometheusClient, type PrometheusClientOptions } from "./prometheus-client.ts";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function fake(reply: Parameters<typeof startFakePrometheusApi>[0]) {
  const server = await startFakePrometheusApi(reply);
  stops.push(server.stop);
  return server;
}

function client(url: string, options: Partial<PrometheusClientOptions> = {}) {
  return new PrometheusClient({
    sourceId: "prod-eu",
    url,
    timeoutMs: 1_000,
    retries: 2,
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<PrometheusApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PrometheusApiError);
  return error as PrometheusApiError;
}

describe("PrometheusClient", () => {
  it("posts an instant query and parses the vector, NaN and infinities included", async () => {
    const server = await fake((_request, response) =>
      json(
        response,
        200,
        vector([
          { metric: { instance: "a" }, value: "12.5" },
          { metric: { instance: "b" }, value: "NaN" },
          { metric: { instance: "c" }, value: "+Inf" },
        ]),
      ),
    );
    const result = await client(server.url).instantQuery("go_goroutines", 1_700_000_000_500);
    expect(result.result.map((r) => r.value.value)).toEqual([12.5, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(result.result[0]?.value.timestampMs).toBe(1_700_000_000_000);
    expect(server.requests[0]).toMatchObject({ method: "POST", path: "/api/v1/query" });
    expect(server.requests[0]?.params.get("query")).toBe("go_goroutines");
    expect(server.requests[0]?.params.get("time")).toBe("1700000000.5");
  });

  it("sends several series selectors and a window", async () => {
    const server = await fake((_request, response) =>
      json(response, 200, { status: "success", data: [{ __name__: "up", job: "a" }] }),
    );
    const series = await client(server.url).series(["go_goroutines", "go_info"], { startMs: 1_000, endMs: 5_000 });
    expect(series).toEqual([{ __name__: "up", job: "a" }]);
    expect(server.requests[0]?.params.getAll("match[]")).toEqual(["go_goroutines", "go_info"]);
    expect(server.requests[0]?.params.get("start")).toBe("1");
  });

  it("fails fast and clearly when nothing listens on the port, after its retries", async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await failure(client(`http://127.0.0.1:${port}`).instantQuery("up", 0));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.failure).toBe("unreachable");
    expect(error.message).toMatch(
      new RegExp(
        `^prometheus source "prod-eu": POST /api/v1/query: cannot reach http://127.0.0.1:${port}: ECONNREFUSED.*\\(after 3 attempts\\)$`,
      ),
    );
  });

  it("gives up on a slow server at the timeout without asking again", async () => {
    const server = await fake((_request, response) => {
      setTimeout(() => json(response, 200, vector([])), 2_000);
    });
    const started = Date.now();
    const error = await failure(client(server.url, { timeoutMs: 200 }).instantQuery("up", 0));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error.failure).toBe("timeout");
    expect(error.message).toBe('prometheus source "prod-eu": POST /api/v1/query: no answer within 200 ms (timed out)');
    expect(server.requests).toHaveLength(1);
  });

  it("says a response that is not JSON is malformed, quoting its start", async () => {
    const server = await fake((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html><body>login required</body></html>");
    });
    const error = await failure(client(server.url).instantQuery("up", 0));
    expect(error.failure).toBe("malformed");
    expect(error.message).toContain('malformed response: not JSON ("<html><body>login required</body></html>")');
    expect(server.requests).toHaveLength(1);
  });

  it("says where a response of the wrong shape went wrong", async () => {
    const server = await fake((_request, response) =>
      json(response, 200, {
        status: "success",
        data: { resultType: "vector", result: [{ metric: {}, value: [1, "abc"] }] },
      }),
    );
    const error = await failure(client(server.url).instantQuery("up", 0));
    expect(error.failure).toBe("malformed");
    expect(error.message).toBe(
      'prometheus source "prod-eu": POST /api/v1/query: unexpected response shape: data.result[0].value[1]: "abc" is not a sample value',
    );
    const matrix = await fake((_request, response) =>
      json(response, 200, { status: "success", data: { resultType: "matrix", result: [] } }),
    );
    expect((await failure(client(matrix.url).instantQuery("up", 0))).message).toContain("data.resultType");
  });

  it("retries a 503 and succeeds, and does not retry bad PromQL", async () => {
    let calls = 0;
    const flaky = await fake((_request, response) => {
      calls += 1;
      if (calls === 1) json(response, 503, { status: "error", errorType: "unavailable", error: "starting" });
      else json(response, 200, vector([{ metric: {}, value: 1 }]));
    });
    expect((await client(flaky.url).instantQuery("up", 0)).result).toHaveLength(1);
    expect(flaky.requests).toHaveLength(2);

    const strict = await fake((_request, response) =>
      json(response, 400, {
        status: "error",
        errorType: "bad_data",
        error: "1:5: parse error: unclosed left parenthesis",
      }),
    );
    const error = await failure(client(strict.url).instantQuery("rate(", 0));
    expect(error.failure).toBe("query");
    expect(error.status).toBe(400);
    expect(error.message).toContain("HTTP 400: bad_data: 1:5: parse error: unclosed left parenthesis");
    expect(strict.requests).toHaveLength(1);
  });

  it("waits as long as a 429's Retry-After says, then reports the last failure with the attempt count", async () => {
    const server = await fake((_request, response) =>
      json(response, 429, { status: "error", errorType: "too_many", error: "slow down" }, { "retry-after": "0" }),
    );
    const error = await failure(client(server.url, { retries: 1 }).instantQuery("up", 0));
    expect(server.requests).toHaveLength(2);
    expect(error.message).toContain("HTTP 429: too_many: slow down (after 2 attempts)");
  });

  it("sends URL credentials as basic auth and never shows them", async () => {
    const server = await fake((_request, response) => json(response, 500, "oops"));
    const withCredentials = client(server.url.replace("http://", "http://reader:s3cret@"), { retries: 0 });
    expect(withCredentials.baseUrl).toBe(server.url);
    const error = await failure(withCredentials.instantQuery("up", 0));
    expect(error.message).not.toContain("s3cret");
    expect(server.requests[0]?.authorization).toBe(`Basic ${Buffer.from("reader:s3cret").toString("base64")}`);

    await client(server.url, { retries: 0, auth: { bearerToken: "t0ken" } })
      .instantQuery("up", 0)
      .catch(() => undefined);
    expect(server.requests[1]?.authorization).toBe("Bearer t0ken");
  });

  it("reads active targets with a GET", async () => {
    const server = await fake((_request, response) =>
      json(response, 200, {
        status: "success",
        data: {
          activeTargets: [
            {
              labels: { instance: "a:1", job: "x" },
              scrapeUrl: "http://a:1/metrics",
              health: "up",
              lastError: "",
              lastScrape: "now",
              extra: 1,
            },
          ],
        },
      }),
    );
    const targets = await client(server.url).activeTargets();
    expect(targets[0]?.scrapeUrl).toBe("http://a:1/metrics");
    expect(server.requests[0]).toMatchObject({ method: "GET", path: "/api/v1/targets" });
  });
});
