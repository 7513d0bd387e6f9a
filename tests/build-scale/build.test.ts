// lib/build: the parallel, cached per-article stage gives exactly what extractCorpus gives.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import { analyzeArticle, buildGazetteer, extractCorpus } from "@/lib/extract";
import { shapedMention } from "@/lib/extract/mention-shape";
import type { ArticleInput } from "@/lib/extract/types";
import { layoutDocument } from "@/lib/layout";
import {
  AnalysisCache,
  analyzeCorpus,
  articleKey,
  checkCodec,
  decodeAnalysis,
  encodeAnalysis,
  extractCorpusScaled,
  gazetteerKey,
  inShard,
  jsonChunks,
  Progress,
  writeJsonAtomic,
} from "@/lib/build";
import { appendSynthArticle, writeSynthCorpus } from "@/scripts/bench/corpus";

const root = path.resolve(__dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-build-scale-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const seeds = readCorpus(path.join(root, "graph-data/articles")).articles;
const synthDir = path.join(work, "synth");
let synth: ArticleInput[] = [];
let reference = "";

function serialize(doc: unknown): string {
  return JSON.stringify(doc, null, 1) + "\n";
}

beforeAll(() => {
  writeSynthCorpus(synthDir, { articles: 80, seed: 11 });
  synth = readCorpus(synthDir).articles;
  reference = serialize(extractCorpus(synth).document);
});

describe("codec", () => {
  it("should rebuild every sentence, token and mention of the seed articles", () => {
    const gazetteer = buildGazetteer([]);
    expect(checkCodec(gazetteer, seeds[0]).mode).toBe("compact");
    for (const article of seeds) {
      const analysis = analyzeArticle(article, gazetteer);
      const decoded = decodeAnalysis(encodeAnalysis(analysis, "compact"), article);
      expect(decoded.sentences.map((s) => ({ ...s, tokens: s.tokens }))).toEqual(analysis.sentences);
      // The same mentions, each made again in the one shape the corpus stage reads (every field, one order).
      expect(JSON.stringify(decoded.mentions)).toBe(JSON.stringify(analysis.mentions.map(shapedMention)));
      const shapes = new Set(decoded.mentions.map((m) => Object.keys(m).join(",")));
      expect([...shapes]).toEqual([Object.keys(shapedMention(analysis.mentions[0]!)).join(",")]);
      expect(decoded.acronyms).toEqual(analysis.acronyms);
      const full = decodeAnalysis(encodeAnalysis(analysis, "full"), article);
      expect(full.sentences).toEqual(analysis.sentences);
    }
  });

  it("should refuse an encoded analysis of another article", () => {
    const gazetteer = buildGazetteer([]);
    const encoded = encodeAnalysis(analyzeArticle(seeds[0]!, gazetteer), "compact");
    expect(() => decodeAnalysis(encoded, seeds[1]!)).toThrow(/not the one of article/);
    expect(() => decodeAnalysis("{", seeds[0]!)).toThrow(/cannot parse/);
  });
});

describe("cache keys", () => {
  it("should key the gazetteer by the set of publisher names, not their order or repeats", () => {
    const k = gazetteerKey(["Reuters", "Northgate Wire", "Reuters"]);
    expect(gazetteerKey(["Northgate Wire", "Reuters"])).toBe(k);
    expect(gazetteerKey(["Northgate Wire / Reuters"])).toBe(k);
    expect(gazetteerKey(["Reuters", "Northgate Wire", "Meridian Post"])).not.toBe(k);
    // Names the gazetteer cannot tell apart keep their order (the first one wins a match).
    expect(gazetteerKey(["Denik", "Deník"])).not.toBe(gazetteerKey(["Deník", "Denik"]));
  });

  it("should key an article by its content and metadata", () => {
    const a = seeds[0]!;
    expect(articleKey(a)).toBe(articleKey({ ...a, meta: { ...a.meta } }));
    expect(articleKey({ ...a, meta: { ...a.meta, sha256: "0".repeat(64) } })).not.toBe(articleKey(a));
    expect(articleKey({ ...a, meta: { ...a.meta, title: "Other" } })).not.toBe(articleKey(a));
  });

  it("should shard by id, stably and completely", () => {
    const ids = synth.map((a) => a.meta.id);
    const shards = [0, 1, 2].map((k) => ids.filter((id) => inShard(id, k, 3)));
    expect(shards.flat().sort()).toEqual([...ids].sort());
    for (const s of shards) expect(s.length).toBeGreaterThan(10);
  });
});

describe("parallel and cached per-article stage", () => {
  it("should give extractCorpus's document, byte for byte, on one thread and on three", async () => {
    const one = await extractCorpusScaled(synth, { jobs: 1, cacheDir: null });
    expect(one.timings.analyze).toMatchObject({ threads: 1, analyzed: 80, cached: 0, mode: "compact" });
    expect(serialize(one.document)).toBe(reference);
    const three = await extractCorpusScaled(synth, { jobs: 3, cacheDir: null, minCharsForWorkers: 0, mainThreadAnalyzes: false });
    expect(three.timings.analyze).toMatchObject({ threads: 3, analyzed: 80, analyzedByWorkers: 80 });
    expect(serialize(three.document)).toBe(reference);
    expect(three.report).toEqual(one.report);
  });

  it("should tell, past the per-article stage, what the corpus stage has done and how far its passes are", async () => {
    // 200 articles or more count as a long build, whose progress is shown.
    const dir = path.join(work, "progress");
    writeSynthCorpus(dir, { articles: 200, seed: 3 });
    const { articles } = readCorpus(dir);
    const lines: string[] = [];
    const progress = new Progress({ stream: { isTTY: false, write: (s: string) => (lines.push(s), true) }, quietForMs: 0, lineEveryMs: 0 });
    await extractCorpusScaled(articles, { jobs: 1, cacheDir: null, progress });
    const text = lines.join("");
    const order = [
      /newsgraph: corpus stage: resolving the entities of 200 articles …\n/,
      /newsgraph: corpus stage: entities resolved in \d+\.\d s\n/,
      /newsgraph: \d+\/200 articles read for relations \(\d+%\), [\d.]+ articles\/s, ETA \S+\n/,
      /newsgraph: corpus stage: relations found in \d+\.\d s\n/,
      /newsgraph: \d+\/200 articles read for meetings \(\d+%\)/,
      /newsgraph: \d+\/\d+ meeting accounts clustered \(\d+%\), [\d.]+ accounts\/s/,
      /newsgraph: corpus stage: meetings found and compared across articles in \d+\.\d s\n/,
      /newsgraph: corpus stage: graph assembled in \d+\.\d s\n/,
      /newsgraph: corpus stage done in \d+\.\d s\n/,
    ];
    let from = 0;
    for (const re of order) {
      const match = re.exec(text.slice(from));
      expect(match, `${re} after ${JSON.stringify(text.slice(from, from + 200))}`).not.toBeNull();
      from += match!.index + match![0].length;
    }
  });

  it("should give the same document with full analyses (the codec's fallback when tokens cannot be rebuilt)", async () => {
    const full = await extractCorpusScaled(synth, { jobs: 2, cacheDir: path.join(work, "cache-full"), mode: "full", minCharsForWorkers: 0, mainThreadAnalyzes: false });
    expect(full.timings.analyze).toMatchObject({ mode: "full", analyzedByWorkers: 80 });
    expect(serialize(full.document)).toBe(reference);
    const compact = await analyzeCorpus(synth, { jobs: 1, cacheDir: path.join(work, "cache-full") });
    expect(compact.stats.generation).not.toBe(full.timings.analyze.generation);
  });

  it("should serve a rebuild from the cache and re-analyze only an added article", async () => {
    const cacheDir = path.join(work, "cache-a");
    const cold = await extractCorpusScaled(synth, { jobs: 2, cacheDir, minCharsForWorkers: 0, mainThreadAnalyzes: false });
    expect(cold.timings.analyze).toMatchObject({ analyzed: 80, analyzedByWorkers: 80, cached: 0 });
    const warm = await extractCorpusScaled(synth, { jobs: 2, cacheDir, minCharsForWorkers: 0 });
    expect(warm.timings.analyze).toMatchObject({ analyzed: 0, cached: 80 });
    expect(serialize(warm.document)).toBe(reference);

    const grown = path.join(work, "grown");
    fs.cpSync(synthDir, grown, { recursive: true });
    appendSynthArticle(grown, 11, 80);
    const articles = readCorpus(grown).articles;
    const added = await extractCorpusScaled(articles, { jobs: 2, cacheDir, minCharsForWorkers: 0 });
    expect(added.timings.analyze).toMatchObject({ analyzed: 1, cached: 80 });
    expect(serialize(added.document)).toBe(serialize(extractCorpus(articles).document));
  });

  it("should start a new cache generation when the publishers change, and treat a damaged entry as a miss", async () => {
    const cacheDir = path.join(work, "cache-b");
    const first = await analyzeCorpus(seeds, { jobs: 1, cacheDir });
    const renamed = seeds.map((a, i) => (i === 0 ? { ...a, meta: { ...a.meta, publisher: "Meridian Post" } } : a));
    const second = await analyzeCorpus(renamed, { jobs: 1, cacheDir });
    expect(second.stats.generation).not.toBe(first.stats.generation);
    expect(second.stats).toMatchObject({ analyzed: 5, cached: 0 });
    // Damage one entry in place (its length kept): it reads as a miss and is analyzed again.
    const at = new AnalysisCache(cacheDir, second.stats.generation!).locate(articleKey(renamed[2]!))!;
    const fd = fs.openSync(at.file, "r+");
    fs.writeSync(fd, "{ damaged", at.start);
    fs.closeSync(fd);
    const third = await analyzeCorpus(renamed, { jobs: 1, cacheDir });
    expect(third.stats).toMatchObject({ analyzed: 1, cached: 4 });
    expect(new AnalysisCache(cacheDir, second.stats.generation!).size().entries).toBe(5);
    // The entry written again, in a later pack, wins over the damaged one from then on.
    const fourth = await analyzeCorpus(renamed, { jobs: 1, cacheDir });
    expect(fourth.stats).toMatchObject({ analyzed: 0, cached: 5 });
  });

  it("should analyze only the selected shard", async () => {
    const cacheDir = path.join(work, "cache-c");
    const a = await analyzeCorpus(synth, { jobs: 1, cacheDir, select: (x) => inShard(x.meta.id, 0, 2) });
    const b = await analyzeCorpus(synth, { jobs: 2, cacheDir, select: (x) => inShard(x.meta.id, 1, 2), keepAnalyses: false, minCharsForWorkers: 0 });
    expect(a.stats.analyzed + b.stats.analyzed).toBe(80);
    expect(a.analyses.filter(Boolean)).toHaveLength(a.stats.analyzed);
    expect(b.analyses.filter(Boolean)).toHaveLength(0);
    const again = await analyzeCorpus(synth, { jobs: 1, cacheDir, keepAnalyses: false });
    expect(again.stats).toMatchObject({ analyzed: 0, cached: 80 });
    const all = await analyzeCorpus(synth, { jobs: 1, cacheDir });
    expect(all.stats).toMatchObject({ analyzed: 0, cached: 80 });
  });

  it("should keep every complete entry of a pack cut short, as a build killed mid-write leaves it", () => {
    const cacheDir = path.join(work, "cache-cut");
    const keys = ["1", "2", "3"].map((c) => c.repeat(64));
    // Multi-byte text: lengths in the pack are bytes, not characters.
    const bodies = ['{"a":"Zürich – Łódź"}', '{"b":"北京"}', '{"c":"plain"}'];
    const writer = new AnalysisCache(cacheDir, "g".repeat(20));
    keys.forEach((key, i) => writer.put(key, bodies[i]!));
    writer.close();
    const file = writer.locate(keys[0]!)!.file;
    const reader = new AnalysisCache(cacheDir, "g".repeat(20));
    expect(keys.map((key) => reader.get(key))).toEqual(bodies);
    reader.close();
    fs.truncateSync(file, fs.statSync(file).size - 1); // the last entry's closing newline is gone
    const cut = new AnalysisCache(cacheDir, "g".repeat(20));
    expect(keys.map((key) => cut.has(key))).toEqual([true, true, false]);
    expect(cut.get(keys[1]!)).toBe(bodies[1]);
    expect(cut.size().entries).toBe(2);
    cut.close();
    expect(() => cut.put("not a key", "{}")).toThrow(/a cache key is 64 hex digits, got "not a key"/);
  });

  it("should read entries spread over many packs (one per build) with few files open at once", () => {
    const cacheDir = path.join(work, "cache-many");
    const keys = Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(64, "0"));
    // Forty builds, one entry each.
    for (const key of keys) {
      const build = new AnalysisCache(cacheDir, "m".repeat(20));
      build.put(key, JSON.stringify({ key }));
      build.close();
    }
    expect(fs.readdirSync(path.join(cacheDir, "m".repeat(20), "packs"))).toHaveLength(40);
    const cache = new AnalysisCache(cacheDir, "m".repeat(20));
    const openBefore = fs.readdirSync("/proc/self/fd").length;
    let mostOpen = 0;
    for (const key of keys) {
      expect(cache.get(key)).toBe(JSON.stringify({ key }));
      mostOpen = Math.max(mostOpen, fs.readdirSync("/proc/self/fd").length - openBefore);
    }
    cache.close();
    expect(mostOpen).toBeLessThanOrEqual(17);
    expect(fs.readdirSync("/proc/self/fd").length).toBeLessThanOrEqual(openBefore);
  });

  it("should still read entries stored one file per article (the earlier layout)", () => {
    const cacheDir = path.join(work, "cache-legacy");
    const key = "ab".repeat(32);
    fs.mkdirSync(path.join(cacheDir, "h".repeat(20), "ab"), { recursive: true });
    fs.writeFileSync(path.join(cacheDir, "h".repeat(20), "ab", `${key}.json`), '{"old":true}');
    const cache = new AnalysisCache(cacheDir, "h".repeat(20));
    expect(cache.has(key)).toBe(true);
    expect(cache.get(key)).toBe('{"old":true}');
    expect(cache.has("cd".repeat(32))).toBe(false);
    expect(cache.size()).toEqual({ entries: 1, bytes: 12 });
  });

  it("should keep the current cache generation and the two most recent others when pruning", () => {
    const cacheDir = path.join(work, "cache-d");
    const names = ["a", "b", "c", "d"].map((c) => c.repeat(20));
    names.forEach((name, i) => {
      fs.mkdirSync(path.join(cacheDir, name), { recursive: true });
      const t = new Date(Date.UTC(2025, 0, 1 + i));
      fs.utimesSync(path.join(cacheDir, name), t, t);
    });
    const removed = new AnalysisCache(cacheDir, names[0]!).prune(2);
    expect(removed).toEqual([names[1]]);
    expect(fs.readdirSync(cacheDir).sort()).toEqual([names[0], names[2], names[3]]);
  });
});

describe("streamed graph.json", () => {
  it("should write exactly JSON.stringify(doc, null, 1) + newline", () => {
    const doc = layoutDocument(extractCorpus(seeds).document, { seed: 42 });
    const file = path.join(work, "graph.json");
    const { bytes } = writeJsonAtomic(file, doc);
    const expected = serialize(doc);
    expect(fs.readFileSync(file, "utf8")).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
    expect(fs.readdirSync(work).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("should match JSON.stringify on any JSON-like value", () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ maxDepth: 5 }, fc.constant(undefined), fc.constant(null), fc.boolean(), fc.double(), fc.string(), tie("arr"), tie("obj")),
      arr: fc.array(tie("any"), { maxLength: 4 }),
      obj: fc.dictionary(fc.string(), tie("any"), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(fc.oneof(value.arr, value.obj), (v) => {
        expect([...jsonChunks(v)].join("")).toBe(JSON.stringify(v, null, 1));
        expect([...jsonChunks(v, 3, 0, true)].join("")).toBe(JSON.stringify(v));
      }),
      { numRuns: 300 },
    );
  });

  it("should write pieces across its write buffer's edges whole, multi-byte characters and all", () => {
    // Quotes in four scripts (2-, 3- and 4-byte UTF-8) repeated past the 1 MB buffer, and one
    // string larger than the buffer, which is written on its own.
    const quotes = ["Zoë met Łukasz in Kraków", "会談は東京で行われた", "Встреча в Москве", "talks 🤝 in Geneva"];
    const doc = {
      edges: Array.from({ length: 60_000 }, (_, i) => ({ key: `e${i}`, quote: quotes[i % quotes.length]!.repeat(1 + (i % 3)) })),
      large: "ü€𝄞".repeat(400_000),
    };
    for (const compact of [false, true]) {
      const file = path.join(work, `pieces-${compact}.json`);
      const { bytes } = writeJsonAtomic(file, doc, { compact });
      const expected = compact ? JSON.stringify(doc) + "\n" : serialize(doc);
      const written = fs.readFileSync(file);
      expect(written.length).toBeGreaterThan(3 << 20);
      expect(written.toString("utf8")).toBe(expected);
      expect(bytes).toBe(written.length);
    }
  });

  it("should write compact JSON + newline when asked (large graphs)", () => {
    const doc = layoutDocument(extractCorpus(seeds).document, { seed: 42 });
    const file = path.join(work, "graph.compact.json");
    const { bytes } = writeJsonAtomic(file, doc, { compact: true });
    const expected = JSON.stringify(doc) + "\n";
    expect(fs.readFileSync(file, "utf8")).toBe(expected);
    expect(bytes).toBe(Buffer.byteLength(expected));
  });
});
