import { describe, expect, it } from "vitest";
import { KubernetesSourceConfig } from "./kubernetes-source-config.ts";

describe("KubernetesSourceConfig", () => {
  it("defaults to every context and namespace, the standard topology labels and a 5 s first-read bound", () => {
    expect(
      KubernetesSourceConfig.parse({ id: "prod", kind: "kubernetes", kubeconfig: "/etc/fleetdeck/kubeconfig" }),
    ).toEqual({
      id: "prod",
      kind: "kubernetes",
      kubeconfig: "/etc/fleetdeck/kubeconfig",
      regionLabel: "topology.kubernetes.io/region",
      zoneLabel: "topology.kubernetes.io/zone",
      timeoutMs: 5_000,
    });
  });

  it("takes contexts, namespaces, labels and a timeout", () => {
    const config = KubernetesSourceConfig.parse({
      id: "prod",
      kind: "kubernetes",
      kubeconfig: "kubeconfig.yaml",
      contexts: ["arn:aws:eks:eu-west-1:123456789012:cluster/prod", "kind-dev"],
      namespaces: ["shop", "payments"],
      regionLabel: "failure-domain.beta.kubernetes.io/region",
      zoneLabel: "failure-domain.beta.kubernetes.io/zone",
      instanceLabel: "app",
      timeoutMs: 2_000,
    });
    expect(config.contexts).toHaveLength(2);
    expect(config.instanceLabel).toBe("app");
  });

  it("refuses what Kubernetes would not accept, and unknown keys", () => {
    const base = { id: "prod", kind: "kubernetes", kubeconfig: "kubeconfig.yaml" };
    const issuesOf = (input: object) =>
      KubernetesSourceConfig.safeParse({ ...base, ...input }).error?.issues.map((issue) => issue.path.join("."));
    expect(issuesOf({ regionLabel: "has space" })).toEqual(["regionLabel"]);
    expect(issuesOf({ instanceLabel: "-app" })).toEqual(["instanceLabel"]);
    expect(issuesOf({ namespaces: ["Shop"] })).toEqual(["namespaces.0"]);
    expect(issuesOf({ contexts: [] })).toEqual(["contexts"]);
    expect(issuesOf({ kubeconfig: "" })).toEqual(["kubeconfig"]);
    expect(issuesOf({ timeoutMs: 10 })).toEqual(["timeoutMs"]);
    expect(issuesOf({ url: "https://10.0.0.1:6443" })).toEqual([""]);
  });
});
