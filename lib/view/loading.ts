// How far a graph load has come, for the progress indicator: a plain object changed by pure producers.
// A large graph (5,000 entities, 25,000 relations: ~10 MB of JSON) takes seconds between the request and the
// first drawn frame; the user is told which step it is in (download, read, build, draw) and, while the
// answer arrives, how much of it has come.
//
// The marks the loader and the canvas leave in the page's performance timeline (performance.mark) carry the
// same steps, so the page benchmark can say where the time goes.

import type { GraphLoadState, GraphLoadStatus } from "../graph/types";

/** Where the explorer reads the whole graph. */
export const GRAPH_API = "/api/graph";

/** Where it asks how far the server's own read of graph.json has come (server/routes/status.ts). */
export const STATUS_API = "/api/status";

export type LoadStep = "download" | "read" | "build" | "draw";

export const LOAD_STEPS: readonly LoadStep[] = ["download", "read", "build", "draw"];

export interface LoadProgress {
  step: LoadStep;
  /** Bytes of the answer received so far (as decoded: what the page reads). */
  received: number;
  /** The answer's size when the server tells it; null when unknown (the download part is then indeterminate). */
  total: number | null;
  /** Entities and relations of the graph, once it has been read. */
  nodes: number | null;
  edges: number | null;
  /** What the server said it is doing while the answer had not started (null: not asked, or nothing to tell). */
  server: ServerLoad | null;
}

/** The server's read of graph.json, from GET /api/status (its `graph`, the fields the page shows). */
export type ServerLoad = Pick<GraphLoadStatus, "state" | "bytesRead" | "totalBytes">;

// Every GraphLoadState, once: the Record makes a state added to the type a compile error here until it is listed.
const SERVER_STATES = Object.keys({ idle: 0, reading: 0, checking: 0, indexing: 0, ready: 0, failed: 0 } satisfies Record<GraphLoadState, 0>);

/** The ServerLoad in a GET /api/status answer, or null when the answer is not one (an older server, a proxy's page). */
export function parseServerLoad(answer: unknown): ServerLoad | null {
  const graph = answer !== null && typeof answer === "object" ? (answer as { graph?: unknown }).graph : undefined;
  if (graph === null || typeof graph !== "object") return null;
  const { state, bytesRead, totalBytes } = graph as Record<string, unknown>;
  if (typeof state !== "string" || !SERVER_STATES.includes(state)) return null;
  if (typeof bytesRead !== "number" || !Number.isFinite(bytesRead) || bytesRead < 0) return null;
  if (totalBytes !== null && (typeof totalBytes !== "number" || !Number.isFinite(totalBytes) || totalBytes < 0)) return null;
  return { state: state as ServerLoad["state"], bytesRead, totalBytes: totalBytes as number | null };
}

export const initialLoadProgress: LoadProgress = Object.freeze({ step: "download", received: 0, total: null, nodes: null, edges: null, server: null }) as LoadProgress;

export type ProgressProducer = (progress: LoadProgress) => LoadProgress;

/** More of the answer has arrived. */
export const bytesReceived =
  (received: number, total: number | null): ProgressProducer =>
  (p) => {
    const size = total ?? p.total;
    // A size the answer has already outgrown was wrong: the rest of the download is indeterminate.
    return { ...p, step: "download", received, total: size !== null && size >= received ? size : null };
  };

/** What the server said it is doing; kept only while no byte of the answer has come. */
export const serverLoad =
  (server: ServerLoad | null): ProgressProducer =>
  (p) => (p.step === "download" && p.received === 0 ? { ...p, server } : p);

/** The next step; the graph's size once known. */
export const enterStep =
  (step: LoadStep, size?: { nodes: number; edges: number }): ProgressProducer =>
  (p) => ({ ...p, step, nodes: size?.nodes ?? p.nodes, edges: size?.edges ?? p.edges });

/**
 * Share of the whole load each step stands for (it sums to 100): measured on a 5,000 × 25,000 graph in headless
 * Chromium, where drawing the first frame is the longest part.
 */
const STEP_SHARE: Record<LoadStep, number> = { download: 30, read: 15, build: 15, draw: 40 };

/** Where the bar stands, 0–100; null while the download runs and its size is unknown (indeterminate). */
export function progressPercent(p: LoadProgress): number | null {
  let before = 0;
  for (const step of LOAD_STEPS) {
    if (step === p.step) break;
    before += STEP_SHARE[step];
  }
  if (p.step !== "download") return before;
  if (p.total === null || p.total <= 0) return null;
  return Math.round(STEP_SHARE.download * Math.min(1, p.received / p.total));
}

/** "850 kB", "9.5 MB" (decimal units, one decimal from 1 MB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** What the graph holds, once read: "5,000 entities and 25,000 relations". */
function sizeText(p: LoadProgress): string {
  return p.nodes === null || p.edges === null ? "the graph" : `${count(p.nodes, "entity", "entities")} and ${count(p.edges, "relation", "relations")}`;
}

/** The sentence under the bar (also the bar's aria-valuetext). */
export function progressText(p: LoadProgress): string {
  switch (p.step) {
    case "download":
      if (p.received === 0) return p.server ? serverText(p.server) : "Loading the graph…";
      return p.total !== null ? `Loading the graph… ${formatBytes(p.received)} of ${formatBytes(p.total)}` : `Loading the graph… ${formatBytes(p.received)} received`;
    case "read":
      return `Reading the graph (${formatBytes(p.received)})…`;
    case "build":
      return `Preparing ${sizeText(p)}…`;
    case "draw":
      return `Drawing ${sizeText(p)}…`;
  }
}

/** The server's read of a large graph.json takes seconds before the answer starts: which step it is in. */
function serverText(server: ServerLoad): string {
  switch (server.state) {
    case "reading":
      return server.totalBytes ? `The server is reading the graph… ${formatBytes(server.bytesRead)} of ${formatBytes(server.totalBytes)}` : "The server is reading the graph…";
    case "checking":
      return "The server is checking the graph…";
    case "indexing":
      return "The server is indexing the graph…";
    case "ready":
      return "The server is preparing the first view…";
    default:
      // Nothing read yet, or a failed read (the graph request itself says why).
      return "Loading the graph…";
  }
}

/**
 * The answer's size as the page will read it, from the response headers: `x-newsgraph-json-bytes` when the
 * server sends it (it holds for a compressed answer too), else Content-Length of an uncompressed answer
 * (a compressed one's Content-Length counts compressed bytes, not what the reader receives). Null when unknown.
 */
export function expectedBytes(headers: { get(name: string): string | null }): number | null {
  const parse = (value: string | null) => {
    if (value === null || !/^\d+$/.test(value.trim())) return null;
    const n = Number(value);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  };
  const declared = parse(headers.get("x-newsgraph-json-bytes"));
  if (declared !== null) return declared;
  const encoding = (headers.get("content-encoding") ?? "").trim().toLowerCase();
  return encoding === "" || encoding === "identity" ? parse(headers.get("content-length")) : null;
}

/** Performance-timeline marks of a load (see scripts/browser/bench-page.ts). */
export const LOAD_MARKS = {
  request: "newsgraph:request",
  received: "newsgraph:received",
  parsed: "newsgraph:parsed",
  checked: "newsgraph:checked",
  built: "newsgraph:built",
  drawStart: "newsgraph:draw-start",
  drawn: "newsgraph:drawn",
  ready: "newsgraph:ready",
} as const;

/** Leaves a mark in the page's performance timeline (nothing outside a browser). */
export function markLoad(name: (typeof LOAD_MARKS)[keyof typeof LOAD_MARKS]): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(name);
}

/** What a screen reader is told (once per step: the bytes received are left to the bar's value text). */
export function progressAnnouncement(p: LoadProgress): string {
  return p.step === "download" ? "Loading the graph…" : progressText(p);
}
