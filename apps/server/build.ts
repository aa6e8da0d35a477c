// Bundles the server and CLI into dist/fleetdeck.mjs and the profile worker beside it into
// dist/profile-worker.mjs: workspace packages are compiled in, npm packages stay external. A
// bundle starts faster and uses about 80 MB less memory than running the TypeScript sources
// through tsx, which `pnpm fleetdeck` does during development.
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const root = import.meta.dirname;
const dist = path.join(root, "dist");
await rm(dist, { recursive: true, force: true });
await build({
  // The profile worker runs in worker threads, which load it by file name (profiles/profile-workers.ts).
  entryPoints: [
    { in: path.join(root, "src/cli/main.ts"), out: "fleetdeck" },
    { in: path.join(root, "src/profiles/profile-worker.ts"), out: "profile-worker" },
  ],
  outdir: dist,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "npm-packages-external",
      setup(pluginBuild) {
        // Bare imports that are not ours resolve from node_modules at run time, so every npm
        // package a workspace package imports is also a dependency of this app.
        pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@fleetdeck/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
// The storage package reads its migrations next to its code: in the bundle, next to the bundle.
await cp(path.join(root, "../../packages/db/src/migrations"), path.join(dist, "migrations"), { recursive: true });
