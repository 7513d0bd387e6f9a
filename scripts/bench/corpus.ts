// Writing synthetic corpora to disk (scripts/synth-corpus.ts and the benchmark use this).
import fs from "node:fs";
import path from "node:path";
import { Cast, metadataRecord, synthArticle, type SynthArticle } from "./synth";

export interface WriteOptions {
  articles: number;
  seed: number;
  /** Remove the *.txt files and articles.json already in the folder first. */
  replace?: boolean;
}

export interface WriteStats {
  articles: number;
  /** UTF-8 bytes of article text written. */
  bytes: number;
}

/** Writes articles 0…n-1 of the seeded corpus and its articles.json into `dir`. */
export function writeSynthCorpus(dir: string, options: WriteOptions): WriteStats {
  fs.mkdirSync(dir, { recursive: true });
  if (options.replace) {
    for (const name of fs.readdirSync(dir)) {
      if (/\.(?:txt|md)$/i.test(name) || name === "articles.json") fs.rmSync(path.join(dir, name));
    }
  }
  const cast = new Cast(options.seed);
  const metadata: ReturnType<typeof metadataRecord>[] = [];
  let bytes = 0;
  for (let i = 0; i < options.articles; i++) {
    const article = synthArticle(cast, i);
    const buffer = Buffer.from(article.text, "utf8");
    fs.writeFileSync(path.join(dir, article.file), buffer);
    bytes += buffer.length;
    metadata.push(metadataRecord(article));
  }
  fs.writeFileSync(path.join(dir, "articles.json"), JSON.stringify(metadata, null, 1) + "\n");
  return { articles: options.articles, bytes };
}

/**
 * Adds article `index` of the seeded corpus to a folder written by writeSynthCorpus (the
 * incremental-rebuild benchmark). Article i depends only on (seed, i), so it is the article a
 * larger corpus would hold at that place. Returns the article.
 */
export function appendSynthArticle(dir: string, seed: number, index: number): SynthArticle {
  const added = synthArticle(new Cast(seed), index);
  fs.writeFileSync(path.join(dir, added.file), added.text);
  const file = path.join(dir, "articles.json");
  const metadata = JSON.parse(fs.readFileSync(file, "utf8")) as unknown[];
  metadata.push(metadataRecord(added));
  fs.writeFileSync(file, JSON.stringify(metadata, null, 1) + "\n");
  return added;
}

/** Removes an article added by appendSynthArticle (file and metadata row). */
export function removeSynthArticle(dir: string, article: SynthArticle): void {
  fs.rmSync(path.join(dir, article.file), { force: true });
  const file = path.join(dir, "articles.json");
  const metadata = JSON.parse(fs.readFileSync(file, "utf8")) as Array<{ file: string }>;
  fs.writeFileSync(file, JSON.stringify(metadata.filter((m) => m.file !== article.file), null, 1) + "\n");
}
