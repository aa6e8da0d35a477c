import { describe, expect, it } from "vitest";
import { formatWorkload, namespacedKey, resolveWorkload } from "./owner-resolution.ts";

describe("resolveWorkload", () => {
  const replicaSetOwners = new Map([
    [namespacedKey("shop", "checkout-7d9f8b6c5"), { kind: "Deployment", name: "checkout" }],
    [namespacedKey("shop", "standalone-rs"), null],
  ]);

  it("follows a ReplicaSet owner up to its Deployment", () => {
    const pod = { namespace: "shop", owner: { kind: "ReplicaSet", name: "checkout-7d9f8b6c5" } };
    expect(resolveWorkload(pod, replicaSetOwners)).toEqual({ kind: "Deployment", name: "checkout" });
  });

  it("looks the ReplicaSet up in the pod's own namespace", () => {
    const pod = { namespace: "staging", owner: { kind: "ReplicaSet", name: "checkout-7d9f8b6c5" } };
    expect(resolveWorkload(pod, replicaSetOwners)).toEqual({ kind: "ReplicaSet", name: "checkout-7d9f8b6c5" });
  });

  it("keeps a ReplicaSet that no Deployment owns, or that is not known yet", () => {
    expect(
      resolveWorkload({ namespace: "shop", owner: { kind: "ReplicaSet", name: "standalone-rs" } }, replicaSetOwners),
    ).toEqual({ kind: "ReplicaSet", name: "standalone-rs" });
    expect(
      resolveWorkload({ namespace: "shop", owner: { kind: "ReplicaSet", name: "unseen-5f6d" } }, replicaSetOwners),
    ).toEqual({ kind: "ReplicaSet", name: "unseen-5f6d" });
  });

  it("takes direct owners as they are and a bare pod as having none", () => {
    expect(
      resolveWorkload({ namespace: "shop", owner: { kind: "StatefulSet", name: "ledger" } }, replicaSetOwners),
    ).toEqual({ kind: "StatefulSet", name: "ledger" });
    expect(resolveWorkload({ namespace: "shop", owner: null }, replicaSetOwners)).toBeNull();
  });

  it("formats as Kind/name", () => {
    expect(formatWorkload({ kind: "DaemonSet", name: "node-exporter" })).toBe("DaemonSet/node-exporter");
    expect(formatWorkload(null)).toBeNull();
  });
});
