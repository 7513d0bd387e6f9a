// JSON files of any size, both ways. V8 cannot hold a string longer than ~512 M characters: a
// 10,000-article graph.json is a third of that, so documents are never turned into one string.
//
// Writing: jsonChunks() yields the text of JSON.stringify(value, null, 1) (or compact) piece by
// piece, down to `depth` levels of containers; writeJsonAtomic() streams it to a file atomically,
// jsonBytes() into one Buffer, and a hash can be fed the pieces.
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
 * containers down to `depth` levels.
 */
export function* jsonChunks(value: unknown, depth = 3, level = 0, compact = false, deferred?: object): Generator<string> {
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
      else if (level + 1 >= depth || !isPlainContainer(item)) yield separator + leafText(item, level + 1, compact);
      else {
        yield separator;
        yield* jsonChunks(item, depth, level + 1, compact);
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
    yield* jsonChunks((value as Record<string, unknown>)[k], depth, level + 1, compact, deferred);
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
    for (const piece of jsonChunks(value, 3, 0, options.compact === true)) out.put(piece);
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
      for (const piece of jsonChunks(withMarker(value, at), 3, 0, compact, marker)) {
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
      for (const piece of jsonChunks(deferredValue, 3, at.length, compact)) out.put(piece);
      out.copyFrom(tail);
      bytes = out.end();
    });
    return { bytes, waitedMs };
  } finally {
    fs.rmSync(tail, { force: true });
  }
}

/** The UTF-8 bytes of JSON.stringify(value), made piece by piece (a Buffer may be far longer than a string). */
export function jsonBytes(value: unknown): Buffer {
  const buffers: Buffer[] = [];
  let pending = "";
  for (const piece of jsonChunks(value, 3, 0, true)) {
    pending += piece;
    if (pending.length >= 1 << 20) {
      buffers.push(Buffer.from(pending, "utf8"));
      pending = "";
    }
  }
  if (pending || buffers.length === 0) buffers.push(Buffer.from(pending, "utf8"));
  return buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers);
}
