"use client";
// Loads the GraphDocument from the API, with a retry, and derives the explorer's model from it. Errors keep the
// API's own `{ error }` message.
//
// The first request is the first view (lib/view/coverage.ts): the best connected nodes, the whole graph when it
// is within the cap. The user may then load the whole graph deliberately, and pieces fetched from the API
// (search hits, neighbourhoods, paths) are merged into the loaded document: same canvas, same view state.
//
// A large graph takes seconds: the answer is read as a stream (bytes received for the progress indicator), and
// each long step (parse and check, build the model) starts after a paint, so the indicator says which step runs.
// Before the answer starts, a server that is still reading graph.json is asked how far it has come (/api/status).
import { startTransition, useCallback, useEffect, useState } from "react";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import {
  buildModel,
  bytesReceived,
  coverageOfAnswer,
  enterStep,
  expectedBytes,
  firstViewUrl,
  initialLoadProgress,
  mergePiece,
  noteBroughtIn,
  parseServerLoad,
  serverLoad,
  STATUS_API,
  WHOLE_COVERAGE,
  WHOLE_GRAPH_URL,
  type Coverage,
  type GraphPiece,
  LOAD_MARKS,
  markLoad,
  type ExplorerModel,
  type LoadProgress,
  type ProgressProducer,
  type ServerLoad,
} from "@/lib/view";
import { nextPaint } from "./paint";

export type GraphLoad =
  | { status: "loading"; progress: LoadProgress }
  | { status: "error"; message: string }
  | {
      status: "ready";
      doc: GraphDocument;
      model: ExplorerModel;
      /** Every loaded graph gets its own id, and its own sigma (the canvas is keyed by it). */
      id: number;
      /** Where the graph came from: the API, or a file the user opened. */
      source: string;
      /** What the loaded document is of the whole graph. */
      coverage: Coverage;
    };

export interface GraphDocumentLoader {
  load: GraphLoad;
  retry: () => void;
  openDocument: (doc: GraphDocument, source: string) => void;
  /** Load the whole graph instead of the first view (a new canvas; the view state stays with the explorer). */
  loadWhole: () => void;
  /** Merge a piece fetched from the API into the loaded document (same canvas; nothing happens when it adds nothing). */
  merge: (piece: GraphPiece) => void;
}

let modelSeq = 0;

/** How long the graph's answer may take before the server is asked what it is doing, and how often then, ms. */
const STATUS_AFTER_MS = 1000;
const STATUS_EVERY_MS = 500;

/**
 * Asks the server how its read of graph.json goes (GET /api/status) once the answer has been awaited for a
 * second, then every half second, until the returned function is called or `signal` aborts.
 */
function watchServerLoad(signal: AbortSignal, onLoad: (load: ServerLoad | null) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const live = () => !stopped && !signal.aborted;
  const ask = async () => {
    try {
      const response = await fetch(STATUS_API, { signal, cache: "no-store" });
      const load = response.ok ? parseServerLoad(await response.json()) : null;
      if (live()) onLoad(load);
    } catch {
      // Nothing to show: the graph's own request says what went wrong, if anything did.
    }
    if (live()) timer = setTimeout(ask, STATUS_EVERY_MS);
  };
  timer = setTimeout(ask, STATUS_AFTER_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export async function readApiError(response: Response): Promise<string> {
  let detail = "";
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "error" in body && typeof body.error === "string") detail = body.error;
  } catch {
    // not JSON: keep the status line
  }
  return `${response.status} ${response.statusText}${detail ? `: ${detail}` : ""}`.trim();
}

/** How often (ms) the bytes received are reported: more often would re-render for nothing. */
const PROGRESS_INTERVAL = 80;

/** The body as text, reporting the bytes received as they arrive. */
async function readText(response: Response, onBytes: (received: number, total: number | null) => void): Promise<string> {
  const total = expectedBytes(response.headers);
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    const now = performance.now();
    if (now - reported >= PROGRESS_INTERVAL) {
      reported = now;
      onBytes(received, total);
    }
  }
  onBytes(received, total);
  // One decode of the whole body: decoding chunk by chunk would split multi-byte characters.
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

export function useGraphDocument(firstViewNodes: number): GraphDocumentLoader {
  const [attempt, setAttempt] = useState(0);
  const [whole, setWhole] = useState(false);
  const [load, setLoad] = useState<GraphLoad>({ status: "loading", progress: initialLoadProgress });
  const url = whole ? WHOLE_GRAPH_URL : firstViewUrl(firstViewNodes);

  useEffect(() => {
    const controller = new AbortController();
    const aborted = () => controller.signal.aborted;
    const progress = (producer: ProgressProducer) => setLoad((l) => (l.status === "loading" ? { status: "loading", progress: producer(l.progress) } : l));
    (async () => {
      try {
        markLoad(LOAD_MARKS.request);
        // The first load takes over the page's preload of the graph (app/page.tsx), which a "no-store" request
        // would not (the API's own Cache-Control decides what the browser keeps). A retry (the graph was
        // rebuilt, or the server failed) asks the server again: "no-cache" revalidates whatever is kept.
        const stopWatching = watchServerLoad(controller.signal, (server) => progress(serverLoad(server)));
        let response: Response;
        try {
          response = await fetch(url, { signal: controller.signal, cache: attempt === 0 ? "default" : "no-cache" });
        } finally {
          stopWatching();
        }
        if (!response.ok) throw new Error(await readApiError(response));
        const text = await readText(response, (received, total) => progress(bytesReceived(received, total)));
        markLoad(LOAD_MARKS.received);
        progress(enterStep("read"));
        await nextPaint();
        if (aborted()) return;
        const raw: unknown = JSON.parse(text);
        markLoad(LOAD_MARKS.parsed);
        const doc = parseGraphDocument(raw, url);
        const coverage = whole ? WHOLE_COVERAGE : coverageOfAnswer(raw, firstViewNodes);
        markLoad(LOAD_MARKS.checked);
        // Relations as the explorer counts them: co-mentions are a layer apart.
        const relations = doc.graph.edges.reduce((n, e) => (e.attributes.type === "CO_MENTIONED" ? n : n + 1), 0);
        progress(enterStep("build", { nodes: doc.graph.nodes.length, edges: relations }));
        await nextPaint();
        if (aborted()) return;
        const model = buildModel(doc);
        markLoad(LOAD_MARKS.built);
        // A transition: the canvas code (next/dynamic) is already loaded, but mounting it suspends once; in
        // a transition React waits the few microtasks instead of showing the fallback, whose replacement it
        // would hold back for 300 ms (its throttling of Suspense reveals).
        startTransition(() => setLoad({ status: "ready", doc, model, id: ++modelSeq, source: "server", coverage }));
      } catch (error) {
        if (aborted()) return;
        setLoad({ status: "error", message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => controller.abort();
  }, [url, attempt, whole, firstViewNodes]);

  const retry = useCallback(() => {
    setLoad({ status: "loading", progress: initialLoadProgress });
    setAttempt((n) => n + 1);
  }, []);

  /**
   * Show a graph the user opened (already checked with parseGraphDocument). Built at once: the canvas of the
   * previous graph must not stay on screen (and ready) while the new one is prepared.
   */
  const openDocument = useCallback(
    (doc: GraphDocument, source: string) => setLoad({ status: "ready", doc, model: buildModel(doc), id: ++modelSeq, source, coverage: WHOLE_COVERAGE }),
    [],
  );

  const loadWhole = useCallback(() => {
    setLoad({ status: "loading", progress: initialLoadProgress });
    setWhole(true);
  }, []);

  // The same id: the canvas stays (and with it the camera); it is handed the grown graph.
  const merge = useCallback(
    (piece: GraphPiece) =>
      setLoad((l) => {
        if (l.status !== "ready") return l;
        const doc = mergePiece(piece)(l.doc);
        if (doc === l.doc) return l;
        const added = doc.graph.nodes.slice(l.doc.graph.nodes.length).map((node) => node.key);
        return { ...l, doc, model: buildModel(doc), coverage: noteBroughtIn(added)(l.coverage) };
      }),
    [],
  );

  return { load, retry, openDocument, loadWhole, merge };
}
