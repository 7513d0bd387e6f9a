// Hashing helpers of the build that need nothing of the extractor: the stamp that tells whether
// graph.json is up to date (lib/build/stamp.ts) loads only these, so a build that finds it up to
// date does not load the extractor (compromise's lexicon, about 0.2 s).
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ArticleInput } from "../extract/types";

/**
 * Set by scripts/compile.mjs in a compiled build (`npm run graph`), whose one module lives in a
 * cache folder: there this file's own location says nothing of the project's.
 */
declare const NEWSGRAPH_PROJECT_ROOT: string | undefined;

/** The project's folder: the sources hashed into versions, node_modules. */
export const PROJECT_ROOT: string =
  typeof NEWSGRAPH_PROJECT_ROOT === "string" ? NEWSGRAPH_PROJECT_ROOT : path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The source and data files under `dir`, recursively (what a version hash reads). */
export function listSources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (/\.(?:ts|js|mjs|cjs|json|txt)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Feeds `hash` each file's path (relative to `root`) and content, in the order given; a missing file counts as "(missing)". */
export function hashFiles(hash: Hash, root: string, files: readonly string[]): void {
  for (const file of files) {
    hash.update(`${path.relative(root, file)}\0`);
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "(missing)");
    hash.update("\0");
  }
}

/** The installed version of package `name`, or "?". */
export function packageVersion(name: string): string {
  try {
    const file = path.join(PROJECT_ROOT, "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

/**
 * The cache key of one article within a generation: the SHA-256 of its bytes (from readCorpus)
 * or of its text, and its metadata (the per-article stage reads the id today; the whole record
 * is keyed so that a later extractor reading the date or title stays correct).
 */
export function articleKey(article: ArticleInput): string {
  const content = /^[0-9a-f]{64}$/.test(article.meta.sha256) ? "" : sha256(article.text);
  return sha256(`${JSON.stringify(article.meta)}\0${content}`);
}
