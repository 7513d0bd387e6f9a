import { mkdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GraphUnavailableError, NotFoundError } from "@/lib/graph";
import { createGraphStore, getGraphStore, graphLoadStatus, loadGraphDocument, resetGraphStore } from "@/lib/graph/store";
import { buildFixtureDocument, FIXTURE_ARTICLES_DIR, fixtureText, K, removeTempDirs, tempDir, writeFixtureGraph } from "../fixtures/graph/fixture";
import { saveEnv } from "../fixtures/env";

const restoreEnv = saveEnv("NEWSGRAPH_GRAPH", "NEWSGRAPH_ARTICLES", "NEWSGRAPH_RELOAD_IN_BACKGROUND_MB");

beforeEach(() => resetGraphStore());
afterEach(() => {
  restoreEnv();
  resetGraphStore();
});
afterAll(() => removeTempDirs());

describe("loadGraphDocument", () => {
  it("should read and check a graph file", async () => {
    const doc = await loadGraphDocument(writeFixtureGraph());
    expect(doc).toEqual(buildFixtureDocument());
  });

  it("should name a missing file", async () => {
    const missing = path.join(os.tmpdir(), "newsgraph-nowhere", "graph.json");
    const error = await loadGraphDocument(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphUnavailableError);
    expect((error as Error).message).toBe(`newsgraph/graph: graph file "${missing}" not found; build it with \`npm run graph\``);
  });

  it("should name a file that is not JSON", async () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    writeFileSync(file, "{ nope");
    await expect(loadGraphDocument(file)).rejects.toThrow(`graph file "${file}" is not valid JSON`);
  });

  it("should name the file and the contract violation", async () => {
    const doc = buildFixtureDocument() as unknown as { version: number };
    doc.version = 2;
    const file = writeFixtureGraph(doc);
    const error = await loadGraphDocument(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^newsgraph/contract: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: version`));
  });

  it("should refuse an edge to an unknown node", async () => {
    const doc = buildFixtureDocument();
    doc.graph.edges[0]!.target = "person:ghost";
    await expect(loadGraphDocument(writeFixtureGraph(doc))).rejects.toThrow('points to unknown node "person:ghost"');
  });
});

/** Serves the fixture graph from a file of its own, then rewrites it with a node renamed, as a rebuild does (a later mtime). */
async function servedThenRenamed(): Promise<{ file: string; first: Awaited<ReturnType<typeof getGraphStore>> }> {
  const file = writeFixtureGraph();
  process.env.NEWSGRAPH_GRAPH = file;
  process.env.NEWSGRAPH_ARTICLES = FIXTURE_ARTICLES_DIR;
  const first = await getGraphStore();
  const doc = buildFixtureDocument();
  doc.graph.nodes.find((node) => node.key === K.ZEL)!.attributes.label = "Volodymyr Zelenskyy";
  writeFileSync(file, JSON.stringify(doc));
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
  return { file, first };
}

describe("getGraphStore", () => {
  it("should load the graph named by NEWSGRAPH_GRAPH and cache it", async () => {
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph();
    process.env.NEWSGRAPH_ARTICLES = FIXTURE_ARTICLES_DIR;
    const store = await getGraphStore();
    expect(store.file).toBe(process.env.NEWSGRAPH_GRAPH);
    expect(store.articlesDir).toBe(FIXTURE_ARTICLES_DIR);
    expect((await store.queries.node(K.ZEL)).attributes.label).toBe("Volodymyr Zelensky");
    expect(await getGraphStore()).toBe(store);
  });

  it("should reload when the file's mtime changes", async () => {
    const { first } = await servedThenRenamed();
    const second = await getGraphStore();
    expect(second).not.toBe(first);
    expect((await second.queries.node(K.ZEL)).attributes.label).toBe("Volodymyr Zelenskyy");
  });

  it("should answer from the graph it holds while a large new graph.json loads, then from the new one", async () => {
    // Every file counts as large here (0 MB): the fixture stands for a 10,000-article graph.json.
    process.env.NEWSGRAPH_RELOAD_IN_BACKGROUND_MB = "0";
    const { file, first } = await servedThenRenamed();
    // The new file is being read: the held graph answers, and the status tells of the read.
    expect(await getGraphStore()).toBe(first);
    expect(graphLoadStatus().state).not.toBe("ready");
    let second = first;
    for (let i = 0; i < 200 && second === first; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      second = await getGraphStore();
    }
    expect(second).not.toBe(first);
    expect((await second.queries.node(K.ZEL)).attributes.label).toBe("Volodymyr Zelenskyy");
    expect(graphLoadStatus().state).toBe("ready");

    // A new file that cannot be loaded: the held graph goes on answering, the status says why, and
    // the file is not read again until it changes.
    writeFileSync(file, "{ broken");
    const evenLater = new Date(Date.now() + 10_000);
    utimesSync(file, evenLater, evenLater);
    expect(await getGraphStore()).toBe(second);
    for (let i = 0; i < 200 && graphLoadStatus().state !== "failed"; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(graphLoadStatus()).toMatchObject({ state: "failed", error: expect.stringContaining("is not valid JSON") });
    expect(await getGraphStore()).toBe(second);
    expect(graphLoadStatus().state).toBe("failed");
  });

  it("should make requests wait for a small new graph.json, and name a bad NEWSGRAPH_RELOAD_IN_BACKGROUND_MB", async () => {
    const file = writeFixtureGraph();
    process.env.NEWSGRAPH_GRAPH = file;
    process.env.NEWSGRAPH_ARTICLES = FIXTURE_ARTICLES_DIR;
    const first = await getGraphStore();
    writeFileSync(file, JSON.stringify(buildFixtureDocument()));
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(await getGraphStore()).not.toBe(first);
    process.env.NEWSGRAPH_RELOAD_IN_BACKGROUND_MB = "lots";
    utimesSync(file, new Date(Date.now() + 9_000), new Date(Date.now() + 9_000));
    await expect(getGraphStore()).rejects.toThrow('NEWSGRAPH_RELOAD_IN_BACKGROUND_MB must be a number of megabytes ≥ 0, got "lots"');
  });

  it("should default to graph-data/graph.json under the working directory", async () => {
    delete process.env.NEWSGRAPH_GRAPH;
    delete process.env.NEWSGRAPH_ARTICLES;
    const store = await getGraphStore().catch((error: unknown) => error);
    if (store instanceof Error) {
      expect(store.message).toContain(path.join(process.cwd(), "graph-data", "graph.json"));
    } else {
      expect((store as { file: string }).file).toBe(path.join(process.cwd(), "graph-data", "graph.json"));
      expect((store as { articlesDir: string }).articlesDir).toBe(path.join(process.cwd(), "graph-data", "articles"));
    }
  });

  it("should report a missing graph as unavailable, then recover once it exists", async () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    process.env.NEWSGRAPH_GRAPH = file;
    await expect(getGraphStore()).rejects.toBeInstanceOf(GraphUnavailableError);
    writeFileSync(file, JSON.stringify(buildFixtureDocument()));
    await expect(getGraphStore()).resolves.toMatchObject({ file });
  });

  it("should report a graph graphology refuses (a self-loop) as unavailable", async () => {
    const doc = buildFixtureDocument();
    doc.graph.edges[0]!.target = doc.graph.edges[0]!.source;
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(doc);
    const error = await getGraphStore().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphUnavailableError);
    expect((error as Error).message).toMatch(/^newsgraph\/graph: graph file ".*" cannot be loaded: newsgraph\/graph: cannot import the graph: /);
  });

  it("should not cache a failed load", async () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    writeFileSync(file, "not json");
    process.env.NEWSGRAPH_GRAPH = file;
    await expect(getGraphStore()).rejects.toThrow("is not valid JSON");
    writeFileSync(file, JSON.stringify(buildFixtureDocument()));
    const later = new Date(Date.now() + 10_000);
    utimesSync(file, later, later);
    await expect(getGraphStore()).resolves.toMatchObject({ file });
  });
});

describe("graphLoadStatus", () => {
  it("should tell a load from its start to the graph ready, without waiting for it", async () => {
    const file = writeFixtureGraph();
    process.env.NEWSGRAPH_GRAPH = file;
    expect(graphLoadStatus()).toEqual({ state: "idle", file: null, bytesRead: 0, totalBytes: null, elapsedMs: null });
    const loading = getGraphStore();
    expect(graphLoadStatus()).toMatchObject({ state: "reading", file, bytesRead: 0 });
    await loading;
    const size = statSync(file).size;
    const ready = graphLoadStatus();
    expect(ready).toMatchObject({ state: "ready", file, bytesRead: size, totalBytes: size });
    expect(ready.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(ready).not.toHaveProperty("error");
    // An ended load says how long it took, not how long ago it started.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(graphLoadStatus().elapsedMs).toBe(ready.elapsedMs);
    resetGraphStore();
    expect(graphLoadStatus().state).toBe("idle");
  });

  it("should tell why a load failed: no file, or a file that is not a graph", async () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    process.env.NEWSGRAPH_GRAPH = file;
    await expect(getGraphStore()).rejects.toThrow(GraphUnavailableError);
    expect(graphLoadStatus()).toMatchObject({ state: "failed", file, error: `newsgraph/graph: graph file "${file}" not found; build it with \`npm run graph\`` });
    writeFileSync(file, "{ nope");
    await expect(getGraphStore()).rejects.toThrow(GraphUnavailableError);
    expect(graphLoadStatus()).toMatchObject({ state: "failed", file, error: expect.stringContaining(`graph file "${file}" is not valid JSON`) });
  });

  it("should report the latest load only: one replaced while it runs keeps quiet", async () => {
    const first = writeFixtureGraph();
    process.env.NEWSGRAPH_GRAPH = first;
    const replaced = getGraphStore();
    // A newer load (here: none, the status reset) takes over the status before the first one ends.
    resetGraphStore();
    await replaced;
    expect(graphLoadStatus()).toMatchObject({ state: "idle", file: null });
    const dir = tempDir();
    const missing = path.join(dir, "graph.json");
    process.env.NEWSGRAPH_GRAPH = first;
    const again = getGraphStore();
    process.env.NEWSGRAPH_GRAPH = missing;
    await expect(getGraphStore()).rejects.toThrow(GraphUnavailableError);
    await again;
    expect(graphLoadStatus()).toMatchObject({ state: "failed", file: missing });
  });
});

describe("readArticle", () => {
  const store = () => createGraphStore(buildFixtureDocument(), { file: "graph.json", articlesDir: FIXTURE_ARTICLES_DIR });

  it("should return the metadata and the raw text", async () => {
    const { article, text } = await store().readArticle("gamma");
    expect(article).toMatchObject({ id: "gamma", file: "gamma.md" });
    expect(text).toBe(fixtureText("gamma"));
    expect(text.length).toBe(article.chars);
  });

  it.each(["delta", "../alpha", "alpha.txt", "../../etc/passwd", "/etc/passwd", "..%2F..%2Fetc%2Fpasswd"])(
    "should refuse the id %j, which is not in graph.json",
    async (id) => {
      const error = await store().readArticle(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe(`newsgraph/graph: unknown article ${JSON.stringify(id)}`);
    },
  );

  it.each(["../../../etc/passwd", "/etc/passwd", "../fixture.ts", "sub/../../fixture.ts"])(
    "should refuse a graph.json file field %j outside the articles folder",
    async (file) => {
      const doc = buildFixtureDocument();
      doc.articles[0]!.file = file;
      const evil = createGraphStore(doc, { file: "graph.json", articlesDir: FIXTURE_ARTICLES_DIR });
      await expect(evil.readArticle("alpha")).rejects.toThrow(/outside the articles folder/);
    },
  );

  it("should refuse a symbolic link that leaves the articles folder", async () => {
    const dir = tempDir();
    const articles = path.join(dir, "articles");
    mkdirSync(articles);
    writeFileSync(path.join(dir, "secret.txt"), "secret");
    symlinkSync(path.join(dir, "secret.txt"), path.join(articles, "alpha.txt"));
    const linked = createGraphStore(buildFixtureDocument(), { file: "graph.json", articlesDir: articles });
    await expect(linked.readArticle("alpha")).rejects.toThrow(/outside the articles folder/);
  });

  it("should say when a listed article's file is missing", async () => {
    const empty = tempDir();
    const missing = createGraphStore(buildFixtureDocument(), { file: "graph.json", articlesDir: empty });
    await expect(missing.readArticle("alpha")).rejects.toThrow('newsgraph/graph: article "alpha": file "alpha.txt" not found');
  });
});
