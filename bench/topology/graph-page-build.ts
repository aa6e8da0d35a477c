// Builds the bench's page (graph-page/) with the web app's own Vite and React plugin, into a
// temporary directory. React and elkjs resolve from the web app's dependencies, as in the app.
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const webDir = path.join(repoRoot, "apps/web");
const fromWeb = createRequire(path.join(webDir, "package.json"));

/** A module as the web app resolves it (so the bench needs no dependencies of its own). */
async function importFromWeb<T>(specifier: string): Promise<T> {
  return (await import(pathToFileURL(fromWeb.resolve(specifier)).href)) as T;
}

/** The directory of a package the web app depends on. */
const packageDir = (name: string) => path.dirname(fromWeb.resolve(`${name}/package.json`));

export async function buildGraphPage(): Promise<string> {
  const vite = await importFromWeb<typeof import("vite")>("vite");
  const react = (await importFromWeb<{ default: () => import("vite").PluginOption }>("@vitejs/plugin-react")).default;
  const outDir = await mkdtemp(path.join(tmpdir(), "fleetdeck-graph-bench-"));
  const pageDir = path.join(import.meta.dirname, "graph-page");
  await vite.build({
    root: pageDir,
    configFile: false,
    logLevel: "warn",
    plugins: [react()],
    resolve: {
      alias: [
        { find: /^react$/, replacement: path.join(packageDir("react"), "index.js") },
        { find: /^react\/(.*)$/, replacement: `${packageDir("react")}/$1` },
        { find: /^react-dom\/(.*)$/, replacement: `${packageDir("react-dom")}/$1` },
        { find: /^elkjs\/(.*)$/, replacement: `${packageDir("elkjs")}/$1` },
      ],
    },
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  return outDir;
}
