// Worker entry: registers tsx when the build runs from TypeScript sources (tsx, vitest), then
// loads the worker module named by the parent.
import { workerData } from "node:worker_threads";

if (workerData && workerData.tsx) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import(workerData.entry);
