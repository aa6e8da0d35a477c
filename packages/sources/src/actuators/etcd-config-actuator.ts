import { canonicalJson, DesiredConfig, sameDesiredConfig } from "@fleetdeck/core";
import { type ConfigActuator, ConfigConflictError, type InstanceConfigState } from "./config-actuator.ts";
import { AgentStatus, type ParsedValue, parseStoredValue } from "./config-centre-values.ts";
import { type Compare, createEtcdGatewayClient, type RequestOp, type StoredKey } from "./etcd-gateway-client.ts";

export interface EtcdConfigActuatorOptions {
  id: string;
  /** Client URLs of the etcd members, tried in order when one does not answer. */
  endpoints: readonly string[];
  /** Roots the keys; "/fleetdeck" when absent, as the Go agent's default. */
  prefix?: string;
  /** Per etcd request and endpoint; 5 s when absent. */
  timeoutMs?: number;
}

/** What read() reports for an instance, plus why its agent refused the newest desired value. */
export interface EtcdInstanceConfigState extends InstanceConfigState {
  /** The agent's own words when it did not apply the newest desired config; null otherwise. */
  reportedError: string | null;
}

/** A ConfigActuator whose read() also says why an agent refused a desired config. */
export interface EtcdConfigActuator extends ConfigActuator {
  read(serviceId: string, instanceIds: readonly string[]): Promise<EtcdInstanceConfigState[]>;
}

/** A value under the actuator's keys that is not what the agent and the console write. */
export class ConfigCentreValueError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`etcd key ${key} holds an invalid value: ${problem}`);
    this.name = "ConfigCentreValueError";
  }
}

/** Changing values can make apply() retry; after this many rounds it gives up and says so. */
const maxApplyRounds = 3;

/**
 * etcd as a config centre. Each instance's desired config lives at
 * `<prefix>/config/<service>/<instance>` (canonical JSON of DesiredConfig) and its agent
 * (agents/go) reports at `<prefix>/status/<service>/<instance>` what it applied (AgentStatus).
 *
 * apply() writes all of a call's instances in one etcd transaction guarded by revision checks:
 * it reads the keys, checks each holds `expected` (compared as canonical JSON, so key order does
 * not matter), and commits only if none of the keys changed since that read. A key that already
 * holds the new config is left alone, so repeating a write changes nothing. etcd limits a
 * transaction to 128 operations by default (--max-txn-ops): larger batches are refused by etcd.
 *
 * read() takes one snapshot of both key ranges of the service. `observed` is the config the agent
 * says it runs, whatever desired revision it came from; the rollout controller decides
 * convergence by comparing it with `desired`.
 */
export function createEtcdConfigActuator(options: EtcdConfigActuatorOptions): EtcdConfigActuator {
  const prefix = (options.prefix ?? "/fleetdeck").replace(/\/+$/, "");
  if (!prefix.startsWith("/")) throw new Error(`etcd config actuator ${options.id}: the prefix must start with '/'`);
  const etcd = createEtcdGatewayClient({ endpoints: options.endpoints, timeoutMs: options.timeoutMs ?? 5_000 });
  const desiredPrefix = (serviceId: string) => `${prefix}/config/${keySegment(serviceId, "service")}/`;
  const statusPrefix = (serviceId: string) => `${prefix}/status/${keySegment(serviceId, "service")}/`;

  return {
    id: options.id,

    async apply(serviceId, writes) {
      if (writes.length === 0) return;
      const keyPrefix = desiredPrefix(serviceId);
      const planned = writes.map((write) => ({
        instanceId: write.instanceId,
        config: validConfig(write.config, `the desired config for instance ${write.instanceId}`),
        expected:
          write.expected === null
            ? null
            : validConfig(write.expected, `the expected config for instance ${write.instanceId}`),
        key: keyPrefix + keySegment(write.instanceId, "instance"),
      }));
      const duplicate = planned.find((write, index) => planned.findIndex((w) => w.key === write.key) !== index);
      if (duplicate) throw new Error(`apply to ${serviceId}: instance ${duplicate.instanceId} is written twice`);
      const where = `etcd config actuator ${options.id} (${keyPrefix})`;
      const operation = `apply to ${keyPrefix}`;
      const reads: RequestOp[] = planned.map((write) => ({ kind: "get", key: write.key }));

      let current = (await etcd.txn({ compare: [], success: reads, failure: [] }, operation)).ranges;
      for (let round = 1; round <= maxApplyRounds; round++) {
        const compare: Compare[] = [];
        const puts: RequestOp[] = [];
        const conflicts: { instanceId: string; found: DesiredConfig | null }[] = [];
        const invalid: string[] = [];
        planned.forEach((write, index) => {
          const stored = current[index]?.[0];
          const held = stored ? parseStoredValue(stored.value, DesiredConfig) : null;
          if (held?.ok && sameDesiredConfig(held.value, write.config)) return;
          if (held === null ? write.expected === null : held.ok && sameDesiredConfig(held.value, write.expected)) {
            compare.push(
              stored ? { key: write.key, modRevisionEquals: stored.modRevision } : { key: write.key, absent: true },
            );
            puts.push({ kind: "put", key: write.key, value: canonicalJson(write.config) });
            return;
          }
          conflicts.push({ instanceId: write.instanceId, found: held?.ok ? held.value : null });
          if (held && !held.ok) invalid.push(`${write.key} holds an invalid value: ${held.problem}`);
        });
        if (conflicts.length > 0) {
          throw new ConfigConflictError(conflicts, invalid.length > 0 ? `${where} (${invalid.join("; ")})` : where);
        }
        if (puts.length === 0) return;
        const outcome = await etcd.txn({ compare, success: puts, failure: reads }, operation);
        if (outcome.succeeded) return;
        // A key moved between the read and the commit: judge again on what it holds now. Only a
        // value other than expected (or the new config) is a conflict; a rewrite of the same
        // value is not.
        current = outcome.ranges;
      }
      throw new Error(`${where}: the keys kept changing during ${maxApplyRounds} attempts to write them`);
    },

    async read(serviceId, instanceIds) {
      const ids = instanceIds.map((instanceId) => keySegment(instanceId, "instance"));
      const [desiredKeys = [], statusKeys = []] = (
        await etcd.txn(
          {
            compare: [],
            success: [
              { kind: "getPrefix", prefix: desiredPrefix(serviceId) },
              { kind: "getPrefix", prefix: statusPrefix(serviceId) },
            ],
            failure: [],
          },
          `read ${desiredPrefix(serviceId)} and ${statusPrefix(serviceId)}`,
        )
      ).ranges;
      const desired = byInstance(desiredKeys, desiredPrefix(serviceId));
      const status = byInstance(statusKeys, statusPrefix(serviceId));
      return ids.map((instanceId) => {
        const desiredKey = desired.get(instanceId);
        const statusKey = status.get(instanceId);
        const reported = statusKey ? valueOrThrow(statusKey, parseStoredValue(statusKey.value, AgentStatus)) : null;
        return {
          instanceId,
          desired: desiredKey ? valueOrThrow(desiredKey, parseStoredValue(desiredKey.value, DesiredConfig)) : null,
          observed: reported?.applied ?? null,
          observedAtMs: reported?.atMs ?? null,
          reportedError: reported?.error ?? null,
        };
      });
    },
  };
}

function validConfig(config: DesiredConfig, what: string): DesiredConfig {
  const parsed = DesiredConfig.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`${what} is invalid: ${issues}`);
  }
  return parsed.data;
}

/** Ids become key segments: a '/' would move the key to another service or instance. */
function keySegment(id: string, what: string): string {
  if (id.length === 0 || id.includes("/")) throw new Error(`a ${what} id must be non-empty without '/': "${id}"`);
  return id;
}

/** The keys directly under `keyPrefix`, by their last segment (the instance id). */
function byInstance(keys: readonly StoredKey[], keyPrefix: string): Map<string, StoredKey> {
  const result = new Map<string, StoredKey>();
  for (const stored of keys) {
    const rest = stored.key.slice(keyPrefix.length);
    if (rest.length > 0 && !rest.includes("/")) result.set(rest, stored);
  }
  return result;
}

function valueOrThrow<T>(stored: StoredKey, parsed: ParsedValue<T>): T {
  if (!parsed.ok) throw new ConfigCentreValueError(stored.key, parsed.problem);
  return parsed.value;
}
