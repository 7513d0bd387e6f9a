// The layout worker (worker_threads): ForceAtlas2's iterations on the matrices it is handed
// (lib/build/layout.ts), while the main thread writes the edges of graph.json.
import { parentPort, workerData } from "node:worker_threads";
import { runLayout } from "../layout";
import type { LayoutTask } from "./protocol";

const { settings, iterations, nodes, edges } = (workerData as { task: LayoutTask }).task;
runLayout(settings, iterations, nodes, edges);
parentPort!.postMessage({ nodes }, [nodes.buffer as ArrayBuffer]);
