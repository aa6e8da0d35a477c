import type { PlacementSnapshot } from "./placement.ts";
import { type PlacementLevel, selectionKeyOf } from "./placement-rollup.ts";

export type PlacementMatchKind = PlacementLevel | "instance";

/** One thing the map's search found: what it is, and what of it matched the query. */
export interface PlacementMatch {
  kind: PlacementMatchKind;
  id: string;
  name: string;
  /** The map's selection key for it, e.g. `instance:checkout-eu-1-7`. */
  selectionKey: string;
  /** What matched, as a person reads it: "id", "name", "service checkout", "label tier=critical". */
  matchedOn: string;
}

export interface PlacementSearchResult {
  /** The best matches, best first. */
  matches: PlacementMatch[];
  /** How many things matched in all. */
  total: number;
}

/** How well a text matched (lower is better): whole, from its start, or somewhere inside. */
const Quality = { Exact: 0, Prefix: 1, Inside: 2 } as const;
type Quality = (typeof Quality)[keyof typeof Quality];

/** What matched (lower ranks first): the thing's own id or name, then its service, then a label. */
const Field = { Own: 0, Service: 1, Label: 2 } as const;
type Field = (typeof Field)[keyof typeof Field];

const kindRank: Record<PlacementMatchKind, number> = { region: 0, zone: 1, cluster: 2, node: 3, instance: 4 };

function quality(text: string, query: string): Quality | null {
  const lower = text.toLowerCase();
  if (lower === query) return Quality.Exact;
  if (lower.startsWith(query)) return Quality.Prefix;
  return lower.includes(query) ? Quality.Inside : null;
}

/** The better of two qualities (lower is better); null when neither matched. */
const better = (a: Quality | null, b: Quality | null): Quality | null =>
  a === null ? b : b === null ? a : (Math.min(a, b) as Quality);

interface Ranked {
  match: PlacementMatch;
  /** Sort key: quality, field, kind, unhealthy first, order found. */
  rank: number[];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Finds what the map's search box names: regions, zones, clusters and nodes by id or name,
 * instances by id, by service (id or name) or by a label's value, or by `key=value` for a label.
 * Case does not matter. Matches rank by how well they match (whole text, then prefix, then
 * inside), then by what matched (own id or name, then service, then label), then larger places
 * first, and unhealthy instances before healthy ones, so "checkout" flies to checkout's worst
 * instance. One pass; only the best `limit` are kept in order.
 */
export function searchPlacement(snapshot: PlacementSnapshot, rawQuery: string, limit = 20): PlacementSearchResult {
  const query = rawQuery.trim().toLowerCase();
  if (query === "") return { matches: [], total: 0 };
  const kept: Ranked[] = [];
  let total = 0;
  let found = 0;

  const offer = (
    kind: PlacementMatchKind,
    id: string,
    name: string,
    matched: { quality: Quality; field: Field; on: string },
    unhealthy = false,
  ) => {
    total++;
    const rank = [matched.quality, matched.field, kindRank[kind], unhealthy ? 0 : 1, found++];
    if (kept.length === limit && compareRanks(rank, kept[kept.length - 1]?.rank ?? []) >= 0) return;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareRanks(kept[middle]?.rank ?? [], rank) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, {
      match: { kind, id, name, selectionKey: selectionKeyOf(kind, id), matchedOn: matched.on },
      rank,
    });
    if (kept.length > limit) kept.pop();
  };

  const ownMatch = (id: string, name: string) => {
    const byId = quality(id, query);
    const byName = quality(name, query);
    const best = better(byId, byName);
    if (best === null) return null;
    return { quality: best, field: Field.Own, on: byId === best ? "id" : "name" };
  };

  const places: [PlacementLevel, readonly { id: string; name: string }[]][] = [
    ["region", snapshot.regions],
    ["zone", snapshot.zones],
    ["cluster", snapshot.clusters],
    ["node", snapshot.nodes],
  ];
  for (const [kind, list] of places) {
    for (const place of list) {
      const matched = ownMatch(place.id, place.name);
      if (matched) offer(kind, place.id, place.name, matched);
    }
  }

  const labelQuery = parseLabelQuery(query);
  const serviceQuality = new Map<string, Quality | null>();
  for (const service of snapshot.services)
    serviceQuality.set(service.id, better(quality(service.id, query), quality(service.name, query)));

  for (const instance of snapshot.instances) {
    // The best of what matched: its id, its service, a label; on a tie, the earlier of those.
    let best: { quality: Quality; field: Field; on: string } | null = null;
    const byId = quality(instance.id, query);
    if (byId !== null) best = { quality: byId, field: Field.Own, on: "id" };
    const byService = serviceQuality.get(instance.serviceId) ?? quality(instance.serviceId, query);
    if (byService !== null && (best === null || byService < best.quality))
      best = { quality: byService, field: Field.Service, on: `service ${instance.serviceId}` };
    if (best?.quality !== Quality.Exact) {
      const byLabel = labelMatch(instance.labels, query, labelQuery);
      if (byLabel && (best === null || byLabel.quality < best.quality)) best = { ...byLabel, field: Field.Label };
    }
    if (best) offer("instance", instance.id, instance.id, best, !instance.healthy);
  }
  return { matches: kept.map((entry) => entry.match), total };
}

function parseLabelQuery(query: string): { key: string; value: string } | null {
  const at = query.indexOf("=");
  if (at <= 0) return null;
  return { key: query.slice(0, at).trim(), value: query.slice(at + 1).trim() };
}

/** A label whose value matches the query, or, for `key=value`, that label with a matching value. */
function labelMatch(
  labels: Readonly<Record<string, string>>,
  query: string,
  labelQuery: { key: string; value: string } | null,
): { quality: Quality; on: string } | null {
  if (labelQuery) {
    for (const key in labels) {
      if (key.toLowerCase() !== labelQuery.key) continue;
      const value = labels[key] ?? "";
      const matched = labelQuery.value === "" ? Quality.Exact : quality(value, labelQuery.value);
      if (matched !== null) return { quality: matched, on: `label ${key}=${value}` };
    }
    return null;
  }
  let best: { quality: Quality; on: string } | null = null;
  for (const key in labels) {
    const value = labels[key] ?? "";
    const matched = quality(value, query);
    if (matched !== null && (best === null || matched < best.quality))
      best = { quality: matched, on: `label ${key}=${value}` };
  }
  return best;
}
