// Starting one of the build's worker threads. worker-boot.mjs registers tsx when the build runs
// from its TypeScript sources (tsx, vitest), then loads the worker's module from beside this one:
// `<name>.ts` there, `<name>.js` in the compiled copy (scripts/graph.mjs compiles each worker as
// an entry of its own, beside the build's module).
import { Worker, type TransferListItem } from "node:worker_threads";

/** Starts lib/build's worker module `name` (no extension), with `data` in its workerData (moving `transferList`). */
export function startBuildWorker(name: string, data: Record<string, unknown>, transferList?: TransferListItem[]): Worker {
  const boot = new URL("./worker-boot.mjs", import.meta.url);
  const typescript = import.meta.url.endsWith(".ts");
  const entry = new URL(`./${name}${typescript ? ".ts" : ".js"}`, import.meta.url).href;
  return new Worker(boot, { workerData: { ...data, entry, tsx: typescript }, ...(transferList ? { transferList } : {}) });
}
