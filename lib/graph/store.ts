// Server-side loading of graph.json and the article texts (Node only: uses node:fs).
// Not re-exported from lib/graph/index.ts so that client code importing types or helpers
// from "@/lib/graph" never pulls node:fs into a browser bundle.
//
//   NEWSGRAPH_GRAPH     graph file   (default <cwd>/graph-data/graph.json)
//   NEWSGRAPH_ARTICLES  articles dir (default <cwd>/graph-data/articles)

import { statSync } from "node:fs";
import { realpath, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { isWebUrl, parseGraphDocument, type ArticleMeta, type GraphDocument } from "../contract";
import { JsonSyntaxError, readJsonFileAsync } from "../jsonfile";
import { BadRequestError, GraphUnavailableError, NotFoundError } from "./errors";
import { createMemoryQueries } from "./memory";
import type { ArticleText, GraphLoadStatus, GraphQueries } from "./types";
import { show } from "./utils";

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads and checks a graph.json. Throws GraphUnavailableError naming the file when it is
 * missing, unreadable, not JSON, or breaks the contract.
 */
export async function loadGraphDocument(
  file: string,
  progress: { onBytes?: (bytesRead: number, totalBytes: number) => void; onChecking?: () => void } = {},
): Promise<GraphDocument> {
  let value: unknown;
  try {
    // Large files are parsed in chunks (past V8's longest string, a graph.json of ≈ 15,000 articles,
    // they must be), one per turn of the event loop: the server answers other requests meanwhile.
    value = await readJsonFileAsync(file, { onBytes: progress.onBytes });
  } catch (error) {
    if (errorCode(error) === "ENOENT") {
      throw new GraphUnavailableError(`graph file ${show(file)} not found; build it with \`npm run graph\``);
    }
    if (error instanceof JsonSyntaxError) throw new GraphUnavailableError(`graph file ${show(file)} is not valid JSON: ${errorMessage(error)}`);
    throw new GraphUnavailableError(`cannot read graph file ${show(file)}: ${errorMessage(error)}`);
  }
  // Checking a large document takes seconds: requests waiting since the last chunk go first.
  progress.onChecking?.();
  await nextTurn();
  try {
    return parseGraphDocument(value, file);
  } catch (error) {
    // parseGraphDocument already names the file and the first violation.
    throw new GraphUnavailableError(errorMessage(error));
  }
}

export interface GraphStore {
  /** Absolute path of graph.json. */
  readonly file: string;
  /** Absolute path of the articles folder. */
  readonly articlesDir: string;
  /** mtime of graph.json when it was loaded. */
  readonly mtimeMs: number;
  readonly queries: GraphQueries;
  /** An article's metadata and raw text; NotFoundError for an id not in graph.json or a file outside the articles folder. */
  readArticle(id: string): Promise<ArticleText>;
}

// The turbopackIgnore comments stop Next's file tracer from bundling the whole project for
// these run-time paths; next.config.js already includes graph-data/** for the API routes.
export function graphFilePath(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.NEWSGRAPH_GRAPH || path.join(process.cwd(), "graph-data", "graph.json"),
  );
}

export function articlesDirPath(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.NEWSGRAPH_ARTICLES || path.join(process.cwd(), "graph-data", "articles"),
  );
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  // ".." or "../…" leaves the folder; "..archive/a.txt" (a name starting with two dots) does not.
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** Builds a store over an already loaded document (also used by tests and scripts). */
export function createGraphStore(doc: GraphDocument, options: { file: string; articlesDir: string; mtimeMs?: number }): GraphStore {
  const queries = createMemoryQueries(doc);
  const articles = new Map<string, ArticleMeta>(doc.articles.map((article) => [article.id, article]));
  const articlesDir = path.resolve(options.articlesDir);

  async function readArticle(id: string): Promise<ArticleText> {
    if (typeof id !== "string" || id.length === 0) throw new BadRequestError(`article id must be a non-empty string, got ${show(id)}`, "id");
    // Only ids listed in graph.json are served: the id is never used to build a path.
    const article = articles.get(id);
    if (!article) throw new NotFoundError(`unknown article ${show(id)}`);
    // The file name comes from graph.json; still refuse anything that leaves the folder,
    // lexically first and then after resolving symbolic links.
    const file = path.resolve(articlesDir, article.file);
    if (!isInside(articlesDir, file)) {
      throw new NotFoundError(`article ${show(id)} has file ${show(article.file)} outside the articles folder`);
    }
    let realFile: string;
    let realDir: string;
    try {
      realDir = await realpath(articlesDir);
      realFile = await realpath(file);
    } catch (error) {
      if (errorCode(error) === "ENOENT") throw new NotFoundError(`article ${show(id)}: file ${show(article.file)} not found in the articles folder`);
      throw new GraphUnavailableError(`cannot read article ${show(id)}: ${errorMessage(error)}`);
    }
    if (!isInside(realDir, realFile)) {
      throw new NotFoundError(`article ${show(id)} has file ${show(article.file)} outside the articles folder`);
    }
    let text: string;
    try {
      // A folder or a FIFO where the article was would fail or hang the read.
      if (!(await stat(realFile)).isFile()) throw new NotFoundError(`article ${show(id)}: ${show(article.file)} is not a regular file`);
      text = await readFile(realFile, "utf8");
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      throw new GraphUnavailableError(`cannot read article ${show(id)} (${show(article.file)}): ${errorMessage(error)}`);
    }
    const served = structuredClone(article);
    // The page links `url` as "original": only a web address may become a link.
    if (served.url !== null && !isWebUrl(served.url)) served.url = null;
    return { article: served, text };
  }

  return { file: path.resolve(options.file), articlesDir, mtimeMs: options.mtimeMs ?? 0, queries, readArticle };
}

interface CacheEntry {
  file: string;
  articlesDir: string;
  stamp: string;
  /** The file's size when its load started. */
  bytes: number;
  store: Promise<GraphStore>;
}

/** The latest load, finished or not. */
let cache: CacheEntry | null = null;
/** The latest load that finished, answered from while a newer large graph.json loads. */
let ready: CacheEntry | null = null;
/** The latest load that failed while a graph was held: not tried again until the file changes. */
let failedBeside: CacheEntry | null = null;

/**
 * A graph.json at least this large (NEWSGRAPH_RELOAD_IN_BACKGROUND_MB, default 16 MB) that replaces
 * one already loaded is read in the background: requests go on being answered from the graph held
 * until the new one is ready, instead of all waiting for its read (about 9 s for 10,000 articles,
 * each time `npm run graph -- --watch` writes a new file). A smaller file loads in well under a
 * second, and requests wait for it, so that an answer never lags a rebuild by a noticeable time.
 */
function reloadInBackgroundAboveBytes(): number {
  const raw = process.env.NEWSGRAPH_RELOAD_IN_BACKGROUND_MB;
  const mb = raw === undefined || raw.trim() === "" ? 16 : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new GraphUnavailableError(`NEWSGRAPH_RELOAD_IN_BACKGROUND_MB must be a number of megabytes ≥ 0, got ${JSON.stringify(raw)}`);
  return mb * 2 ** 20;
}

/** The graph held, when `entry` (a load still running) may be answered for by it. */
function heldWhileLoading(entry: CacheEntry): Promise<GraphStore> | null {
  if (!ready || ready === entry || ready.file !== entry.file || ready.articlesDir !== entry.articlesDir) return null;
  return entry.bytes >= reloadInBackgroundAboveBytes() ? ready.store : null;
}

/** What graphLoadStatus() tells, kept with the moments of its load's start and end. */
interface LoadState extends Omit<GraphLoadStatus, "elapsedMs"> {
  startedAt: number | null;
  endedAt: number | null;
  /** Which load reports here: only the latest. */
  load: symbol | null;
}

const IDLE: LoadState = { state: "idle", file: null, bytesRead: 0, totalBytes: null, startedAt: null, endedAt: null, load: null };
let status: LoadState = IDLE;

/** The read of graph.json as it stands now; never waits for it. */
export function graphLoadStatus(): GraphLoadStatus {
  const { state, file, bytesRead, totalBytes, startedAt, endedAt, error } = status;
  const elapsedMs = startedAt === null ? null : Math.round((endedAt ?? performance.now()) - startedAt);
  return { state, file, bytesRead, totalBytes, elapsedMs, ...(error !== undefined ? { error } : {}) };
}

/**
 * The per-process store for the configured graph.json, reloaded when the file's mtime or
 * size changes (a rebuild renames a new file into place) or when the environment points
 * elsewhere. Concurrent callers share one load; a failed load is not cached.
 */
export async function getGraphStore(): Promise<GraphStore> {
  const file = graphFilePath();
  const articlesDir = articlesDirPath();
  let stamp: string;
  let mtimeMs: number;
  let bytes: number;
  try {
    // Every request asks, so this is on the API's hot path: a synchronous stat of a local file
    // takes about 2 µs, the promise-based one about 10 times the CPU (threadpool round trip).
    const info = statSync(/*turbopackIgnore: true*/ file);
    mtimeMs = info.mtimeMs;
    bytes = info.size;
    stamp = `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch (error) {
    cache = null;
    const failure =
      errorCode(error) === "ENOENT"
        ? new GraphUnavailableError(`graph file ${show(file)} not found; build it with \`npm run graph\``)
        : new GraphUnavailableError(`cannot read graph file ${show(file)}: ${errorMessage(error)}`);
    status = { ...IDLE, state: "failed", file, error: failure.message };
    throw failure;
  }
  if (cache && cache.file === file && cache.articlesDir === articlesDir && cache.stamp === stamp) return cache === ready ? cache.store : (heldWhileLoading(cache) ?? cache.store);
  // A large graph.json that could not be loaded while another was held: the held one is answered
  // from (graphLoadStatus says the load failed, and why) until the file changes again, rather than
  // the file being read again at every request.
  if (failedBeside && failedBeside.file === file && failedBeside.articlesDir === articlesDir && failedBeside.stamp === stamp) {
    const held = heldWhileLoading(failedBeside);
    if (held) return held;
  }
  // Only the latest load reports: one that a newer graph.json replaced keeps quiet.
  const load = Symbol(file);
  const report = (change: Partial<LoadState>) => {
    if (status.load === load) status = { ...status, ...change };
  };
  status = { state: "reading", file, bytesRead: 0, totalBytes: null, startedAt: performance.now(), endedAt: null, load };
  const entry: CacheEntry = {
    file,
    articlesDir,
    stamp,
    bytes,
    store: loadGraphDocument(file, {
      onBytes: (bytesRead, totalBytes) => report({ bytesRead, totalBytes }),
      onChecking: () => report({ state: "checking" }),
    }).then(async (doc) => {
      report({ state: "indexing" });
      // As in loadGraphDocument: a turn for waiting requests between two long steps.
      await nextTurn();
      try {
        return createGraphStore(doc, { file, articlesDir, mtimeMs });
      } catch (error) {
        throw new GraphUnavailableError(`graph file ${show(file)} cannot be loaded: ${errorMessage(error)}`);
      }
    }),
  };
  cache = entry;
  entry.store.then(
    () => {
      report({ state: "ready", endedAt: performance.now() });
      // A load that finished after a newer one started is not the graph to answer from.
      if (cache === entry) ready = entry;
    },
    (error: unknown) => {
      report({ state: "failed", endedAt: performance.now(), error: errorMessage(error) });
      if (cache === entry) {
        cache = null;
        // A bad NEWSGRAPH_RELOAD_IN_BACKGROUND_MB must not throw here, where nobody would catch it:
        // the next request reports it.
        try {
          if (heldWhileLoading(entry)) failedBeside = entry;
        } catch {
          failedBeside = null;
        }
      }
    },
  );
  return heldWhileLoading(entry) ?? entry.store;
}

/** Forgets the cached store and its load's status (tests). */
export function resetGraphStore(): void {
  cache = null;
  ready = null;
  failedBeside = null;
  status = IDLE;
}
