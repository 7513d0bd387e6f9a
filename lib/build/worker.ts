// A per-article stage worker (worker_threads): builds the same gazetteer as the main thread,
// then analyzes the batches of articles it is sent and answers with their encoded analyses.
import { parentPort, workerData } from "node:worker_threads";
import { buildGazetteer } from "../extract";
import { CodecError } from "./codec";
import { analyzeEncoded, type StageContext } from "./stage";
import type { WorkerInit, WorkerReply, WorkerTask } from "./protocol";

const init = (workerData as { init: WorkerInit }).init;
const ctx: StageContext = {
  gazetteer: buildGazetteer(init.publishers),
  mode: init.mode,
  // The main thread writes what the workers send it to the cache (lib/build/cache.ts: one pack per build).
  cache: null,
};

parentPort!.on("message", (task: WorkerTask) => {
  const results: WorkerReply["results"] = [];
  try {
    for (const item of task.items) {
      results.push({ index: item.index, encoded: analyzeEncoded(ctx, item.article, item.key, item.checkTokens) });
    }
    parentPort!.postMessage({ batch: task.batch, results } satisfies WorkerReply);
  } catch (error) {
    const reply: WorkerReply = {
      batch: task.batch,
      results,
      error: { message: error instanceof Error ? error.message : String(error), codec: error instanceof CodecError },
    };
    parentPort!.postMessage(reply);
  }
});
parentPort!.postMessage({ ready: true });
