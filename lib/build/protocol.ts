// Messages between the build's main thread and its per-article workers.
import type { ArticleInput } from "../extract/types";
import type { CodecMode } from "./codec";

export interface WorkerInit {
  /** The publisher list the gazetteer is built from (as extractCorpus passes it). */
  publishers: string[];
  mode: CodecMode;
}

export interface WorkerTask {
  batch: number;
  items: Array<{ index: number; article: ArticleInput; key: string; checkTokens: boolean }>;
}

export interface WorkerReply {
  batch: number;
  results: Array<{ index: number; encoded: string }>;
  error?: { message: string; codec: boolean };
}

/** The layout worker's task (lib/build/layout.ts): ForceAtlas2's settings and matrices, moved to it. */
export interface LayoutTask {
  settings: Record<string, unknown>;
  iterations: number;
  nodes: Float32Array;
  edges: Float32Array;
}
