import { writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";

export interface ReplayContext {
  name: string;
  server: string;
  token: string | null;
}

/**
 * A kubeconfig (the format kubectl reads) with one context, cluster and user per replay server.
 * The servers speak plain HTTP on 127.0.0.1, like `kubectl proxy`; client-node then wants
 * insecure-skip-tls-verify set.
 */
export function replayKubeconfigYaml(contexts: readonly ReplayContext[]): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: contexts.map((context) => ({
      name: `${context.name}-cluster`,
      cluster: { server: context.server, "insecure-skip-tls-verify": true },
    })),
    users: contexts.map((context) => ({
      name: `${context.name}-user`,
      user: context.token === null ? {} : { token: context.token },
    })),
    contexts: contexts.map((context) => ({
      name: context.name,
      context: { cluster: `${context.name}-cluster`, user: `${context.name}-user` },
    })),
    "current-context": contexts[0]?.name ?? "",
  });
}

export async function writeReplayKubeconfig(directory: string, contexts: readonly ReplayContext[]): Promise<string> {
  const file = path.join(directory, "kubeconfig.yaml");
  await writeFile(file, replayKubeconfigYaml(contexts), "utf8");
  return file;
}
