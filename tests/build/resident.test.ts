// lib/build/resident.ts and lib/build/watch.ts: a build that stays running must write, after every
// change of the corpus, the graph a clean build makes of the corpus as it then stands, with the
// nodes' positions as the only difference (kept from the last graph.json, new nodes placed among
// their neighbours); its first graph.json is the clean build's, byte for byte. Fixtures: the five
// seed articles shipped in graph-data/articles (copies of ../shared/seeds) and a synthetic corpus
// from scripts/bench/corpus.ts (seeded).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GraphDocument } from "@/lib/contract";
import { readCorpus } from "@/lib/corpus";
import { extractCorpus, type ArticleInput } from "@/lib/extract";
import { layoutDocument } from "@/lib/layout";
import { COMPACT_GRAPH_JSON_ABOVE_EDGES, writeJsonAtomic } from "@/lib/jsonfile";
import { ResidentBuild } from "@/lib/build/resident";
import { describeUpdate, watchCorpus } from "@/lib/build/watch";
import { writeSynthCorpus } from "@/scripts/bench/corpus";

const seedsDir = path.resolve(__dirname, "../../graph-data/articles");
const seeds = readCorpus(seedsDir).articles;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-resident-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
let counter = 0;
const scratch = () => fs.mkdtempSync(path.join(work, `run${counter++}-`));

/** The clean build's graph.json bytes for `articles` (scripts/build-graph.ts: seeded layout, indented up to 20,000 edges). */
function cleanBytes(articles: readonly ArticleInput[]): Buffer {
  const file = path.join(scratch(), "clean.json");
  const laid = layoutDocument(extractCorpus(articles).document, { seed: 42 });
  writeJsonAtomic(file, laid, { compact: laid.graph.edges.length > COMPACT_GRAPH_JSON_ABOVE_EDGES });
  return fs.readFileSync(file);
}

/** A document with every node's position taken out, as JSON text. */
function withoutPositions(doc: GraphDocument): string {
  return JSON.stringify({ ...doc, graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => ({ ...n, attributes: { ...n.attributes, x: 0, y: 0 } })) } });
}

function positions(doc: GraphDocument): Map<string, string> {
  return new Map(doc.graph.nodes.map((n) => [n.key, `${n.attributes.x},${n.attributes.y}`]));
}

/** Expects graph.json to be what a clean build writes for `articles`, positions aside, and the update's document to be the file's. */
function expectCleanButPositions(out: string, document: GraphDocument, articles: readonly ArticleInput[]): void {
  const written = JSON.parse(fs.readFileSync(out, "utf8")) as GraphDocument;
  expect(JSON.stringify(written)).toBe(JSON.stringify(document));
  expect(withoutPositions(written)).toBe(withoutPositions(extractCorpus(articles).document));
}

describe("build: ResidentBuild", () => {
  it("should write the clean build's graph.json first, then follow additions, changes and removals with the drawn nodes kept in place", async () => {
    const out = path.join(scratch(), "graph.json");
    const resident = new ResidentBuild({ out, jobs: 1, cacheDir: null });
    const four = seeds.slice(0, 4);
    const first = await resident.update(four);
    expect(first.stats!.rebuilt).toBe("the first update");
    expect(first.stats!.layout).toBeNull();
    expect(fs.readFileSync(out).equals(cleanBytes(four))).toBe(true);

    // The fifth seed article comes in.
    const added = await resident.update(seeds);
    expect(added.stats).toMatchObject({ added: [seeds[4]!.meta.id], removed: [], changed: [], rebuilt: null });
    expect(added.stats!.analyze.analyzed).toBe(1);
    expectCleanButPositions(out, added.document, seeds);
    const before = positions(first.document);
    const after = positions(added.document);
    for (const [key, p] of before) if (after.has(key)) expect(after.get(key), key).toBe(p);
    expect(added.stats!.layout!.kept).toBe([...after.keys()].filter((k) => before.has(k)).length);
    expect(added.stats!.layout!.placedByNeighbours + added.stats!.layout!.placedAlone).toBe(after.size - added.stats!.layout!.kept);

    // An article's text changes (a sentence added), then one goes.
    const edited = seeds.map((a, i) => (i === 2 ? { ...a, text: `${a.text}\n\nThe minister met the ambassador in Geneva on Monday.\n`, meta: { ...a.meta, sha256: "changed" } } : a));
    const changed = await resident.update(edited);
    expect(changed.stats).toMatchObject({ added: [], removed: [], changed: [seeds[2]!.meta.id] });
    expectCleanButPositions(out, changed.document, edited);
    const fewer = edited.filter((_, i) => i !== 0);
    const removed = await resident.update(fewer);
    expect(removed.stats).toMatchObject({ added: [], removed: [seeds[0]!.meta.id], changed: [] });
    expect(removed.stats!.analyze.analyzed).toBe(0);
    expectCleanButPositions(out, removed.document, fewer);

    // The same corpus again: nothing is done and graph.json is not touched.
    const mtime = fs.statSync(out).mtimeMs;
    const same = await resident.update(fewer);
    expect(same.stats).toBeNull();
    expect(same.document).toBe(removed.document);
    expect(fs.statSync(out).mtimeMs).toBe(mtime);
  });

  it("should make the corpus stage again from every analysis when the publishers change, keeping the positions", async () => {
    const out = path.join(scratch(), "graph.json");
    const resident = new ResidentBuild({ out, jobs: 1, cacheDir: null });
    const first = await resident.update(seeds);
    const renamed = seeds.map((a, i) => (i === 1 ? { ...a, meta: { ...a.meta, publisher: "The Evening Courier" } } : a));
    const update = await resident.update(renamed);
    expect(update.stats!.rebuilt).toBe("the set of publishers changed, and with it every analysis");
    expect(update.stats!.analyze.analyzed).toBe(seeds.length);
    expect(update.stats!.layout).not.toBeNull();
    expectCleanButPositions(out, update.document, renamed);
    const before = positions(first.document);
    for (const [key, p] of positions(update.document)) if (before.has(key)) expect(p, key).toBe(before.get(key));
  });

  it("should copy most of graph.json from the last one when one article of a larger corpus is added", async () => {
    // A synthetic corpus of 120 articles (scripts/bench/corpus.ts, seed 5); the last by name comes in last.
    const dir = scratch();
    writeSynthCorpus(dir, { articles: 120, seed: 5 });
    const { articles } = readCorpus(dir);
    const out = path.join(scratch(), "graph.json");
    const resident = new ResidentBuild({ out, jobs: 1, cacheDir: path.join(path.dirname(out), ".cache") });
    await resident.update(articles.slice(0, -1));
    const update = await resident.update(articles);
    expect(update.stats!.analyze).toMatchObject({ analyzed: 1, cached: 0 });
    expect(update.stats!.reusedBytes / update.stats!.bytes).toBeGreaterThan(0.5);
    expectCleanButPositions(out, update.document, articles);
    expect(describeUpdate(update.stats!, "graph.json")).toMatch(/^newsgraph: \+1 article \(.+\) → [\d,]+ nodes, [\d,]+ edges → graph\.json in .+ \[analyzed 1, cached 0; corpus .+; layout .+ placed, the others kept; write .+% of it copied from the last graph\.json\]$/);

    // A second resident build over the same cache analyzes nothing.
    const again = new ResidentBuild({ out: path.join(scratch(), "graph.json"), jobs: 1, cacheDir: path.join(path.dirname(out), ".cache") });
    expect((await again.update(articles)).stats!.analyze).toMatchObject({ analyzed: 0, cached: articles.length });
  });

  it("should leave graph.json as it was when it cannot be written, and write it at the next update", async () => {
    const out = path.join(scratch(), "graph.json");
    const resident = new ResidentBuild({ out, jobs: 1, cacheDir: null });
    await resident.update(seeds.slice(0, 3));
    // graph.json replaced by a folder: the rename onto it fails.
    fs.rmSync(out);
    fs.mkdirSync(out);
    await expect(resident.update(seeds)).rejects.toThrow();
    expect(fs.statSync(out).isDirectory()).toBe(true);
    fs.rmdirSync(out);
    // The same corpus: the corpus stage holds it already, graph.json is still to write.
    const retry = await resident.update(seeds);
    expect(retry.stats).not.toBeNull();
    expect(retry.stats!.analyze.analyzed).toBe(0);
    expectCleanButPositions(out, retry.document, seeds);
  });

  it("should refuse bad arguments, naming them", async () => {
    expect(() => new ResidentBuild({ out: "" })).toThrow("newsgraph/build: a resident build needs the graph.json to write (out)");
    const resident = new ResidentBuild({ out: path.join(scratch(), "graph.json"), cacheDir: null });
    await expect(resident.update("x" as unknown as ArticleInput[])).rejects.toThrow("newsgraph/build: a resident build's update needs the corpus's articles (an array)");
    await expect(resident.update([seeds[0]!, seeds[0]!])).rejects.toThrow(`newsgraph/build: article id "${seeds[0]!.meta.id}" is given twice`);
  });
});

describe("build: watchCorpus", () => {
  it("should bring graph.json up to date as files are added, broken and removed, and say what went wrong", async () => {
    const dir = scratch();
    for (const a of seeds.slice(0, 3)) fs.copyFileSync(path.join(seedsDir, a.meta.file), path.join(dir, a.meta.file));
    const out = path.join(scratch(), "graph.json");
    const updates: string[] = [];
    const errors: string[] = [];
    const session = await watchCorpus({
      articles: dir,
      out,
      jobs: 1,
      cacheDir: null,
      quietMs: 50,
      onUpdate: (stats) => updates.push(`+${stats.added.length} -${stats.removed.length} ~${stats.changed.length}`),
      onError: (error) => errors.push((error as Error).message),
    });
    try {
      expect(updates).toEqual(["+3 -0 ~0"]);
      const waitFor = async (what: () => boolean) => {
        for (let i = 0; i < 200 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
        await session.idle();
      };
      fs.copyFileSync(path.join(seedsDir, seeds[3]!.meta.file), path.join(dir, seeds[3]!.meta.file));
      await waitFor(() => updates.length === 2);
      expect(updates[1]).toBe("+1 -0 ~0");
      expectCleanButPositions(out, JSON.parse(fs.readFileSync(out, "utf8")) as GraphDocument, readCorpus(dir).articles);

      // A file that is not UTF-8 stops the read: graph.json stays, the error names the file.
      const bytes = fs.readFileSync(out);
      fs.writeFileSync(path.join(dir, "zz-broken.txt"), Buffer.from([0x41, 0xff, 0xfe, 0x42]));
      await waitFor(() => errors.length === 1);
      expect(errors[0]).toContain('"zz-broken.txt"');
      expect(fs.readFileSync(out).equals(bytes)).toBe(true);

      fs.rmSync(path.join(dir, "zz-broken.txt"));
      fs.rmSync(path.join(dir, seeds[0]!.meta.file));
      await waitFor(() => updates.length === 3);
      expect(updates[2]).toBe("+0 -1 ~0");
      expectCleanButPositions(out, JSON.parse(fs.readFileSync(out, "utf8")) as GraphDocument, readCorpus(dir).articles);
      expect(session.failures).toBe(1);
    } finally {
      await session.close();
    }
    expect(await session.ended).toBeNull();
  });
});
