// Serialized answers of the in-memory graph, kept per loaded graph, with a weak ETag so that a
// client holding an answer gets 304 Not Modified instead of the bytes again.
//
// Why: an answer is a pure function of graph.json and the request's parameters, and turning a
// whole GraphDocument into JSON is most of what GET /api/graph costs (tens of milliseconds on a
// 50 MB graph, per request). lib/graph/store.ts makes a new GraphStore when graph.json changes
// (mtime, size or inode), so keying the cache by the store object (a WeakMap) forgets a
// replaced graph's answers with it: no answer outlives the graph it was made from.
//
// Compression is cached too. Next's `compress` (on by default) would gzip the answer again on
// every request of a client that accepts gzip — every browser — and that is most of the CPU a
// large answer costs: 1–2 s for the 76 MB first view of a 10,000-article graph. An answer of at
// least GZIP_MIN_BYTES is therefore gzipped once, off the main thread (zlib's thread pool), when
// a client first accepts it, and sent with `content-encoding: gzip`, which Next's compression
// leaves alone ("already encoded"). The gzip copy counts in the cache's byte budget.

import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { GraphStore } from "@/lib/graph/store";
import { jsonBytes } from "@/lib/jsonfile";
import type { ApiAnswer, ApiRequest } from "./types";

/** Budget of one loaded graph's cached answers; the most recent answer is kept whatever its size. */
const CACHE_BYTES = 256 * 1024 * 1024;
const CACHE_ENTRIES = 256;
/** Smaller answers are sent as they are (Next's own threshold for compressing is 1 KB too). */
export const GZIP_MIN_BYTES = 1024;

const gzipAsync = promisify(gzip);

/** An answer serialized once: UTF-8 JSON and its weak entity tag (a hash of the bytes). */
export class SerializedAnswer {
  readonly etag: string;

  constructor(readonly bytes: Uint8Array) {
    // Weak: the server may gzip the same answer for one client and not another.
    this.etag = `W/"${createHash("sha256").update(bytes).digest("base64url").slice(0, 32)}"`;
  }

  private gzip: Promise<Uint8Array> | null = null;
  /** Told the size of the gzip copy once it is made (the cache's byte budget). */
  onGzipped: ((bytes: number) => void) | null = null;

  static of(value: unknown): SerializedAnswer {
    // Piece by piece: the whole graph of a large corpus is longer than any string can be.
    return new SerializedAnswer(jsonBytes(value));
  }

  /** The bytes gzipped, made once on first use; concurrent callers share the work. */
  gzipped(): Promise<Uint8Array> {
    if (!this.gzip) {
      this.gzip = gzipAsync(this.bytes).then((buffer) => {
        this.onGzipped?.(buffer.byteLength);
        return buffer;
      });
      // A failed compression is tried again next time (the answer is then sent uncompressed).
      this.gzip.catch(() => (this.gzip = null));
    }
    return this.gzip;
  }
}

/** Does an Accept-Encoding header take gzip (by name or `*`, with a q-value above 0)? */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...parameters] = part.split(";").map((piece) => piece.trim());
    const q = parameters.find((piece) => piece.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip" || name === "x-gzip") return accepted;
    if (name === "*") star = accepted;
  }
  return star;
}

interface Entry {
  answer: Promise<SerializedAnswer>;
  bytes: number;
}

class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  get(key: string, make: () => Promise<unknown>): Promise<SerializedAnswer> {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last: eviction takes from the front.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.answer;
    }
    // Concurrent requests for the same answer share one computation.
    // A turn between making the value and serializing it (each can take a second on a large graph).
    const entry: Entry = { answer: make().then(async (value) => (await nextTurn(), SerializedAnswer.of(value))), bytes: 0 };
    this.entries.set(key, entry);
    entry.answer.then(
      (answer) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = answer.bytes.byteLength;
        this.bytes += entry.bytes;
        answer.onGzipped = (bytes) => {
          if (this.entries.get(key) !== entry) return;
          entry.bytes += bytes;
          this.bytes += bytes;
          this.evict(key);
        };
        this.evict(key);
      },
      () => {
        // A failed answer (a 404, a 400 the parameters did not show) is not kept.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.answer;
  }

  private evict(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= CACHE_BYTES && this.entries.size <= CACHE_ENTRIES) return;
      if (key === keep) continue;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}

const caches = new WeakMap<GraphStore, AnswerCache>();

/**
 * The answer `key` of the loaded graph `store`, made by `make` on first use. `key` must name
 * everything the answer depends on besides the graph (route and normalized parameters).
 */
export function cachedAnswer(store: GraphStore, key: string, make: () => Promise<unknown>): Promise<SerializedAnswer> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(store, cache);
  }
  return cache.get(key, make);
}

/** A cache key from a route name and parameters: lists sorted, so that their order does not matter. */
export function answerKey(route: string, parts: Record<string, unknown>): string {
  const normal = Object.fromEntries(
    Object.entries(parts)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => [name, Array.isArray(value) ? [...value].map(String).sort() : value]),
  );
  return `${route}?${JSON.stringify(normal)}`;
}

/** Does an If-None-Match header name this entity tag (weak comparison, as RFC 9110 asks for it)? */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  if (ifNoneMatch.trim() === "*") return true;
  const wanted = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => opaque(tag) === wanted);
}

/**
 * 200 with the answer's bytes (gzipped when the client accepts it and the answer is not tiny), or
 * 304 without them when the request's If-None-Match names its ETag. `cache-control: no-cache` lets
 * a browser keep the answer but ask again every time, so a rebuilt graph is seen at once.
 */
export async function answerFor(request: ApiRequest, answer: SerializedAnswer, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  // The uncompressed size: the body may be compressed, so the explorer's progress bar needs it to show a percentage.
  const common = { "cache-control": "no-cache", etag: answer.etag, "x-newsgraph-json-bytes": String(answer.bytes.byteLength), vary: "accept-encoding", ...headers };
  if (etagMatches(request.header("if-none-match"), answer.etag)) return { status: 304, headers: common, body: null };
  if (answer.bytes.byteLength >= GZIP_MIN_BYTES && acceptsGzip(request.header("accept-encoding"))) {
    const gzipped = await answer.gzipped().catch(() => null);
    if (gzipped) return { status: 200, headers: { "content-type": "application/json", "content-encoding": "gzip", ...common }, body: gzipped };
  }
  return { status: 200, headers: { "content-type": "application/json", ...common }, body: answer.bytes };
}
