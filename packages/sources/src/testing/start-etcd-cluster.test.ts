import { access } from "node:fs/promises";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { startEtcdCluster } from "./start-etcd-cluster.ts";

async function memberNames(clientUrl: string): Promise<string[]> {
  const response = await fetch(`${clientUrl}/v3/cluster/member/list`, { method: "POST", body: "{}" });
  const list = (await response.json()) as { members: { name: string }[] };
  return list.members.map((member) => member.name).sort();
}

describe("startEtcdCluster", () => {
  it("runs three real etcd members as one cluster, restarts one, and leaves nothing behind", async () => {
    const cluster = await startEtcdCluster({ members: 3 });
    const root = dirname(cluster.members[0]?.dataDir ?? "");
    try {
      expect(cluster.members.map((member) => member.name)).toEqual(["etcd-1", "etcd-2", "etcd-3"]);
      expect(cluster.clientUrls).toEqual(cluster.members.map((member) => member.clientUrl));
      expect(new Set(cluster.members.map((member) => member.pid)).size).toBe(3);
      // Each member knows all three: they formed one cluster, not three.
      for (const member of cluster.members) {
        expect(await memberNames(member.clientUrl)).toEqual(["etcd-1", "etcd-2", "etcd-3"]);
        expect((await fetch(`${member.clientUrl}/debug/pprof/`)).status).toBe(200);
      }

      const [first] = cluster.members;
      if (!first) throw new Error("no member");
      const firstPid = first.pid as number;
      await first.stop();
      expect(first.running).toBe(false);
      expect(first.pid).toBeUndefined();
      expect(() => process.kill(firstPid, 0)).toThrow();
      await expect(fetch(`${first.clientUrl}/health`)).rejects.toThrow();

      await first.start();
      expect(first.running).toBe(true);
      expect(first.pid).not.toBe(firstPid);
      expect(await (await fetch(`${first.clientUrl}/health`)).text()).toContain('"health":"true"');
      // It came back as the same member, on its old data: still three members, not four.
      expect(await memberNames(first.clientUrl)).toEqual(["etcd-1", "etcd-2", "etcd-3"]);
    } finally {
      await cluster.stop();
    }
    for (const member of cluster.members) {
      expect(member.running).toBe(false);
      await expect(fetch(`${member.clientUrl}/health`)).rejects.toThrow();
    }
    await expect(access(root)).rejects.toThrow("ENOENT");
  }, 90_000);
});
