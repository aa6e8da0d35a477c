/**
 * JSON with object keys sorted at every depth and no whitespace, so equal values always give the
 * same text: the content hash of a change request is taken over it (the server computes the
 * sha256; core stays free of node:crypto). Properties whose value is undefined are left out, as
 * JSON.stringify does. Throws on what JSON cannot carry faithfully (NaN, Infinity, bigint,
 * functions, class instances such as Date or Map), naming where it was found.
 */
export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot carry`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => (item === undefined ? "null" : write(item, `${path}[${index}]`))).join(",")}]`;
  }
  if (typeof value === "object" && isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${write((value as Record<string, unknown>)[key], `${path}.${key}`)}`);
    return `{${entries.join(",")}}`;
  }
  const kind = typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  throw new TypeError(`canonicalJson: ${path} is a ${kind}, not plain JSON data`);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
