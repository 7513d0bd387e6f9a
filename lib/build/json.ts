// graph.json written as a stream, byte-identical to JSON.stringify(value, null, 1) + "\n", and
// atomically (temp file beside the target, fsync, rename; on any error the target is untouched).
// A 10,000-article graph serializes to hundreds of MB: one string that size costs as much
// memory again and can pass V8's maximum string length (~512 MB), so the document is written
// element by element instead.
import fs from "node:fs";
import { writeAtomicWith } from "../fsutil";

const INDENT = " ";

function isPlainContainer(value: unknown): value is object {
  return value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * The pieces of JSON.stringify(value, null, 1) (or, compact, of JSON.stringify(value)), streaming
 * containers down to `depth` levels.
 */
export function* jsonChunks(value: unknown, depth = 3, level = 0, compact = false): Generator<string> {
  if (level >= depth || !isPlainContainer(value)) {
    const text = compact ? JSON.stringify(value) : JSON.stringify(value, null, 1);
    yield level > 0 && text !== undefined && !compact ? text.replace(/\n/g, `\n${INDENT.repeat(level)}`) : (text ?? "");
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
      yield `${i === 0 ? "" : ","}${inner}`;
      const item: unknown = value[i];
      // Array holes, undefined, functions and symbols are written as null, as JSON.stringify does.
      if (item === undefined || typeof item === "function" || typeof item === "symbol") yield "null";
      else yield* jsonChunks(item, depth, level + 1, compact);
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
    yield* jsonChunks((value as Record<string, unknown>)[k], depth, level + 1, compact);
  }
  yield `${outer}}`;
}

/**
 * Writes JSON.stringify(value, null, 1) + "\n" (compact: JSON.stringify(value) + "\n") to `file`
 * atomically, without building the string, the way lib/fsutil's writeFileAtomic writes (same temp
 * names, so either cleans up after the other).
 */
export function writeJsonAtomic(file: string, value: unknown, options: { compact?: boolean } = {}): { bytes: number } {
  let bytes = 0;
  writeAtomicWith(file, (fd) => {
    let buffer = "";
    const flush = () => {
      if (!buffer) return;
      const chunk = Buffer.from(buffer, "utf8");
      let off = 0;
      while (off < chunk.length) off += fs.writeSync(fd, chunk, off, chunk.length - off);
      bytes += chunk.length;
      buffer = "";
    };
    for (const piece of jsonChunks(value, 3, 0, options.compact === true)) {
      buffer += piece;
      if (buffer.length >= 1 << 20) flush();
    }
    buffer += "\n";
    flush();
  });
  return { bytes };
}
