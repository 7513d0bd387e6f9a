// Reading a corpus folder: article files (*.txt, *.md) plus an optional articles.json with
// metadata. Every problem is reported as one line naming the file; nothing is half-read.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ArticleMeta } from "../contract";
import type { ArticleInput } from "../extract/types";

export class CorpusError extends Error {
  override name = "CorpusError";
}

export interface CorpusReadResult {
  articles: ArticleInput[];
  warnings: string[];
}

interface MetadataRow {
  id?: unknown;
  file?: unknown;
  title?: unknown;
  publisher?: unknown;
  url?: unknown;
  date?: unknown;
}

const ARTICLE_EXTENSIONS = new Set([".txt", ".md"]);
const MODULE = "newsgraph/corpus";

function decodeUtf8(bytes: Buffer, file: string): string {
  if (bytes.includes(0)) throw new CorpusError(`${MODULE}: article "${file}" is binary (contains NUL bytes)`);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CorpusError(`${MODULE}: article "${file}" is not valid UTF-8`);
  }
}

function optionalString(value: unknown, field: string, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new CorpusError(`${MODULE}: ${where}: "${field}" must be a string or null, got ${JSON.stringify(value)}`);
  return value;
}

function readMetadata(dir: string): Map<string, MetadataRow & { file: string }> {
  const file = path.join(dir, "articles.json");
  const byFile = new Map<string, MetadataRow & { file: string }>();
  if (!fs.existsSync(file)) return byFile;
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(fs.readFileSync(file), "articles.json"));
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError(`${MODULE}: "${file}" is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new CorpusError(`${MODULE}: "${file}" must hold a JSON array of article records`);
  parsed.forEach((row: unknown, index: number) => {
    const where = `"${file}" entry ${index}`;
    if (!row || typeof row !== "object" || Array.isArray(row)) throw new CorpusError(`${MODULE}: ${where} is not an object`);
    const r = row as MetadataRow;
    if (typeof r.file !== "string" || !r.file) throw new CorpusError(`${MODULE}: ${where} has no "file"`);
    if (path.basename(r.file) !== r.file) throw new CorpusError(`${MODULE}: ${where}: "file" must be a file name inside the folder, got "${r.file}"`);
    for (const field of ["id", "title", "publisher", "url", "date"] as const) optionalString(r[field], field, where);
    if (typeof r.date === "string" && !/^\d{4}-\d{2}-\d{2}$/.test(r.date)) throw new CorpusError(`${MODULE}: ${where}: "date" must be YYYY-MM-DD, got "${r.date}"`);
    if (byFile.has(r.file)) throw new CorpusError(`${MODULE}: ${where}: "${r.file}" is listed twice`);
    byFile.set(r.file, { ...r, file: r.file });
  });
  return byFile;
}

/** Reads every article of a corpus folder, sorted by file name (the build's order is stable). */
export function readCorpus(dir: string): CorpusReadResult {
  if (typeof dir !== "string" || !dir) throw new CorpusError(`${MODULE}: the articles folder must be a non-empty path`);
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw new CorpusError(`${MODULE}: articles folder "${dir}" does not exist`);
  if (!fs.statSync(abs).isDirectory()) throw new CorpusError(`${MODULE}: "${dir}" is not a folder`);
  const metadata = readMetadata(abs);
  const warnings: string[] = [];
  const names = fs.readdirSync(abs).sort();
  const articles: ArticleInput[] = [];
  const ids = new Set<string>();
  const realRoot = fs.realpathSync(abs);
  for (const name of names) {
    const ext = path.extname(name).toLowerCase();
    if (!ARTICLE_EXTENSIONS.has(ext)) continue;
    const full = path.join(abs, name);
    const real = fs.realpathSync(full);
    if (path.relative(realRoot, real).startsWith("..")) {
      warnings.push(`${MODULE}: skipped "${name}": it links outside the articles folder`);
      continue;
    }
    if (!fs.statSync(full).isFile()) continue;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(full);
    } catch (error) {
      throw new CorpusError(`${MODULE}: article "${name}" cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const text = decodeUtf8(bytes, name);
    if (!text.trim()) {
      warnings.push(`${MODULE}: skipped "${name}": it is empty`);
      continue;
    }
    const row = metadata.get(name);
    const id = (typeof row?.id === "string" && row.id) || path.basename(name, ext);
    if (ids.has(id)) throw new CorpusError(`${MODULE}: article id "${id}" is used twice (file "${name}")`);
    ids.add(id);
    const meta: ArticleMeta = {
      id,
      file: name,
      title: optionalString(row?.title, "title", name),
      publisher: optionalString(row?.publisher, "publisher", name),
      url: optionalString(row?.url, "url", name),
      date: optionalString(row?.date, "date", name),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      chars: text.length,
    };
    articles.push({ meta, text });
  }
  for (const file of metadata.keys()) {
    if (!articles.some((a) => a.meta.file === file)) warnings.push(`${MODULE}: articles.json lists "${file}", which is not in the folder`);
  }
  if (articles.length === 0) throw new CorpusError(`${MODULE}: articles folder "${dir}" holds no articles (*.txt or *.md)`);
  return { articles, warnings };
}
