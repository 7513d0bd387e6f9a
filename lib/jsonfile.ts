// Reading JSON files of any size. V8 cannot hold a string longer than ~512 M characters, so a
// graph.json past that (≈ 15,000 articles) cannot go through readFileSync + JSON.parse. Large files
// are read in chunks and parsed by a small scanner that walks the outer containers (down to `depth`
// levels, as lib/build/json.ts writes them) and hands each inner value (a node, an edge, an
// article) to JSON.parse on its own: memory holds the parsed document and one chunk of text.
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";

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
  if (size <= limit) {
    const text = fs.readFileSync(file, "utf8");
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new JsonSyntaxError(error instanceof Error ? error.message : String(error));
    }
  }
  return parseJsonChunks(fileChunks(file, options.chunkBytes ?? 16 * 1024 * 1024));
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

type Frame = { value: unknown[] | Record<string, unknown>; isArray: boolean; key: string | null; state: "start" | "value" | "comma" | "key" | "colon" };

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * JSON.parse of the concatenated chunks, walking containers down to `depth` levels and parsing
 * each value below that (and every primitive) with JSON.parse. Same result as JSON.parse, and the
 * same strictness about structure: misplaced commas, colons or brackets are errors.
 */
export function parseJsonChunks(chunks: Iterable<string>, depth = 3): unknown {
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
  for (const chunk of chunks) {
    let i = 0;
    if (capture) captureStart = 0;
    while (i < chunk.length) {
      const c = chunk.charCodeAt(i);
      if (capture) {
        const cap: NonNullable<typeof capture> = capture;
        if (cap.kind === "primitive") {
          if (isSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d) {
            finish(cap.parts.join("") + chunk.slice(captureStart, i), captureAt);
            continue; // the delimiter is read again outside the capture
          }
          i++;
          continue;
        }
        if (cap.inString) {
          if (cap.escaped) cap.escaped = false;
          else if (c === 0x5c) cap.escaped = true;
          else if (c === 0x22) {
            cap.inString = false;
            if (cap.kind !== "deep") {
              i++;
              finish(cap.parts.join("") + chunk.slice(captureStart, i), captureAt);
              continue;
            }
          }
          i++;
          continue;
        }
        if (c === 0x22) cap.inString = true;
        else if (c === 0x7b || c === 0x5b) cap.nesting++;
        else if (c === 0x7d || c === 0x5d) {
          cap.nesting--;
          if (cap.nesting === 0) {
            i++;
            finish(cap.parts.join("") + chunk.slice(captureStart, i), captureAt);
            continue;
          }
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
  }
  if (capture && (capture as { kind: string }).kind === "primitive") {
    const c = capture as { parts: string[] };
    finish(c.parts.join(""), captureAt);
  }
  if (capture || stack.length > 0 || !haveRoot) fail("unexpected end of the text", offset);
  return root;
}
