// Serialized answers of the in-memory graph, kept per loaded graph, with a weak ETag so that a
// client holding an answer gets 304 Not Modified instead of the bytes again.
//
// Why: an answer is a pure function of graph.json and the request's parameters, and turning a
// whole GraphDocument into JSON is most of what GET /api/graph costs (tens of milliseconds on a
// 50 MB graph, per request). lib/graph/store.ts makes a new GraphStore when graph.json changes
// (mtime, size or inode), so keying the cache by the store object (a WeakMap) forgets a
// replaced graph's answers with it: no answer outlives the graph it was made from.
//
// Compression is left to the server: Next's `compress` (on by default) gzips a route's answer
// for clients that accept it, and it drops a route handler's own Content-Encoding header
// (next/dist/server/send-response.js), so bytes compressed here could not be served as such.

import { createHash } from "node:crypto";
import type { GraphStore } from "@/lib/graph/store";
import { jsonBytes } from "@/lib/jsonfile";

/** Budget of one loaded graph's cached answers; the most recent answer is kept whatever its size. */
const CACHE_BYTES = 256 * 1024 * 1024;
const CACHE_ENTRIES = 256;
/** Chunks of a streamed answer: views of the cached bytes, never copies. */
const CHUNK_BYTES = 1024 * 1024;

/** An answer serialized once: UTF-8 JSON and its weak entity tag (a hash of the bytes). */
export class SerializedAnswer {
  readonly etag: string;

  constructor(readonly bytes: Uint8Array) {
    // Weak: the server may gzip the same answer for one client and not another.
    this.etag = `W/"${createHash("sha256").update(bytes).digest("base64url").slice(0, 32)}"`;
  }

  static of(value: unknown): SerializedAnswer {
    // Piece by piece: the whole graph of a large corpus is longer than any string can be.
    return new SerializedAnswer(jsonBytes(value));
  }
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
    const entry: Entry = { answer: make().then((value) => SerializedAnswer.of(value)), bytes: 0 };
    this.entries.set(key, entry);
    entry.answer.then(
      (answer) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = answer.bytes.byteLength;
        this.bytes += entry.bytes;
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

function stream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset < bytes.byteLength) {
        const end = Math.min(bytes.byteLength, offset + CHUNK_BYTES);
        controller.enqueue(bytes.subarray(offset, end));
        offset = end;
      }
      if (offset >= bytes.byteLength) controller.close();
    },
  });
}

/**
 * 200 with the answer's bytes, or 304 without them when the request's If-None-Match names its
 * ETag. `cache-control: no-cache` lets a browser keep the answer but ask again every time, so a
 * rebuilt graph is seen at once.
 */
export function answerResponse(request: Request, answer: SerializedAnswer, headers: Record<string, string> = {}): Response {
  // The uncompressed size: Next compresses the body, so the explorer's progress bar needs it to show a percentage.
  const common = { "cache-control": "no-cache", etag: answer.etag, "x-newsgraph-json-bytes": String(answer.bytes.byteLength), ...headers };
  if (etagMatches(request.headers.get("if-none-match"), answer.etag)) return new Response(null, { status: 304, headers: common });
  return new Response(stream(answer.bytes), { status: 200, headers: { "content-type": "application/json", ...common } });
}
