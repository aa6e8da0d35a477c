const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** A uint64 id as pprof-format returns it (number or bigint) in one canonical form for lookups. */
export function idKey(id: number | bigint): number | bigint {
  if (typeof id === "number") return id;
  const unsigned = BigInt.asUintN(64, id);
  return unsigned <= maxSafe ? Number(unsigned) : unsigned;
}

/**
 * Maps the ids of a profile's table (mappings, functions, locations) to positions. Go writes ids
 * 1..n, so those go to a dense array; any other id falls back to a Map, as pprof itself does.
 */
export class IdIndex {
  readonly #dense: Int32Array;
  readonly #sparse = new Map<number | bigint, number>();

  constructor(count: number) {
    this.#dense = new Int32Array(count + 1).fill(-1);
  }

  /** Records id → position; false when the id is already taken. */
  set(id: number | bigint, position: number): boolean {
    const key = idKey(id);
    if (typeof key === "number" && key < this.#dense.length) {
      if (this.#dense[key] !== -1) return false;
      this.#dense[key] = position;
      return true;
    }
    if (this.#sparse.has(key)) return false;
    this.#sparse.set(key, position);
    return true;
  }

  /** The position of id, or -1 when the table has no such id. */
  get(id: number | bigint): number {
    const key = typeof id === "number" ? id : idKey(id);
    if (typeof key === "number" && key < this.#dense.length) return this.#dense[key]!;
    return this.#sparse.get(key) ?? -1;
  }
}
