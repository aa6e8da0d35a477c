import type { StartedEtcd } from "./start-etcd.ts";

export interface EtcdLoadOptions {
  seconds: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Bytes per value: larger values make etcd allocate more per put. */
  valueBytes?: number;
}

/**
 * Keeps etcd busy writing for a while, so a CPU profile taken meanwhile shows etcd's own work
 * (raft, the WAL, bbolt, the gRPC gateway). Writes go through etcd's HTTP/JSON gateway
 * (`/v3/kv/put`, base64 keys and values): Debian's etcd-server ships no etcdctl. Returns how many
 * puts succeeded; the first failure stops the load and is thrown.
 */
export async function putLoad(
  etcd: Pick<StartedEtcd, "clientUrl">,
  options: EtcdLoadOptions,
): Promise<{ puts: number }> {
  const deadline = Date.now() + options.seconds * 1000;
  const value = Buffer.alloc(options.valueBytes ?? 256, "v").toString("base64");
  let puts = 0;
  const worker = async (workerIndex: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const key = Buffer.from(`/fleetdeck-load/${workerIndex}/${n % 1000}`).toString("base64");
      const response = await fetch(`${etcd.clientUrl}/v3/kv/put`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key, value }),
      });
      if (!response.ok) throw new Error(`etcd put failed: HTTP ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      puts++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  return { puts };
}
