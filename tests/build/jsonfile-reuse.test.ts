// lib/jsonfile: writeJsonAtomicReusing rewrites graph.json copying the items that are the same
// objects as last time from the file it wrote then. Whatever is reused, the file must hold exactly
// the bytes writeJsonAtomic writes, and the ranges it returns must point at each item's text, since
// the next write copies them. Every document here is made by a seeded generator.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { writeJsonAtomic, writeJsonAtomicReusing, type WrittenRanges } from "@/lib/jsonfile";
import { seededRandom } from "@/lib/layout";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-jsonfile-reuse-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A seeded generator (mulberry32), so each run writes the same documents. */
const random = seededRandom;

const WORDS = ["talks", "Zürich", "café", "漢字", "東京", "🙂", "Łódź", "naïve", "\"quoted\"", "back\\slash", "line\nbreak", "tab\tstop", "€100", "𝄞"];

function text(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]!).join(" ");
}

type Edge = { key: string; source: string; target: string; attributes: { type: string; weight: number; passages: { article: string; quote: string }[] } };
type GraphNode = { key: string; attributes: { label: string; x: number; y: number; aliases: string[] } };
type Doc = {
  version: number;
  articles: { id: string; title: string; tags: string[] }[];
  graph: { options: Record<string, unknown>; attributes: Record<string, unknown>; nodes: unknown[]; edges: unknown[] };
  conflicts: unknown[];
};

let serial = 0;

function makeEdge(rand: () => number): Edge {
  const id = serial++;
  return {
    key: `e${id}`,
    source: `person:${Math.floor(rand() * 50)}`,
    target: `org:${Math.floor(rand() * 50)}`,
    attributes: {
      type: rand() < 0.5 ? "WORKS_FOR" : "MET",
      weight: Math.round(rand() * 1000) / 100,
      passages: Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => ({ article: `a${(id + i) % 40}`, quote: text(rand, 3 + Math.floor(rand() * 8)) })),
    },
  };
}

function makeNode(rand: () => number, i: number): GraphNode {
  return { key: `person:${i}`, attributes: { label: text(rand, 2), x: rand() * 100 - 50, y: rand() * 100 - 50, aliases: [text(rand, 1)] } };
}

function makeDoc(rand: () => number, edges: number): Doc {
  return {
    version: 1,
    articles: Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, title: text(rand, 5), tags: [text(rand, 1), "漢字"] })),
    graph: {
      options: { type: "mixed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes: Array.from({ length: 30 }, (_, i) => makeNode(rand, i)),
      edges: Array.from({ length: edges }, () => makeEdge(rand)),
    },
    conflicts: [{ key: "c1", claims: [text(rand, 4), text(rand, 4)] }],
  };
}

/** The document with the graph's arrays replaced (the rest shared): what a build makes after a change. */
function withGraph(doc: Doc, nodes: unknown[], edges: unknown[]): Doc {
  return { ...doc, graph: { ...doc.graph, nodes, edges } };
}

/** An edge that makes its own compact text, as the build's AssembledEdge does; counts the texts it makes. */
class OwnTextEdge {
  static texts = 0;
  constructor(
    readonly key: string,
    readonly quote: string,
  ) {}
  toJSON(): unknown {
    return { key: this.key, attributes: { quote: this.quote, list: [1, 2] } };
  }
  toJSONText(): string {
    OwnTextEdge.texts++;
    return JSON.stringify(this.toJSON());
  }
}

/** Writes `value` with writeJsonAtomicReusing and checks the file against writeJsonAtomic's, byte for byte. */
function writeChecked(file: string, value: unknown, compact: boolean, previous: WrittenRanges | null): { bytes: number; reusedBytes: number; ranges: WrittenRanges } {
  const result = writeJsonAtomicReusing(file, value, { compact, previous });
  const reference = path.join(work, "reference.json");
  writeJsonAtomic(reference, value, { compact });
  const got = fs.readFileSync(file);
  const want = fs.readFileSync(reference);
  if (!got.equals(want)) {
    // Say where they part, rather than printing two large files.
    let at = 0;
    while (at < got.length && got[at] === want[at]) at++;
    expect(got.subarray(Math.max(0, at - 80), at + 80).toString("utf8")).toBe(want.subarray(Math.max(0, at - 80), at + 80).toString("utf8"));
  }
  expect(got.equals(want)).toBe(true);
  // And writeJsonAtomic's bytes are JSON.stringify's.
  expect(got.toString("utf8")).toBe((compact ? JSON.stringify(value) : JSON.stringify(value, null, 1)) + "\n");
  expect(result.bytes).toBe(got.length);
  expect(result.reusedBytes).toBeLessThanOrEqual(result.bytes);
  checkRanges(result.ranges, got, compact);
  return result;
}

/** Each recorded range, cut from the file, is its item's text at its level (and so parses to it). */
function checkRanges(ranges: WrittenRanges, bytes: Buffer, compact: boolean): void {
  const wrong: { item: unknown; cut: string }[] = [];
  for (const item of ranges.items()) {
    const range = ranges.rangeOf(item)!;
    const cut = bytes.subarray(range.start, range.end).toString("utf8");
    // (An own-text item's toJSONText equals JSON.stringify's text, which goes through its toJSON.)
    const textOf = compact ? JSON.stringify(item) : JSON.stringify(item, null, 1).replace(/\n/g, `\n${" ".repeat(range.level)}`);
    // The text, so also what it parses to (one expect for all: thousands of items per write).
    if (cut !== textOf || JSON.stringify(JSON.parse(cut)) !== JSON.stringify(item)) wrong.push({ item, cut });
  }
  expect(wrong.slice(0, 3)).toEqual([]);
}

/** The items of `list` that are objects, as a set (what the ranges should hold for one leaf array). */
function objectsOf(...lists: unknown[][]): Set<object> {
  return new Set(lists.flat().filter((x): x is object => x !== null && typeof x === "object"));
}

describe("lib/jsonfile: writeJsonAtomicReusing", () => {
  it("should write writeJsonAtomic's bytes with no previous write, indented and compact, and record every node and edge", () => {
    const rand = random(1);
    const doc = makeDoc(rand, 300);
    for (const compact of [false, true]) {
      const file = path.join(work, `first-${compact}.json`);
      const { reusedBytes, ranges } = writeChecked(file, doc, compact, null);
      expect(reusedBytes).toBe(0);
      // The nodes and edges are the items written whole (articles and conflicts are streamed above that depth).
      expect(new Set(ranges.items())).toEqual(objectsOf(doc.graph.nodes, doc.graph.edges));
      expect(ranges.file).toBe(path.resolve(file));
      expect(ranges.size).toBe(fs.statSync(file).size);
    }
  });

  it("should copy the edges that are the same objects, and still write exactly writeJsonAtomic's bytes after edges are replaced, removed, inserted and moved", () => {
    for (const compact of [false, true]) {
      const rand = random(compact ? 2 : 3);
      const file = path.join(work, `second-${compact}.json`);
      const doc = makeDoc(rand, 2000);
      const first = writeChecked(file, doc, compact, null);

      const edges = [...doc.graph.edges];
      for (let k = 0; k < 20; k++) edges[Math.floor(rand() * edges.length)] = makeEdge(rand); // replaced
      for (let k = 0; k < 15; k++) edges.splice(Math.floor(rand() * edges.length), 1); // removed
      for (let k = 0; k < 15; k++) edges.splice(Math.floor(rand() * edges.length), 0, makeEdge(rand)); // inserted
      for (let k = 0; k < 10; k++) {
        // moved: two neighbours swapped, and one edge taken far away
        const i = Math.floor(rand() * (edges.length - 1));
        [edges[i], edges[i + 1]] = [edges[i + 1]!, edges[i]!];
      }
      edges.push(edges.splice(100, 1)[0]!);
      const nodes = doc.graph.nodes.map((node, i) => (i % 7 === 0 ? makeNode(rand, i) : node));
      const next = withGraph(doc, nodes, edges);

      const second = writeChecked(file, next, compact, first.ranges);
      // Little changed: most of the file is copied.
      expect(second.reusedBytes).toBeGreaterThan(second.bytes * 0.85);
      expect(new Set(second.ranges.items())).toEqual(objectsOf(nodes, edges));

      // The ranges of the second write serve a third (reused items and serialised ones alike).
      const third = writeChecked(file, withGraph(next, nodes, [makeEdge(rand), ...edges.slice(1)]), compact, second.ranges);
      expect(third.reusedBytes).toBeGreaterThan(third.bytes * 0.9);
    }
  });

  it("should copy the text of edges that write their own JSON instead of asking them for it, writing compact", () => {
    const rand = random(4);
    const file = path.join(work, "own-text.json");
    const edges = Array.from({ length: 500 }, (_, i) => new OwnTextEdge(`e${i}`, text(rand, 6)));
    const doc = withGraph(makeDoc(rand, 0), [], edges);
    const first = writeChecked(file, doc, true, null);

    const changed = [...edges];
    const fresh = [new OwnTextEdge("new1", "漢字 🙂"), new OwnTextEdge("new2", "café")];
    changed[10] = fresh[0]!;
    changed.splice(300, 0, fresh[1]!);
    OwnTextEdge.texts = 0;
    const result = writeJsonAtomicReusing(file, withGraph(doc, [], changed), { compact: true, previous: first.ranges });
    // Only the new edges were asked for their text; the rest came from the file.
    expect(OwnTextEdge.texts).toBe(fresh.length);
    expect(result.reusedBytes).toBeGreaterThan(result.bytes * 0.9);
    writeJsonAtomic(path.join(work, "own-text-reference.json"), withGraph(doc, [], changed), { compact: true });
    expect(fs.readFileSync(file).equals(fs.readFileSync(path.join(work, "own-text-reference.json")))).toBe(true);
    checkRanges(result.ranges, fs.readFileSync(file), true);
  });

  it("should reuse nothing from a file someone else wrote since, even in place with the same size and time", async () => {
    for (const compact of [false, true]) {
      const rand = random(5);
      const file = path.join(work, `changed-${compact}.json`);
      const doc = makeDoc(rand, 400);
      const first = writeChecked(file, doc, compact, null);

      // Rewritten by another writer with other content.
      writeJsonAtomic(file, makeDoc(random(6), 400), { compact });
      const afterRewrite = writeChecked(file, doc, compact, first.ranges);
      expect(afterRewrite.reusedBytes).toBe(0);

      // Written into in place with bytes of the same length, and its modification time put back to
      // the nanosecond (touch does; utimes takes a double): only its change time tells (which some
      // file systems keep to a few milliseconds, hence the wait).
      await new Promise((resolve) => setTimeout(resolve, 30));
      const before = fs.statSync(file, { bigint: true });
      const bytes = fs.readFileSync(file);
      const edge = doc.graph.edges[5] as Edge;
      const range = afterRewrite.ranges.rangeOf(edge)!;
      // Same-length edit inside the edge's key ("e123" → "x123"): the text stays JSON.
      const keyAt = bytes.indexOf(`"${edge.key}"`, range.start) + 1;
      bytes[keyAt] = "x".charCodeAt(0);
      fs.writeFileSync(file, bytes);
      const nanos = before.mtimeNs % 1_000_000_000n;
      execFileSync("touch", ["-m", "-d", `@${before.mtimeNs / 1_000_000_000n}.${nanos.toString().padStart(9, "0")}`, file]);
      const after = fs.statSync(file, { bigint: true });
      expect(after.size).toBe(before.size);
      expect(after.mtimeNs).toBe(before.mtimeNs);
      expect(after.ino).toBe(before.ino);
      const afterEdit = writeChecked(file, doc, compact, afterRewrite.ranges);
      expect(afterEdit.reusedBytes).toBe(0);

      // Ranges of another file, or written the other way (compact or not), are not used either.
      const other = path.join(work, `changed-other-${compact}.json`);
      expect(writeChecked(other, doc, compact, afterEdit.ranges).reusedBytes).toBe(0);
      expect(writeChecked(file, doc, !compact, afterEdit.ranges).reusedBytes).toBe(0);
    }
  });

  it("should write again from the values when the previous file is written into or cut while it is copied from", () => {
    // An edge that, when written, does something to the file being rewritten (once).
    class Saboteur {
      private done = false;
      constructor(private readonly act: () => void) {}
      private once(): void {
        if (!this.done) this.act();
        this.done = true;
      }
      toJSON(): unknown {
        this.once();
        return { sabotage: "漢字" };
      }
      toJSONText(): string {
        this.once();
        return JSON.stringify(this.toJSON());
      }
    }
    for (const compact of [false, true]) {
      const rand = random(12);
      const file = path.join(work, `sabotaged-${compact}.json`);
      const doc = makeDoc(rand, 400);
      const first = writeChecked(file, doc, compact, null);
      const edges = doc.graph.edges as Edge[];
      const range = first.ranges.rangeOf(edges[200]!)!;
      const actions = [
        // The same number of bytes, in the middle of an edge that is copied later.
        () => {
          const fd = fs.openSync(file, "r+");
          fs.writeSync(fd, "[", range.start);
          fs.closeSync(fd);
        },
        // The file cut before the edges copied later.
        () => fs.truncateSync(file, range.start),
      ];
      for (const act of actions) {
        const { ranges } = writeChecked(file, doc, compact, null);
        // The saboteur is new, so it is written (and acts) before the other edges are copied.
        const result = writeChecked(file, withGraph(doc, doc.graph.nodes, [new Saboteur(act), ...edges]), compact, ranges);
        expect(result.reusedBytes).toBe(0);
      }
    }
  });

  it("should write everything from the values when the previous file is gone", () => {
    for (const compact of [false, true]) {
      const rand = random(7);
      const file = path.join(work, `deleted-${compact}.json`);
      const doc = makeDoc(rand, 300);
      const first = writeChecked(file, doc, compact, null);
      fs.rmSync(file);
      expect(writeChecked(file, doc, compact, first.ranges).reusedBytes).toBe(0);
    }
  });

  it("should write writeJsonAtomic's bytes through a chain of 20 random updates, each reusing the write before", () => {
    for (const compact of [false, true]) {
      const rand = random(compact ? 8 : 9);
      const file = path.join(work, `chain-${compact}.json`);
      let doc = makeDoc(rand, 600);
      let previous: WrittenRanges | null = writeChecked(file, doc, compact, null).ranges;
      let reusedSteps = 0;
      for (let step = 0; step < 20; step++) {
        const edges = [...doc.graph.edges];
        const nodes = [...doc.graph.nodes];
        const changes = 1 + Math.floor(rand() * 30);
        for (let k = 0; k < changes; k++) {
          const r = rand();
          const i = Math.floor(rand() * edges.length);
          if (r < 0.25) edges[i] = makeEdge(rand);
          else if (r < 0.4) edges.splice(i, 1);
          else if (r < 0.55) edges.splice(i, 0, makeEdge(rand));
          else if (r < 0.65 && i + 1 < edges.length) [edges[i], edges[i + 1]] = [edges[i + 1]!, edges[i]!];
          else if (r < 0.72) edges.splice(i, 0, edges[Math.floor(rand() * edges.length)]!); // the same object twice
          else if (r < 0.78) edges.splice(i, 0, null, 7, "text"); // items that are not objects break the runs
          else if (r < 0.85) edges.splice(i, 0, new OwnTextEdge(`own${serial++}`, text(rand, 3)));
          else if (r < 0.92) nodes[Math.floor(rand() * nodes.length)] = makeNode(rand, Math.floor(rand() * 30));
          else edges.reverse();
        }
        // Now and then an edge moves to a place where it is not written whole (inside a conflict),
        // and the whole document gets a new version number (the pieces around the items change).
        const conflicts = rand() < 0.3 ? [{ key: `c${step}`, about: edges[0], claims: [text(rand, 2)] }] : doc.conflicts;
        doc = { ...withGraph(doc, nodes, edges), version: doc.version + (rand() < 0.3 ? 1 : 0), conflicts };
        // Now and then someone else rewrites the file: that step reuses nothing.
        const outside = step % 9 === 8;
        if (outside) writeJsonAtomic(file, makeDoc(random(step), 50), { compact });
        const result = writeChecked(file, doc, compact, previous);
        if (outside) expect(result.reusedBytes).toBe(0);
        if (result.reusedBytes > 0) reusedSteps++;
        previous = result.ranges;
      }
      expect(reusedSteps).toBeGreaterThanOrEqual(15);
    }
  });

  it("should serialise again an item met at another level when indented, and copy it when compact", () => {
    // Values that write their own JSON are written whole at any level (the build's edges are);
    // indented, their text is indented by their level, so a copy from another level would be wrong.
    const rand = random(10);
    const own = Array.from({ length: 40 }, (_, i) => new OwnTextEdge(`o${i}`, text(rand, 4)));
    const plain = Array.from({ length: 40 }, () => makeEdge(rand));
    const atLevel3 = { graph: { nodes: [], edges: [...own, ...plain] } };
    const atLevel2 = { conflicts: [...own], graph: { nodes: [], edges: [...plain] } };
    // (Plain objects are written whole only at level 3: here inside two arrays below the top one.)
    const atLevel1 = [...own, [[...plain]]];
    for (const compact of [false, true]) {
      const file = path.join(work, `levels-${compact}.json`);
      let previous = writeChecked(file, atLevel3, compact, null).ranges;
      expect(previous.rangeOf(own[0]!)!.level).toBe(3);
      for (const doc of [atLevel2, atLevel1, atLevel3, atLevel1]) {
        const result = writeChecked(file, doc, compact, previous);
        // The plain edges stay at level 3 throughout, and are copied.
        expect(result.reusedBytes).toBeGreaterThan(0);
        previous = result.ranges;
      }
      // Written the other way round since: nothing is copied, the bytes are still right.
      const flipped = writeChecked(file, atLevel2, !compact, previous);
      expect(flipped.reusedBytes).toBe(0);
    }
    // Compact, the own-text edges are copied wherever they move: only the one never written is asked.
    const file = path.join(work, "levels-compact-own.json");
    const first = writeChecked(file, atLevel3, true, null);
    const newcomer = new OwnTextEdge("newcomer", "🙂");
    OwnTextEdge.texts = 0;
    writeChecked(file, [...atLevel1, newcomer], true, first.ranges);
    // writeChecked's own reference write asks every own-text edge once more (41), the reusing write only the newcomer.
    expect(OwnTextEdge.texts).toBe(own.length + 2);
  });

  it("should copy runs longer than the writer's block, and items between blocks", () => {
    const rand = random(11);
    const file = path.join(work, "large.json");
    // About 3 MB of edges: runs span several 1 MB blocks.
    const doc = makeDoc(rand, 12_000);
    for (const compact of [true, false]) {
      const first = writeChecked(file, doc, compact, null);
      const edges = [...doc.graph.edges];
      edges[6000] = makeEdge(rand);
      const second = writeChecked(file, withGraph(doc, doc.graph.nodes, edges), compact, first.ranges);
      expect(second.reusedBytes).toBeGreaterThan(second.bytes * 0.95);
      const unchanged = writeChecked(file, withGraph(doc, doc.graph.nodes, edges), compact, second.ranges);
      expect(unchanged.reusedBytes).toBeGreaterThan(unchanged.bytes * 0.95);
      // The edges around the replaced one are copied in two runs, a read per megabyte (or less), not one per edge.
      const reads = vi.spyOn(fs, "readSync");
      try {
        edges[3000] = makeEdge(rand);
        const third = writeJsonAtomicReusing(file, withGraph(doc, doc.graph.nodes, edges), { compact, previous: unchanged.ranges });
        expect(third.reusedBytes).toBeGreaterThan(third.bytes * 0.95);
        expect(reads.mock.calls.length).toBeLessThanOrEqual(Math.ceil(third.bytes / (1 << 20)) + 4);
      } finally {
        reads.mockRestore();
      }
      writeChecked(file, withGraph(doc, doc.graph.nodes, edges), compact, null);
    }
  });
});
