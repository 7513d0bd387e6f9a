// JSON files of any size, both ways. V8 cannot hold a string longer than ~512 M characters: a
// 10,000-article graph.json is a third of that, so documents are never turned into one string.
//
// Writing: jsonChunks() yields the text of JSON.stringify(value, null, 1) (or compact) piece by
// piece, down to `depth` levels of containers; writeJsonAtomic() streams it to a file atomically,
// jsonBytes() into one Buffer, and a hash can be fed the pieces. writeJsonAtomicReusing() writes
// the same file again copying the unchanged items (the same objects as last time) from it.
// Reading: readJsonFile() parses a large file chunk by chunk with a small scanner that walks the
// outer containers (down to `depth` levels) and hands each inner value (a node, an edge, an article)
// to JSON.parse on its own: memory holds the parsed document and one chunk of text.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import path from "node:path";
import { tempName, writeAtomicWith } from "./fsutil";

const MODULE = "newsgraph/json";

/** The file holds something that is not JSON (the message says what and where). */
export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

/**
 * Above this many edges graph.json is written without indentation (below, indented by one space,
 * for reading and diffs): a graph this large is read by programs, not people, and compact JSON is
 * a third smaller and faster to write and parse.
 */
export const COMPACT_GRAPH_JSON_ABOVE_EDGES = 20_000;

/** Files up to this size are read as one string (faster); larger ones in chunks. */
export const STREAM_JSON_ABOVE_BYTES = 256 * 1024 * 1024;

/**
 * The parsed content of a JSON file. Read errors (ENOENT …) are thrown as they come from node:fs;
 * text that is not JSON throws JsonSyntaxError.
 */
export function readJsonFile(file: string, options: { streamAboveBytes?: number; chunkBytes?: number } = {}): unknown {
  const limit = options.streamAboveBytes ?? STREAM_JSON_ABOVE_BYTES;
  const size = fs.statSync(file).size;
  if (size <= limit) return parseWhole(fs.readFileSync(file, "utf8"));
  return parseJsonChunks(fileChunks(file, options.chunkBytes ?? 16 * 1024 * 1024));
}

/**
 * readJsonFile for a server: the reads go to the thread pool, and a large file is parsed one chunk
 * (4 MB by default) per turn of the event loop, so that a process serving other requests answers
 * them between chunks instead of stopping for the whole parse (≈ 9 s for a 10,000-article graph.json).
 */
export async function readJsonFileAsync(
  file: string,
  options: { streamAboveBytes?: number; chunkBytes?: number; onBytes?: (bytesRead: number, totalBytes: number) => void } = {},
): Promise<unknown> {
  const limit = options.streamAboveBytes ?? STREAM_JSON_ABOVE_BYTES;
  const handle = await fs.promises.open(file, "r");
  try {
    const { size } = await handle.stat();
    options.onBytes?.(0, size);
    if (size <= limit) {
      const text = await handle.readFile("utf8");
      options.onBytes?.(size, size);
      return parseWhole(text);
    }
    return await parseJsonChunksAsync(fileChunksAsync(handle, options.chunkBytes ?? 4 * 1024 * 1024, (read) => options.onBytes?.(read, size)));
  } finally {
    await handle.close();
  }
}

function parseWhole(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JsonSyntaxError(error instanceof Error ? error.message : String(error));
  }
}

function* fileChunks(file: string, chunkBytes: number): Generator<string> {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    // Decodes UTF-8 across chunk boundaries (a character split between two reads is kept whole).
    const decoder = new StringDecoder("utf8");
    for (let read = fs.readSync(fd, buffer, 0, chunkBytes, null); read > 0; read = fs.readSync(fd, buffer, 0, chunkBytes, null)) {
      const text = decoder.write(buffer.subarray(0, read));
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

async function* fileChunksAsync(handle: fs.promises.FileHandle, chunkBytes: number, onRead: (bytesSoFar: number) => void): AsyncGenerator<string> {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  // As fileChunks: a character split between two reads is kept whole.
  const decoder = new StringDecoder("utf8");
  let total = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    onRead(total);
    const text = decoder.write(buffer.subarray(0, bytesRead));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type Frame = { value: unknown[] | Record<string, unknown>; isArray: boolean; key: string | null; state: "start" | "value" | "comma" | "key" | "colon" };

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * JSON.parse of the concatenated chunks, walking containers down to `depth` levels and parsing
 * each value below that (and every primitive) with JSON.parse. Same result as JSON.parse, and the
 * same strictness about structure: misplaced commas, colons or brackets are errors.
 */
export function parseJsonChunks(chunks: Iterable<string>, depth = 3): unknown {
  const parser = jsonChunkParser(depth);
  for (const chunk of chunks) parser.push(chunk);
  return parser.end();
}

/** parseJsonChunks over chunks that come one at a time (a file read asynchronously). */
export async function parseJsonChunksAsync(chunks: AsyncIterable<string>, depth = 3): Promise<unknown> {
  const parser = jsonChunkParser(depth);
  for await (const chunk of chunks) parser.push(chunk);
  return parser.end();
}

/** The parser of parseJsonChunks: push() each chunk in order, then end() gives the value. */
function jsonChunkParser(depth: number): { push(chunk: string): void; end(): unknown } {
  const stack: Frame[] = [];
  let root: unknown;
  let haveRoot = false;
  let offset = 0; // characters before the current chunk, for error positions
  // A value being captured as text: a string (key or value), a deep container, or a number/literal.
  let capture: { kind: "key" | "string" | "deep" | "primitive"; parts: string[]; nesting: number; inString: boolean; escaped: boolean } | null = null;

  const fail = (what: string, at: number): never => {
    throw new JsonSyntaxError(`${MODULE}: ${what} at character ${at}`);
  };
  const expectValue = (at: number) => {
    const top = stack.at(-1);
    if (!top) {
      if (haveRoot) fail("more than one value at the top", at);
      return;
    }
    if (top.isArray ? top.state !== "start" && top.state !== "comma" : top.state !== "colon") fail("a value where it cannot be", at);
  };
  const attach = (value: unknown) => {
    const top = stack.at(-1);
    if (!top) {
      root = value;
      haveRoot = true;
      return;
    }
    if (top.isArray) (top.value as unknown[]).push(value);
    else {
      // Like JSON.parse, "__proto__" is an own property, not the prototype.
      Object.defineProperty(top.value, top.key!, { value, writable: true, enumerable: true, configurable: true });
      top.key = null;
    }
    top.state = "value";
  };
  const finish = (text: string, at: number) => {
    const c = capture!;
    capture = null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(`${error instanceof Error ? error.message : String(error)} (in the value starting here)`, at);
    }
    if (c.kind === "key") {
      const top = stack.at(-1)!;
      top.key = value as string;
      top.state = "key";
    } else attach(value);
  };

  let captureStart = 0; // where the capture began, in the current chunk's coordinates
  let captureAt = 0; // where it began, in the whole text
  const push = (chunk: string): void => {
    let i = 0;
    if (capture) captureStart = 0;
    while (i < chunk.length) {
      const c = chunk.charCodeAt(i);
      if (capture) {
        const cap: NonNullable<typeof capture> = capture;
        if (cap.kind === "deep") {
          // Nearly every character of a graph.json is inside a node or an edge: one tight loop on
          // locals finds where the value ends (reading the capture's fields per character made
          // the whole read ~2× slower).
          let { nesting, inString, escaped } = cap;
          const n = chunk.length;
          for (; i < n; i++) {
            const d = chunk.charCodeAt(i);
            if (inString) {
              if (escaped) escaped = false;
              else if (d === 0x5c) escaped = true;
              else if (d === 0x22) inString = false;
            } else if (d === 0x22) inString = true;
            else if (d === 0x7b || d === 0x5b) nesting++;
            else if ((d === 0x7d || d === 0x5d) && --nesting === 0) break;
          }
          cap.nesting = nesting;
          cap.inString = inString;
          cap.escaped = escaped;
          if (i < n) {
            i++;
            finish(cap.parts.join("") + chunk.slice(captureStart, i), captureAt);
          }
          continue;
        }
        if (cap.kind === "primitive") {
          if (isSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d) {
            finish(cap.parts.join("") + chunk.slice(captureStart, i), captureAt);
            continue; // the delimiter is read again outside the capture
          }
          i++;
          continue;
        }
        // A key or a string value: it ends at its closing quote.
        if (cap.escaped) cap.escaped = false;
        else if (c === 0x5c) cap.escaped = true;
        else if (c === 0x22) {
          cap.inString = false;
          i++;
          finish(cap.parts.join("") + chunk.slice(captureStart, i), captureAt);
          continue;
        }
        i++;
        continue;
      }

      const at = offset + i;
      if (isSpace(c)) {
        i++;
        continue;
      }
      const top = stack.at(-1);
      if (c === 0x2c) {
        if (!top || top.state !== "value") fail("unexpected ','", at);
        top!.state = "comma";
      } else if (c === 0x3a) {
        if (!top || top.isArray || top.state !== "key") fail("unexpected ':'", at);
        top!.state = "colon";
      } else if (c === 0x7d || c === 0x5d) {
        const closesArray = c === 0x5d;
        if (!top || top.isArray !== closesArray) fail(`unexpected '${String.fromCharCode(c)}'`, at);
        if (top!.state === "comma" || top!.state === "key" || top!.state === "colon") fail(`unexpected '${String.fromCharCode(c)}'`, at);
        stack.pop();
        attach(top!.value);
      } else if (c === 0x22 && top && !top.isArray && (top.state === "start" || top.state === "comma")) {
        capture = { kind: "key", parts: [], nesting: 0, inString: true, escaped: false };
        captureStart = i;
        captureAt = at;
      } else {
        expectValue(at);
        if (c === 0x7b || c === 0x5b) {
          if (stack.length < depth) {
            stack.push({ value: c === 0x5b ? [] : {}, isArray: c === 0x5b, key: null, state: "start" });
          } else {
            capture = { kind: "deep", parts: [], nesting: 1, inString: false, escaped: false };
            captureStart = i;
            captureAt = at;
          }
        } else if (c === 0x22) {
          capture = { kind: "string", parts: [], nesting: 0, inString: true, escaped: false };
          captureStart = i;
          captureAt = at;
        } else {
          capture = { kind: "primitive", parts: [], nesting: 0, inString: false, escaped: false };
          captureStart = i;
          captureAt = at;
        }
      }
      i++;
    }
    if (capture) (capture as { parts: string[] }).parts.push(chunk.slice(captureStart));
    offset += chunk.length;
  };
  const end = (): unknown => {
    if (capture && (capture as { kind: string }).kind === "primitive") {
      const c = capture as { parts: string[] };
      finish(c.parts.join(""), captureAt);
    }
    if (capture || stack.length > 0 || !haveRoot) fail("unexpected end of the text", offset);
    return root;
  };
  return { push, end };
}

// ---------------------------------------------------------------------------------------------
// Writing

const INDENT = " ";

function isPlainContainer(value: unknown): value is object {
  return value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * The pieces of JSON.stringify(value, null, 1) (or, compact, of JSON.stringify(value)), streaming
 * containers down to `depth` levels. (It is `chunks` without its last parameter, which only
 * writeJsonAtomicReusing needs; the writers call `chunks` directly.)
 */
export const jsonChunks: (value: unknown, depth?: number, level?: number, compact?: boolean, deferred?: object) => Generator<string> = chunks;

/**
 * Takes over the items written whole inside arrays (writeJsonAtomicReusing). `chunks` calls it
 * from inside the generator, so every piece yielded before has already been written by the
 * consumer: it may write to the output itself (the separator, then the item's text or a copy).
 */
interface LeafItemWriter {
  item(item: object, separator: string, level: number, first: boolean): void;
}

function* chunks(value: unknown, depth = 3, level = 0, compact = false, deferred?: object, items?: LeafItemWriter): Generator<string> {
  // The value written later (writeJsonAtomicDeferred): one piece stands for it.
  if (deferred !== undefined && value === deferred) {
    yield DEFERRED_PIECE;
    return;
  }
  if (level >= depth || !isPlainContainer(value)) {
    yield leafText(value, level, compact);
    return;
  }
  const inner = compact ? "" : `\n${INDENT.repeat(level + 1)}`;
  const outer = compact ? "" : `\n${INDENT.repeat(level)}`;
  const colon = compact ? ":" : ": ";
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const separator = `${i === 0 ? "" : ","}${inner}`;
      // Array holes, undefined, functions and symbols are written as null, as JSON.stringify does.
      if (item === undefined || typeof item === "function" || typeof item === "symbol") yield `${separator}null`;
      // An item written whole (the edges and nodes of a graph) is one piece with its separator,
      // without a generator of its own.
      else if (level + 1 >= depth || !isPlainContainer(item)) {
        // Only containers and values that write their own JSON are handed over: their text depends
        // on nothing but themselves (a Date's or another toJSON's may change under the same object).
        if (items !== undefined && (isPlainContainer(item) || writesItsOwnJson(item))) items.item(item, separator, level + 1, i === 0);
        else yield separator + leafText(item, level + 1, compact);
      } else {
        yield separator;
        yield* chunks(item, depth, level + 1, compact, undefined, items);
      }
    }
    yield `${outer}]`;
    return;
  }
  const entries = Object.keys(value).filter((k) => {
    const v = (value as Record<string, unknown>)[k];
    return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
  });
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  for (let i = 0; i < entries.length; i++) {
    const k = entries[i]!;
    yield `${i === 0 ? "" : ","}${inner}${JSON.stringify(k)}${colon}`;
    yield* chunks((value as Record<string, unknown>)[k], depth, level + 1, compact, deferred, items);
  }
  yield `${outer}}`;
}

/**
 * A value that makes its own compact JSON text: toJSONText() must give exactly JSON.stringify(value).
 * A large graph's edges do (lib/extract/assemble.ts, AssembledEdge): JSON.stringify would call their
 * toJSON and make an object per passage, only to write it.
 */
interface WritesItsOwnJson {
  toJSONText(): string;
}

function writesItsOwnJson(value: unknown): value is WritesItsOwnJson {
  return value !== null && typeof value === "object" && typeof (value as { toJSONText?: unknown }).toJSONText === "function";
}

/** A value written whole at nesting level `level`: JSON.stringify's text, indented to its place. */
function leafText(value: unknown, level: number, compact: boolean): string {
  if (compact && writesItsOwnJson(value)) return value.toJSONText();
  const text = compact ? JSON.stringify(value) : JSON.stringify(value, null, 1);
  return level > 0 && text !== undefined && !compact ? text.replace(/\n/g, `\n${INDENT.repeat(level)}`) : (text ?? "");
}

/** Size of the buffer writeJsonAtomic() encodes into before each write. */
const WRITE_BLOCK_BYTES = 1 << 20;

/**
 * Writes JSON.stringify(value, null, 1) + "\n" (compact: JSON.stringify(value) + "\n") to `file`
 * atomically, without building the string, the way lib/fsutil's writeFileAtomic writes (same temp
 * names, so either cleans up after the other).
 */
export function writeJsonAtomic(file: string, value: unknown, options: { compact?: boolean } = {}): { bytes: number } {
  let bytes = 0;
  writeAtomicWith(file, (fd) => {
    const out = new BlockWriter(fd);
    for (const piece of chunks(value, 3, 0, options.compact === true)) out.put(piece);
    out.put("\n");
    bytes = out.end();
  });
  return { bytes };
}

/**
 * Pieces of text written to a file descriptor through one reused buffer: joining them into a
 * megabyte string first left a flat megabyte string and a megabyte Buffer of garbage per megabyte
 * written (369 of each for 10,000 articles); encoding in place took that write from 5.2 to 4.4 s.
 */
class BlockWriter {
  private readonly block = Buffer.allocUnsafe(WRITE_BLOCK_BYTES);
  private used = 0;
  private bytes = 0;

  constructor(private readonly fd: number) {}

  private writeAll(chunk: Buffer, length: number): void {
    let off = 0;
    while (off < length) off += fs.writeSync(this.fd, chunk, off, length - off);
    this.bytes += length;
  }

  put(piece: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit: the piece fits when this many are free.
    if (this.used + piece.length * 3 > this.block.length) {
      this.flush();
      if (piece.length * 3 > this.block.length) {
        const large = Buffer.from(piece, "utf8");
        this.writeAll(large, large.length);
        return;
      }
    }
    this.used += this.block.write(piece, this.used, "utf8");
  }

  /** Copies the whole of file `from` here, after what was put. */
  copyFrom(from: string): void {
    this.flush();
    const src = fs.openSync(from, "r");
    try {
      for (;;) {
        const n = fs.readSync(src, this.block, 0, this.block.length, null);
        if (n === 0) break;
        this.writeAll(this.block, n);
      }
    } finally {
      fs.closeSync(src);
    }
  }

  /** Bytes put so far, written or still in the buffer: where the next piece starts in the file. */
  position(): number {
    return this.bytes + this.used;
  }

  /**
   * Copies bytes [start, end) of the file open as `fd` here, after what was put: read straight
   * into the buffer (one pread per megabyte, or per run of a few items), written when it is full.
   * A file shorter than `end` throws SourceChanged: it was cut while being read.
   */
  copyRange(fd: number, start: number, end: number): void {
    let at = start;
    while (at < end) {
      if (this.used === this.block.length) this.flush();
      const n = fs.readSync(fd, this.block, this.used, Math.min(end - at, this.block.length - this.used), at);
      if (n === 0) throw new SourceChanged(`${MODULE}: the previous file ended at byte ${at}, before byte ${end} of an item to copy`);
      this.used += n;
      at += n;
    }
  }

  private flush(): void {
    if (this.used) this.writeAll(this.block, this.used);
    this.used = 0;
  }

  /** Writes what is left; returns the bytes written in all. */
  end(): number {
    this.flush();
    return this.bytes;
  }
}

/** Stands for the deferred value in jsonChunks' pieces (JSON text never holds a raw NUL). */
const DEFERRED_PIECE = "\u0000deferred\u0000";

/**
 * writeJsonAtomic(file, value) where the value at `at` (a path of object keys) comes later, from
 * `later`: everything after it is written first, to a temp file beside `file`, while `later` is
 * still being worked out (the build lays the graph out on another thread meanwhile: the nodes'
 * positions are the deferred value, the edges most of the file). The file then gets the text
 * before the value, the value, and the text after it copied over, and is renamed into place as
 * writeJsonAtomic does. The bytes are writeJsonAtomic's for the value with `later`'s result at `at`;
 * `waitedMs` is how long `later` still took once the rest was written.
 */
export async function writeJsonAtomicDeferred(
  file: string,
  value: unknown,
  at: readonly string[],
  later: Promise<unknown>,
  options: { compact?: boolean } = {},
): Promise<{ bytes: number; waitedMs: number }> {
  // Until this function reads it, a rejection of `later` must not count as unhandled.
  later.catch(() => {});
  if (!Array.isArray(at) || at.length === 0) throw new RangeError(`${MODULE}: a deferred value needs a path of one key or more, got ${JSON.stringify(at)}`);
  const marker = {};
  const withMarker = (container: unknown, keys: readonly string[]): unknown => {
    if (!isPlainContainer(container) || Array.isArray(container) || !Object.prototype.hasOwnProperty.call(container, keys[0]!)) {
      throw new Error(`${MODULE}: the value has no key path ${JSON.stringify(at)} to defer`);
    }
    const copy: Record<string, unknown> = { ...(container as Record<string, unknown>) };
    copy[keys[0]!] = keys.length === 1 ? marker : withMarker(copy[keys[0]!], keys.slice(1));
    return copy;
  };
  const compact = options.compact === true;
  const head: string[] = [];
  let found = false;
  const tail = tempName(path.resolve(file));
  try {
    const fd = fs.openSync(tail, "wx", 0o644);
    try {
      const out = new BlockWriter(fd);
      for (const piece of chunks(withMarker(value, at), 3, 0, compact, marker)) {
        if (piece === DEFERRED_PIECE) found = true;
        else if (found) out.put(piece);
        else head.push(piece);
      }
      out.put("\n");
      out.end();
    } finally {
      fs.closeSync(fd);
    }
    // withMarker checked the path; a toJSON on the way, or a key deeper than the streamed levels, would hide it.
    if (!found) throw new Error(`${MODULE}: the value at ${JSON.stringify(at)} was not written where it was deferred`);
    const waitStarted = performance.now();
    const deferredValue = await later;
    const waitedMs = performance.now() - waitStarted;
    let bytes = 0;
    writeAtomicWith(file, (fd) => {
      const out = new BlockWriter(fd);
      for (const piece of head) out.put(piece);
      for (const piece of chunks(deferredValue, 3, at.length, compact)) out.put(piece);
      out.copyFrom(tail);
      bytes = out.end();
    });
    return { bytes, waitedMs };
  } finally {
    fs.rmSync(tail, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Rewriting a file with the bytes of its previous version
//
// A resident build rewrites graph.json after each small change, and nearly all the edges it
// writes are the very objects it wrote last time. writeJsonAtomicReusing records where each item
// written whole went; the next write copies those items' bytes from the file, in long runs, instead
// of serialising them again. An item is trusted by identity: one whose content changes must be a
// new object (the build's nodes and edges are; an object changed in place would be written stale).

/** The file copied from changed while it was read: the write is made again without it. */
class SourceChanged extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceChanged";
  }
}

/** Low bits of an entry's mark: the nesting level it was written at (its indentation). */
const LEVEL_BITS = 0x7f;
/** High bit: the entry came right after the entry before it in the same array, only a separator between. */
const FOLLOWS = 0x80;

/**
 * Byte ranges of the items of one file, in the order written. Typed arrays rather than an object
 * per item: 17 bytes an entry and nothing for the garbage collector to walk, with 500,000 edges.
 */
class ItemRanges {
  /** The entry of each item (its last one, when the same object was written twice). */
  readonly index = new Map<object, number>();
  starts = new Float64Array(1024);
  ends = new Float64Array(1024);
  marks = new Uint8Array(1024);
  count = 0;

  add(item: object, start: number, end: number, level: number, follows: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      const capacity = this.count * 2;
      this.starts = grow(this.starts, new Float64Array(capacity));
      this.ends = grow(this.ends, new Float64Array(capacity));
      this.marks = grow(this.marks, new Uint8Array(capacity));
    }
    const e = this.count++;
    this.starts[e] = start;
    this.ends[e] = end;
    this.marks[e] = level | (follows ? FOLLOWS : 0);
    this.index.set(item, e);
  }
}

/**
 * Where each item written whole (a leaf object inside an array at the streaming depth: a graph's
 * nodes and edges) sits in a file written by writeJsonAtomicReusing, and which version of the file
 * that was. Holding it keeps those items alive: keep only the latest.
 */
export interface WrittenRanges {
  /** The file, as path.resolve gives it. */
  readonly file: string;
  readonly compact: boolean;
  // The file as it was right after the write: another write (even of the same size) changes some of these.
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly dev: number;
  /** How many distinct items have a range. */
  readonly count: number;
  /** Byte offsets [start, end) of `item`'s text in the file, and its nesting level; undefined when it has none. */
  rangeOf(item: object): { start: number; end: number; level: number } | undefined;
  /** The items that have a range. */
  items(): IterableIterator<object>;
}

/** Identity of a file's version: what a write into it or a rename over it changes. */
type FileVersion = Pick<WrittenRanges, "size" | "mtimeMs" | "ctimeMs" | "ino" | "dev">;

function sameVersion(stat: fs.Stats, version: FileVersion): boolean {
  return stat.size === version.size && stat.mtimeMs === version.mtimeMs && stat.ctimeMs === version.ctimeMs && stat.ino === version.ino && stat.dev === version.dev;
}

class Written implements WrittenRanges {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly dev: number;

  constructor(
    readonly file: string,
    readonly compact: boolean,
    stat: fs.Stats | null,
    readonly entries: ItemRanges,
  ) {
    // No stat (the file went before it could be read): a version no file has, so nothing is reused from it.
    this.size = stat?.size ?? -1;
    this.mtimeMs = stat?.mtimeMs ?? -1;
    this.ctimeMs = stat?.ctimeMs ?? -1;
    this.ino = stat?.ino ?? -1;
    this.dev = stat?.dev ?? -1;
  }

  get count(): number {
    return this.entries.index.size;
  }

  rangeOf(item: object): { start: number; end: number; level: number } | undefined {
    const e = this.entries.index.get(item);
    if (e === undefined) return undefined;
    return { start: this.entries.starts[e]!, end: this.entries.ends[e]!, level: this.entries.marks[e]! & LEVEL_BITS };
  }

  items(): IterableIterator<object> {
    return this.entries.index.keys();
  }
}

/** The previous file, open, when it is still the version `previous` describes. */
type Source = { fd: number; version: FileVersion; entries: ItemRanges };

function openSource(previous: WrittenRanges | null, target: string, compact: boolean): Source | null {
  // Only ranges this module made are trusted (an object of the same shape could say anything).
  if (!(previous instanceof Written) || previous.file !== target || previous.compact !== compact) return null;
  let fd: number;
  try {
    fd = fs.openSync(target, "r");
  } catch {
    return null; // gone, or unreadable: written from the values, and the write says what is wrong if anything is
  }
  try {
    // The descriptor's own stat: the file checked is the one read from, even if renamed over meanwhile.
    if (sameVersion(fs.fstatSync(fd), previous)) return { fd, version: previous, entries: previous.entries };
  } catch {
    // as if changed
  }
  fs.closeSync(fd);
  return null;
}

/**
 * The items written whole, each either copied from the source or serialised, with its range
 * recorded. Copies wait in a run that grows while the next item is the next one in the source too,
 * and is written (one pread per megabyte) as soon as anything else is to be written.
 */
class ReusingItems implements LeafItemWriter {
  readonly ranges = new ItemRanges();
  reusedBytes = 0;
  /** Where the last item recorded ends in the new file (-1: none yet). */
  private lastEnd = -1;
  // The run: source bytes [runStart, runEnd) to be written at runNewStart; runLast is the source
  // entry of its last item. runEnd < 0: no run.
  private runStart = 0;
  private runEnd = -1;
  private runNewStart = 0;
  private runLast = -1;

  constructor(
    private readonly out: BlockWriter,
    private readonly compact: boolean,
    private readonly source: Source | null,
  ) {}

  item(item: object, separator: string, level: number, first: boolean): void {
    const source = this.source;
    if (source !== null) {
      const old = source.entries;
      const e = old.index.get(item);
      // Indented, an item's text depends on its level; compact, it does not.
      if (e !== undefined && (this.compact || (old.marks[e]! & LEVEL_BITS) === level)) {
        const start = old.starts[e]!;
        const end = old.ends[e]!;
        // The previous item of this array ends the run and came right before this one in the source,
        // at the same level: the separator there is this one, and the run goes on over it.
        if (this.runEnd >= 0 && !first && e === this.runLast + 1 && (old.marks[e]! & FOLLOWS) !== 0 && start === this.runEnd + separator.length) {
          const newStart = this.runNewStart + (start - this.runStart);
          this.record(item, newStart, newStart + (end - start), level, first, separator.length);
          this.runEnd = end;
          this.runLast = e;
          return;
        }
        this.flushRun();
        this.out.put(separator);
        const newStart = this.out.position();
        this.runStart = start;
        this.runEnd = end;
        this.runNewStart = newStart;
        this.runLast = e;
        this.record(item, newStart, newStart + (end - start), level, first, separator.length);
        return;
      }
    }
    this.flushRun();
    // One piece, as writeJsonAtomic writes it; the separator is ASCII, a byte a character.
    const newStart = this.out.position() + separator.length;
    this.out.put(separator + leafText(item, level, this.compact));
    this.record(item, newStart, this.out.position(), level, first, separator.length);
  }

  /** Writes the run waiting to be copied, if any: called before anything else is written. */
  flushRun(): void {
    if (this.runEnd < 0) return;
    this.out.copyRange(this.source!.fd, this.runStart, this.runEnd);
    this.reusedBytes += this.runEnd - this.runStart;
    this.runEnd = -1;
  }

  private record(item: object, start: number, end: number, level: number, first: boolean, separatorLength: number): void {
    // A level that does not fit the mark is never reached at depth 3; such an item is just not recorded.
    if (level > LEVEL_BITS) return;
    // Items written whole never nest, so the last one recorded ending just a separator before this
    // one is the previous item of this array.
    this.ranges.add(item, start, end, level, !first && start === this.lastEnd + separatorLength);
    this.lastEnd = end;
  }
}

/**
 * writeJsonAtomic(file, value, { compact }) — the same bytes, always — that also returns where each
 * item written whole went (`ranges`). Given the ranges of the write before (`previous`) while the
 * file is still exactly what that write left, an item written then (the same object, at the same
 * level) is copied from the file instead of serialised; `reusedBytes` counts those bytes. A
 * `previous` for another file or version is not an error: everything is then serialised.
 */
export function writeJsonAtomicReusing(
  file: string,
  value: unknown,
  options: { compact?: boolean; previous?: WrittenRanges | null } = {},
): { bytes: number; reusedBytes: number; ranges: WrittenRanges } {
  const target = path.resolve(file);
  const compact = options.compact === true;
  try {
    return writeReusing(target, value, compact, options.previous ?? null);
  } catch (error) {
    if (!(error instanceof SourceChanged)) throw error;
    // Someone wrote into the previous file while it was being copied: the temp file is gone, and
    // the values alone are written again.
    return writeReusing(target, value, compact, null);
  }
}

function writeReusing(target: string, value: unknown, compact: boolean, previous: WrittenRanges | null): { bytes: number; reusedBytes: number; ranges: WrittenRanges } {
  const source = openSource(previous, target, compact);
  let bytes = 0;
  let items: ReusingItems | null = null;
  try {
    writeAtomicWith(target, (fd) => {
      const out = new BlockWriter(fd);
      const writer = new ReusingItems(out, compact, source);
      items = writer;
      for (const piece of chunks(value, 3, 0, compact, undefined, writer)) {
        writer.flushRun();
        out.put(piece);
      }
      writer.flushRun();
      out.put("\n");
      bytes = out.end();
      // The copies were read through one descriptor: a rename over the file left its bytes as they
      // were, a write into it would not have (and shows in its stat).
      if (source !== null && !sameVersion(fs.fstatSync(source.fd), source.version)) {
        throw new SourceChanged(`${MODULE}: ${target} was written to while it was copied from`);
      }
    });
  } finally {
    if (source !== null) fs.closeSync(source.fd);
  }
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(target);
  } catch {
    // Removed already: the ranges then match no file.
  }
  const done = items as ReusingItems | null;
  if (done === null) throw new Error(`${MODULE}: the write of ${target} ended without writing`);
  return { bytes, reusedBytes: done.reusedBytes, ranges: new Written(target, compact, stat, done.ranges) };
}

/** The UTF-8 bytes of JSON.stringify(value), made piece by piece (a Buffer may be far longer than a string). */
export function jsonBytes(value: unknown): Buffer {
  const buffers: Buffer[] = [];
  let pending = "";
  for (const piece of chunks(value, 3, 0, true)) {
    pending += piece;
    if (pending.length >= 1 << 20) {
      buffers.push(Buffer.from(pending, "utf8"));
      pending = "";
    }
  }
  if (pending || buffers.length === 0) buffers.push(Buffer.from(pending, "utf8"));
  return buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
}
