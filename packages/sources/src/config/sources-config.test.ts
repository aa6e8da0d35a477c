import { describe, expect, it } from "vitest";
import { defaultSourcesConfig, parseSourcesConfig } from "./sources-config.ts";

function errorOf(text: string): string {
  try {
    parseSourcesConfig(text, "sources.yaml");
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the file to be rejected");
}

describe("parseSourcesConfig", () => {
  it("reads a demo and a Prometheus source, filling the documented defaults", () => {
    const config = parseSourcesConfig(
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        "  - id: prod-eu",
        "    kind: prometheus",
        "    url: http://prometheus:9090",
      ].join("\n"),
    );
    expect(config.sources).toEqual([
      { id: "demo", kind: "demo" },
      {
        id: "prod-eu",
        kind: "prometheus",
        url: "http://prometheus:9090",
        labels: {
          region: "topology_kubernetes_io_region",
          zone: "topology_kubernetes_io_zone",
          cluster: "cluster",
          node: "node",
          service: "job",
          instance: "instance",
        },
        defaults: {},
        matchers: [],
        timeoutMs: 5_000,
        retries: 2,
        scrapeIntervalSeconds: 15,
        pprof: { timeoutMs: 10_000, maxBytes: 64 * 1024 * 1024 },
      },
    ]);
  });

  it("takes label names, matchers, auth and limits from the file", () => {
    const [source] = parseSourcesConfig(`
sources:
  - id: mimir
    kind: prometheus
    url: https://mimir.example/prometheus
    auth: { bearerToken: abc }
    labels: { service: app, cluster: k8s_cluster }
    defaults: { region: eu-west-1 }
    matchers: ['namespace=~"shop|pay"', 'job!="node"']
    timeoutMs: 2000
    retries: 0
    scrapeIntervalSeconds: 30
`).sources;
    expect(source).toMatchObject({
      auth: { bearerToken: "abc" },
      labels: { service: "app", cluster: "k8s_cluster", region: "topology_kubernetes_io_region" },
      defaults: { region: "eu-west-1" },
      matchers: ['namespace=~"shop|pay"', 'job!="node"'],
      timeoutMs: 2_000,
      retries: 0,
      scrapeIntervalSeconds: 30,
    });
  });

  it("reports every problem with its line and its path in the file", () => {
    expect(
      errorOf(`sources:
  - id: demo
    kind: demo
  - id: prod-eu
    kind: prometheus
    url: not a url
    labels:
      region: topology.kubernetes.io/region
    matchers: ['job=api']
    timeoutMs: 10
`),
    ).toBe(
      [
        "invalid sources file:",
        "sources.yaml:6: sources[1].url: must be an http:// or https:// URL",
        "sources.yaml:8: sources[1].labels.region: must be a Prometheus label name (letters, digits and '_'); relabel Kubernetes labels first, e.g. topology.kubernetes.io/region becomes topology_kubernetes_io_region",
        `sources.yaml:9: sources[1].matchers[0]: must be a label matcher like job="api" or namespace=~"shop|payments"`,
        "sources.yaml:10: sources[1].timeoutMs: Too small: expected number to be >=100",
      ].join("\n"),
    );
  });

  it("reads an etcd cluster source with its defaults, and names a bad endpoint", () => {
    const config = parseSourcesConfig(
      "sources:\n  - id: lab-etcd\n    kind: etcd\n    endpoints: [http://127.0.0.1:2379]\n",
    );
    expect(config.sources).toEqual([
      {
        id: "lab-etcd",
        kind: "etcd",
        region: "local",
        endpoints: ["http://127.0.0.1:2379"],
        timeoutMs: 2_000,
        pollIntervalMs: 1_000,
      },
    ]);
    expect(errorOf("sources:\n  - id: e\n    kind: etcd\n    endpoints: [127.0.0.1:2379]\n")).toContain(
      "sources.yaml:4: sources[0].endpoints[0]: must be an etcd client URL such as http://127.0.0.1:2379",
    );
    expect(errorOf("sources:\n  - id: e\n    kind: etcd\n    endpoints: []\n")).toContain(
      "sources.yaml:4: sources[0].endpoints: name at least one etcd endpoint",
    );
  });

  it("reads a Kubernetes source with its defaults, and names a bad label key", () => {
    const config = parseSourcesConfig(
      "sources:\n  - id: prod-k8s\n    kind: kubernetes\n    kubeconfig: /etc/fleetdeck/kubeconfig\n    contexts: [eu-1]\n",
    );
    expect(config.sources).toEqual([
      {
        id: "prod-k8s",
        kind: "kubernetes",
        kubeconfig: "/etc/fleetdeck/kubeconfig",
        contexts: ["eu-1"],
        regionLabel: "topology.kubernetes.io/region",
        zoneLabel: "topology.kubernetes.io/zone",
        timeoutMs: 5_000,
      },
    ]);
    expect(
      errorOf("sources:\n  - id: k\n    kind: kubernetes\n    kubeconfig: k.yaml\n    zoneLabel: 'zone label'\n"),
    ).toContain(
      "sources.yaml:5: sources[0].zoneLabel: must be a Kubernetes label key such as topology.kubernetes.io/region or app",
    );
  });

  it("names an unknown kind, a missing URL, a misspelt key and a duplicate id", () => {
    expect(errorOf("sources:\n  - id: a\n    kind: thanos\n")).toContain(
      'sources.yaml:3: sources[0].kind: must be "demo", "prometheus", "etcd" or "kubernetes"',
    );
    expect(errorOf("sources:\n  - id: p\n    kind: prometheus\n")).toContain(
      "sources.yaml:2: sources[0].url: is required",
    );
    const message = errorOf(
      "sources:\n  - id: a\n    kind: prometheus\n    url: http://x:9090\n    timeout: 3\n  - id: a\n    kind: demo\n",
    );
    expect(message).toContain('sources.yaml:2: sources[0]: Unrecognized key: "timeout"');
    expect(message).toContain('sources.yaml:6: sources[1].id: "a" is used twice');
    expect(errorOf("sources: []\n")).toContain("sources: declare at least one source");
    expect(errorOf("sources:\n  - id: Prod EU\n    kind: demo\n")).toContain(
      "sources[0].id: must be lowercase letters",
    );
  });

  it("reports YAML syntax errors with their line", () => {
    expect(errorOf("sources:\n  - id: a\n  kind: demo\n    x: [\n")).toMatch(/^invalid YAML:\nsources\.yaml:\d+: /);
  });

  it("never echoes a URL's credentials in an error", () => {
    expect(
      errorOf("sources:\n  - id: p\n    kind: prometheus\n    url: http://u:s3cret@prom:9090\n    retries: 9\n"),
    ).not.toContain("s3cret");
  });

  it("defaults to the demo fleet alone, with one approval per change and no freeze", () => {
    expect(defaultSourcesConfig).toEqual({
      sources: [{ id: "demo", kind: "demo" }],
      changePolicy: { defaultApprovals: 1, freezeWindows: [] },
    });
  });

  it("reads the change policy: approvals and freeze windows as ISO instants, each checked", () => {
    const config = parseSourcesConfig(
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        "changePolicy:",
        "  defaultApprovals: 2",
        "  freezeWindows:",
        "    - start: 2026-12-24T00:00:00Z",
        "      end: 2026-12-27T00:00:00+01:00",
        "      reason: holidays",
        "",
      ].join("\n"),
    );
    expect(config.changePolicy).toEqual({
      defaultApprovals: 2,
      freezeWindows: [
        { startMs: Date.parse("2026-12-24T00:00:00Z"), endMs: Date.parse("2026-12-26T23:00:00Z"), reason: "holidays" },
      ],
    });
    const bad = errorOf(
      [
        "sources:",
        "  - id: demo",
        "    kind: demo",
        "changePolicy:",
        "  freezeWindows:",
        "    - start: Christmas",
        "      end: 2026-12-20T00:00:00Z",
        "      reason: holidays",
        "",
      ].join("\n"),
    );
    expect(bad).toContain("sources.yaml:6: changePolicy.freezeWindows[0].start: must be an ISO 8601 instant");
  });
});
