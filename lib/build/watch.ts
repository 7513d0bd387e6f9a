// `npm run graph -- --watch`: a resident build (lib/build/resident.ts) kept up to date with an
// articles folder. Changes to the folder (a file added, saved, renamed or removed, articles.json
// edited) are gathered for a short quiet time, then the corpus is read again and one update runs;
// changes that come during an update start another once it is done. A folder that cannot be read
// as a corpus (invalid metadata, a file that is not UTF-8 …) is reported, graph.json is left as it
// was, and the watch goes on: the next change is tried again.
import fs from "node:fs";
import { CorpusError, CorpusFileCache, readCorpus } from "../corpus";
import type { ArticleInput } from "../extract/types";
import { ResidentBuild, type ResidentOptions, type ResidentUpdateStats } from "./resident";

const MODULE = "newsgraph/build";

/** How long the folder must stay still before an update starts (an editor's save is several events). */
export const WATCH_QUIET_MS = 200;

export interface WatchOptions extends ResidentOptions {
  articles: string;
  quietMs?: number;
  /** After each update that wrote graph.json. */
  onUpdate?: (stats: ResidentUpdateStats, articles: readonly ArticleInput[]) => void;
  /** A failed read or update (graph.json is left as it was). */
  onError?: (error: unknown) => void;
  /** Warnings of the corpus read that the last read did not give (a skipped file is said once, not at every update). */
  onWarning?: (message: string) => void;
}

/** A running watch: `idle` settles once no update is running or waiting; `close` stops watching. */
export interface CorpusWatch {
  idle(): Promise<void>;
  close(): Promise<void>;
  /** Settles when the watch stops: after close(), or when the folder can no longer be watched (with that error). */
  readonly ended: Promise<Error | null>;
  /** Updates that wrote graph.json so far, and reads or updates that failed. */
  readonly updates: number;
  readonly failures: number;
}

/** Runs a first update (the clean build's graph.json), then keeps it up to date; resolves once the first update is done (or failed). */
export async function watchCorpus(options: WatchOptions): Promise<CorpusWatch> {
  if (!options || typeof options.articles !== "string" || !options.articles) throw new TypeError(`${MODULE}: watch needs the articles folder`);
  const quietMs = options.quietMs ?? WATCH_QUIET_MS;
  if (!(Number.isFinite(quietMs) && quietMs >= 0)) throw new RangeError(`${MODULE}: the watch's quiet time must be a number of ms ≥ 0, got ${quietMs}`);
  const resident = new ResidentBuild(options);
  // Unchanged files are not read again (their text and hash are kept with their identity).
  const files = new CorpusFileCache();
  let lastWarnings = new Set<string>();
  let updates = 0;
  let failures = 0;
  let running: Promise<void> | null = null;
  let waiting = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const once = async () => {
    try {
      const read = readCorpus(options.articles, { files });
      const warnings = new Set(read.warnings);
      for (const w of warnings) if (!lastWarnings.has(w)) options.onWarning?.(w);
      lastWarnings = warnings;
      const articles = read.articles;
      const { stats } = await resident.update(articles);
      if (stats) {
        updates++;
        options.onUpdate?.(stats, articles);
      }
    } catch (error) {
      failures++;
      options.onError?.(error);
    }
  };
  const run = () => {
    running = (async () => {
      do {
        waiting = false;
        await once();
      } while (waiting && !closed);
      running = null;
    })();
    return running;
  };
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (running) waiting = true;
      else void run();
    }, quietMs);
  };

  await run();
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(options.articles, { persistent: true }, schedule);
  } catch (error) {
    throw new CorpusError(`${MODULE}: cannot watch ${JSON.stringify(options.articles)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let end: (error: Error | null) => void = () => undefined;
  const ended = new Promise<Error | null>((resolve) => (end = resolve));
  const close = async () => {
    closed = true;
    watcher.close();
    if (timer) clearTimeout(timer);
    timer = null;
    if (running) await running;
  };
  // The folder itself gone or no longer watchable: the watch ends with the reason.
  watcher.on("error", (error) => {
    void close().then(() => end(new CorpusError(`${MODULE}: stopped watching ${JSON.stringify(options.articles)}: ${error.message}`)));
  });

  const idle = async () => {
    // Until no update runs, none is waiting and no quiet time is counting down.
    while (running || timer) {
      if (running) await running;
      else await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  };
  return {
    idle,
    async close() {
      await close();
      end(null);
    },
    ended,
    get updates() {
      return updates;
    },
    get failures() {
      return failures;
    },
  };
}

/** One line for an update, as the build prints it. */
export function describeUpdate(stats: ResidentUpdateStats, out: string): string {
  const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;
  const ids = (list: string[]) => (list.length <= 3 ? ` (${list.join(", ")})` : "");
  const parts: string[] = [];
  if (stats.added.length) parts.push(`+${count(stats.added.length, "article")}${ids(stats.added)}`);
  if (stats.changed.length) parts.push(`~${count(stats.changed.length, "article")} changed${ids(stats.changed)}`);
  if (stats.removed.length) parts.push(`−${count(stats.removed.length, "article")}${ids(stats.removed)}`);
  const what = stats.rebuilt ? `${count(stats.articles, "article")} (${stats.rebuilt})` : parts.join(", ") || "no article changed";
  const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
  const placed = stats.layout ? stats.layout.placedByNeighbours + stats.layout.placedAlone : null;
  const share = stats.bytes ? Math.round((100 * stats.reusedBytes) / stats.bytes) : 0;
  return (
    `newsgraph: ${what} → ${count(stats.nodes, "node")}, ${count(stats.edges, "edge")} → ${out} in ${s(stats.totalMs)} ` +
    `[analyzed ${stats.analyze.analyzed}, cached ${stats.analyze.cached}; corpus ${s(stats.corpusMs)}; ` +
    `layout ${s(stats.layoutMs)}${placed === null ? " (seeded ForceAtlas2)" : `, ${count(placed, "new node")} placed, the others kept`}; ` +
    `write ${s(stats.writeMs)}${share ? `, ${share}% of it copied from the last graph.json` : ""}]`
  );
}
