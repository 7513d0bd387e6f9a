// The build's layout on a second thread. ForceAtlas2's run reads and writes typed arrays only
// (lib/layout: planLayout, runLayout, applyLayout), which move to a worker without a copy; the
// main thread meanwhile writes everything of graph.json that comes after the nodes
// (writeJsonAtomicDeferred): the edges, most of the file. At 10,000 articles (2-core Xeon, warm
// cache, alternating runs) layout and write took 6.9–8.7 s instead of 10.9–12.7 s; the run beside
// the writing takes 4.2–6 s against about 4 s alone, as the two threads share the collector's core.
import type { LayoutPlan } from "../layout";
import type { LayoutTask } from "./protocol";
import { startBuildWorker } from "./worker-start";

const MODULE = "newsgraph/build";

/**
 * The layout moves to a worker from this many nodes on (NEWSGRAPH_LAYOUT_WORKER_MIN_NODES): below,
 * the run takes less than starting a worker.
 */
export const LAYOUT_WORKER_MIN_NODES = 2_000;

/** Whether a build with `jobs` threads lays out a graph of `nodes` nodes on a worker. */
export function layoutOnWorker(jobs: number, nodes: number): boolean {
  const env = process.env.NEWSGRAPH_LAYOUT_WORKER_MIN_NODES;
  let min = LAYOUT_WORKER_MIN_NODES;
  if (env !== undefined && env !== "") {
    min = Number(env);
    if (!Number.isInteger(min) || min < 0) throw new RangeError(`${MODULE}: NEWSGRAPH_LAYOUT_WORKER_MIN_NODES must be a whole number of nodes, got ${JSON.stringify(env)}`);
  }
  return jobs >= 2 && nodes >= min;
}

/** What the worker measured. */
export interface LayoutRun {
  /** The node matrix after the run (plan.nodes is handed to the worker and unusable here), or null: nothing to run. */
  nodes: Float32Array | null;
  /** The run, as the main thread saw it (start of the worker to its answer), ms. */
  ms: number;
}

/** Runs ForceAtlas2 for `plan` on a worker thread. `plan.nodes` and `plan.edges` move to it. */
export function runLayoutOnWorker(plan: LayoutPlan): Promise<LayoutRun> {
  const { nodes, edges, settings, iterations } = plan;
  if (!nodes) return Promise.resolve({ nodes: null, ms: 0 });
  const started = performance.now();
  const task: LayoutTask = { settings, iterations, nodes, edges };
  return new Promise<LayoutRun>((resolve, reject) => {
    let settled = false;
    const worker = startBuildWorker("layout-worker", { task }, [nodes.buffer as ArrayBuffer, edges.buffer as ArrayBuffer]);
    plan.nodes = null;
    const settle = (error: Error | null, result?: Float32Array) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve({ nodes: result!, ms: performance.now() - started });
    };
    worker.once("message", (reply: { nodes: Float32Array }) => settle(null, reply.nodes));
    worker.once("error", (error) => settle(new Error(`${MODULE}: the layout worker failed: ${error.message}`, { cause: error })));
    worker.once("exit", (code) => settle(new Error(`${MODULE}: the layout worker stopped (exit code ${code}) before it answered`)));
  });
}
