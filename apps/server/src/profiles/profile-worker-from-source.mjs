// The worker thread's entry when the server runs from its TypeScript sources (development, tests).
// Node 20 does not apply the tsx loader of the main thread to worker threads, so the worker loads
// its module through tsx's API. The bundled server uses dist/profile-worker.mjs instead.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./profile-worker.ts", import.meta.url);

export const { summarize, top, flame, sandwich, diffFlame, diffTop } = worker;
