// lib/jsonfile: graph.json files larger than V8's longest string are parsed chunk by chunk. The
// chunked parser must give exactly what JSON.parse gives, and refuse exactly what it refuses,
// wherever the chunks are cut (seeded random values, texts and cuts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { jsonBytes, JsonSyntaxError, parseJsonChunks, readJsonFile, readJsonFileAsync, writeJsonAtomic, writeJsonAtomicDeferred } from "@/lib/jsonfile";
import { documentStamp } from "@/lib/neo4j/load";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-jsonfile-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `text` cut at the given positions (sorted, deduplicated, inside the text). */
function cut(text: string, positions: number[]): string[] {
  const at = [...new Set(positions.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of at) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: run() };
  } catch {
    return { ok: false };
  }
}

describe("jsonfile", () => {
  it("should parse any JSON text like JSON.parse, however it is cut and whatever the depth", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), fc.integer({ min: 0, max: 5 }), (value, pretty, cuts, depth) => {
        const text = pretty ? JSON.stringify(value, null, 1) : JSON.stringify(value);
        expect(parseJsonChunks(cut(text, cuts), depth)).toEqual(JSON.parse(text));
      }),
      { numRuns: 600, seed: 9 },
    );
  });

  it("should refuse exactly what JSON.parse refuses (texts with one character removed, doubled or replaced)", () => {
    const noise = [",", ":", "{", "}", "[", "]", '"', "\\", " ", "1", "-", "e", "n", "\u00a0", "\ufeff"];
    let refused = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.nat({ max: noise.length - 1 }), fc.integer({ min: 0, max: 2 }), fc.array(fc.nat(), { maxLength: 6 }), (value, where, pick, edit, cuts) => {
        const text = JSON.stringify(value, null, 1);
        const p = where % (text.length + 1);
        const broken =
          edit === 0 ? text.slice(0, p) + text.slice(p + 1) : edit === 1 ? text.slice(0, p) + text.charAt(p) + text.slice(p) : text.slice(0, p) + noise[pick] + text.slice(p + 1);
        const expected = outcome(() => JSON.parse(broken));
        const actual = outcome(() => parseJsonChunks(cut(broken, cuts), 3));
        expect(actual.ok, JSON.stringify(broken)).toBe(expected.ok);
        if (expected.ok && actual.ok) expect(actual.value).toEqual(expected.value);
        if (!expected.ok) refused++;
      }),
      { numRuns: 1500, seed: 17 },
    );
    expect(refused).toBeGreaterThan(300);
  });

  it("should make the bytes of JSON.stringify piece by piece, and the Neo4j stamp from them", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(jsonBytes(value).equals(Buffer.from(JSON.stringify(value), "utf8"))).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
    const doc = { version: 1, articles: [{ id: "a" }], graph: { nodes: [{ key: "person:ł", attributes: { label: "Łódź 🙂" } }], edges: [] }, conflicts: [] };
    expect(documentStamp(doc as never)).toBe(createHash("sha256").update(JSON.stringify(doc)).digest("hex"));
  });

  it("should write the text of JSON.stringify, indented by one space or compact, whatever the value", () => {
    const file = path.join(work, "written.json");
    const same = (value: unknown) => {
      writeJsonAtomic(file, value);
      expect(fs.readFileSync(file, "utf8")).toBe(JSON.stringify(value, null, 1) + "\n");
      writeJsonAtomic(file, value, { compact: true });
      expect(fs.readFileSync(file, "utf8")).toBe(JSON.stringify(value) + "\n");
    };
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), same), { numRuns: 300, seed: 11 });
    // What JSON.stringify drops or turns into null, and a value that writes itself (toJSON), at
    // every level the writer walks and below.
    const odd = [undefined, () => 1, Symbol("s"), { toJSON: () => ({ a: [1, "x"] }) }, null, "é\n🙂"];
    same(odd);
    same({ a: odd, b: { c: odd, d: [odd, { e: odd }] }, f: undefined });
    same({ version: 1, graph: { nodes: [{ key: "k", attributes: { x: 1, list: [1, 2] } }, odd], edges: [] } });
  });

  it("should take an item's own JSON text when writing compact, and JSON.stringify's when indented", () => {
    // A large graph's edges write themselves (toJSONText, which must equal JSON.stringify's text).
    const file = path.join(work, "own-text.json");
    const item = { toJSON: () => ({ by: "toJSON" }), toJSONText: () => '{"by":"itself"}' };
    const value = { graph: { nodes: [], edges: [item, item] } };
    writeJsonAtomic(file, value, { compact: true });
    expect(fs.readFileSync(file, "utf8")).toBe('{"graph":{"nodes":[],"edges":[{"by":"itself"},{"by":"itself"}]}}\n');
    writeJsonAtomic(file, value);
    expect(fs.readFileSync(file, "utf8")).toBe(JSON.stringify(value, null, 1) + "\n");
  });

  it("should write a value given later into the same bytes as writing it whole, indented or compact", async () => {
    const file = path.join(work, "deferred.json");
    const same = async (value: Record<string, unknown>, at: string[], later: unknown) => {
      const whole = structuredClone(value);
      if (at.length === 1) whole[at[0]!] = later;
      else (whole[at[0]!] as Record<string, unknown>)[at[1]!] = later;
      for (const compact of [false, true]) {
        const { bytes } = await writeJsonAtomicDeferred(file, value, at, Promise.resolve(later), { compact });
        const text = fs.readFileSync(file, "utf8");
        expect(text).toBe((compact ? JSON.stringify(whole) : JSON.stringify(whole, null, 1)) + "\n");
        expect(bytes).toBe(Buffer.byteLength(text));
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), fc.array(fc.jsonValue({ maxDepth: 4 })), fc.jsonValue({ maxDepth: 4 }), async (edges, nodes, rest) => {
        await same({ version: 1, graph: { options: { multi: true }, nodes: [], edges }, rest }, ["graph", "nodes"], nodes);
        await same({ first: rest, nodes: null, last: edges }, ["nodes"], nodes);
      }),
      { numRuns: 100, seed: 12 },
    );
    // The tail (everything after the value) larger than the writer's 1 MB block, with non-ASCII text.
    const edges = Array.from({ length: 30_000 }, (_, i) => ({ key: `e${i}`, attributes: { quote: "Zürich — «talks» 🙂", i } }));
    await same({ version: 1, graph: { nodes: [], edges }, conflicts: [] }, ["graph", "nodes"], [{ key: "n", attributes: { x: 1.5, y: -2 } }]);
    expect(fs.readdirSync(work).filter((name) => name.startsWith(".deferred.json.tmp-"))).toEqual([]);
  });

  it("should leave the previous file and no temp file when the value given later fails, and name a path it cannot defer", async () => {
    const file = path.join(work, "deferred-kept.json");
    writeJsonAtomic(file, { kept: true });
    const failure = new Error("the layout worker failed");
    await expect(writeJsonAtomicDeferred(file, { graph: { nodes: [], edges: [1, 2] } }, ["graph", "nodes"], Promise.reject(failure))).rejects.toBe(failure);
    expect(fs.readFileSync(file, "utf8")).toBe(JSON.stringify({ kept: true }, null, 1) + "\n");
    expect(fs.readdirSync(work).filter((name) => name.startsWith(".deferred-kept.json.tmp-"))).toEqual([]);
    await expect(writeJsonAtomicDeferred(file, { graph: [] }, ["graph", "nodes"], Promise.resolve([]))).rejects.toThrow(/newsgraph\/json: the value has no key path \["graph","nodes"\] to defer/);
    await expect(writeJsonAtomicDeferred(file, { a: 1 }, [], Promise.resolve([]))).rejects.toThrow(/newsgraph\/json: a deferred value needs a path of one key or more, got \[\]/);
    expect(fs.readFileSync(file, "utf8")).toBe(JSON.stringify({ kept: true }, null, 1) + "\n");
  });

  it("should keep __proto__ as an own key, as JSON.parse does", () => {
    const text = '{"a":{"__proto__":{"x":1}},"__proto__":[1]}';
    const parsed = parseJsonChunks([text], 1) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(["a", "__proto__"]);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed).toEqual(JSON.parse(text));
  });

  it("should read a file in chunks above the size limit, characters split across reads included", () => {
    const doc = { version: 1, graph: { nodes: Array.from({ length: 300 }, (_, i) => ({ key: `person:ł${i}`, attributes: { label: `Łódź “${i}” 🙂` } })) } };
    const file = path.join(work, "graph.json");
    fs.writeFileSync(file, JSON.stringify(doc, null, 1));
    // 7-byte reads cut multi-byte characters (ł, “, 🙂) in every possible place.
    expect(readJsonFile(file, { streamAboveBytes: 0, chunkBytes: 7 })).toEqual(doc);
    expect(readJsonFile(file)).toEqual(doc);
  });

  it("should name the problem for a truncated or broken file", () => {
    const file = path.join(work, "broken.json");
    fs.writeFileSync(file, '{"version":1,"graph":{"nodes":[{"key":"a"}');
    expect(() => readJsonFile(file, { streamAboveBytes: 0, chunkBytes: 5 })).toThrow(/unexpected end of the text/);
    fs.writeFileSync(file, '{"version":1,,"graph":{}}');
    expect(() => readJsonFile(file, { streamAboveBytes: 0 })).toThrow(JsonSyntaxError);
    expect(() => readJsonFile(file, { streamAboveBytes: 0 })).toThrow(/newsgraph\/json: unexpected ',' at character 13/);
    expect(() => readJsonFile(file)).toThrow(JsonSyntaxError);
  });

  it("should read the same value asynchronously, whole or in chunks, and refuse the same files", async () => {
    const doc = { version: 1, graph: { nodes: Array.from({ length: 300 }, (_, i) => ({ key: `person:ł${i}`, attributes: { label: `Łódź “${i}” 🙂` } })) } };
    const file = path.join(work, "graph-async.json");
    fs.writeFileSync(file, JSON.stringify(doc, null, 1));
    await expect(readJsonFileAsync(file, { streamAboveBytes: 0, chunkBytes: 7 })).resolves.toEqual(doc);
    await expect(readJsonFileAsync(file)).resolves.toEqual(doc);

    const broken = path.join(work, "broken-async.json");
    fs.writeFileSync(broken, '{"version":1,"graph":{"nodes":[{"key":"a"}');
    await expect(readJsonFileAsync(broken, { streamAboveBytes: 0, chunkBytes: 5 })).rejects.toThrow(/unexpected end of the text/);
    fs.writeFileSync(broken, '{"version":1,,"graph":{}}');
    await expect(readJsonFileAsync(broken, { streamAboveBytes: 0 })).rejects.toThrow(/newsgraph\/json: unexpected ',' at character 13/);
    await expect(readJsonFileAsync(broken)).rejects.toThrow(JsonSyntaxError);
    await expect(readJsonFileAsync(path.join(work, "missing.json"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("should let other work run between the chunks of a large file", async () => {
    const doc = { version: 1, items: Array.from({ length: 2000 }, (_, i) => ({ key: `k${i}`, text: "x".repeat(100) })) };
    const file = path.join(work, "large-async.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    // A timer due at once fires several times while a file of about 50 chunks is parsed: the parse
    // does not hold the thread from start to end.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await expect(readJsonFileAsync(file, { streamAboveBytes: 0, chunkBytes: 5000 })).resolves.toEqual(doc);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });
});
