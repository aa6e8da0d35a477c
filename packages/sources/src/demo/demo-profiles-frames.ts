import type { StackFrame } from "@fleetdeck/pprof";
import { hashString } from "./random.ts";

/**
 * Where the demo's Go sources would live: one module with a package tree per service, as in
 * `shop.example/fleet/internal/checkout/handler.(*Server).ServeGet`.
 */
const demoModule = "shop.example/fleet";
const goRoot = "/usr/local/go/src";

/** A call path written root first, as one reads a flame graph; samples want it leaf first. */
export type CallPath = readonly string[];

/** The import path of a Go symbol: up to the last '/', then up to the first '.'. */
export function goPackageOf(symbol: string): string {
  const slash = symbol.lastIndexOf("/");
  const dot = symbol.indexOf(".", slash + 1);
  return dot < 0 ? symbol : symbol.slice(0, dot);
}

/** A symbol in one service's package tree: servicePackage("checkout", "handler") + ".(*Server).ServeGet". */
export function servicePackage(serviceId: string, subPackage: string): string {
  return `${demoModule}/internal/${serviceId}/${subPackage}`;
}

/**
 * The file a Go symbol lives in: the standard library's under GOROOT, the demo's under its
 * build directory, one file per package named after it. The line is stable per symbol, so the
 * same frame always reads the same in every profile.
 */
function frameOf(symbol: string): StackFrame {
  const packagePath = goPackageOf(symbol);
  const fileName = `${packagePath.slice(packagePath.lastIndexOf("/") + 1)}.go`;
  const file = packagePath.startsWith(demoModule)
    ? `/build/${packagePath.slice(demoModule.length + 1)}/${fileName}`
    : `${goRoot}/${packagePath}/${fileName}`;
  return { name: symbol, file, line: 20 + (hashString(symbol) % 600) };
}

/** The frames of a call path, leaf first, as ProfileBuilder.addSample takes them. */
export function stackOf(path: CallPath): StackFrame[] {
  return path.map(frameOf).reverse();
}

/** A call path and its share of what a profile measures (shares of one profile sum to 1). */
export interface WeightedPath {
  path: CallPath;
  share: number;
}

/** Scales shares so they sum to `total`, dropping empty ones: recipes list relative weights. */
export function normalised(paths: readonly WeightedPath[], total = 1): WeightedPath[] {
  const sum = paths.reduce((acc, { share }) => acc + Math.max(0, share), 0);
  if (sum <= 0) return [];
  return paths.filter(({ share }) => share > 0).map(({ path, share }) => ({ path, share: (share / sum) * total }));
}
