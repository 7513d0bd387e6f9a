// npm run graph with --jobs, the cache, --shard and --stats; progress output.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Progress } from "@/lib/build";
import { CORPUS_HEAP_GROWTH_PERCENT, EARLY_CORPUS_HEAP_GROWTH_PERCENT } from "@/lib/build/gc";
import { writeSynthCorpus } from "@/scripts/bench/corpus";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-build-cli-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function build(args: string[], env: Record<string, string> = {}) {
  return spawnSync(tsx, ["scripts/build-graph.ts", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
}

describe("build-graph at scale", () => {
  const corpus = path.join(work, "corpus");
  writeSynthCorpus(corpus, { articles: 70, seed: 5 });

  it("should write the same graph with two threads, with the cache, and on one thread without it", () => {
    const out = path.join(work, "a", "graph.json");
    const stats = path.join(work, "stats.json");
    // A corpus this small is analyzed on the main thread unless told otherwise.
    const first = build(["--articles", corpus, "--out", out, "--jobs", "2", "--stats", stats], { NEWSGRAPH_WORKER_MIN_CHARS: "0" });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/newsgraph: 70 articles .* \[70 analyzed on 2 threads, 0 cached\]/);
    const bytes = fs.readFileSync(out, "utf8");
    const s = JSON.parse(fs.readFileSync(stats, "utf8"));
    expect(s).toMatchObject({ articles: 70, analyze: { analyzed: 70, threads: 2 }, graphBytes: Buffer.byteLength(bytes) });
    expect(s.maxRssBytes).toBeGreaterThan(10e6);
    // The peak so far after each phase, in build order: a high-water mark never goes down, and the last is the build's peak.
    expect(Object.keys(s.peakRssByPhase)).toEqual(["analyze", "resolve", "relations", "meetings", "assemble", "layout", "write"]);
    const marks = Object.values(s.peakRssByPhase) as number[];
    for (let i = 1; i < marks.length; i++) expect(marks[i]).toBeGreaterThanOrEqual(marks[i - 1]!);
    expect(marks[0]).toBeGreaterThan(10e6);
    expect(marks.at(-1)).toBeLessThanOrEqual(s.maxRssBytes);
    expect(fs.existsSync(path.join(work, "a", ".newsgraph-cache"))).toBe(true);

    const again = build(["--articles", corpus, "--out", out, "--jobs", "2", "--quiet"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe("");
    expect(fs.readFileSync(out, "utf8")).toBe(bytes);
    // --force: the graph is up to date, and the point here is the cache serving every article.
    const summary = build(["--articles", corpus, "--out", out, "--force"]);
    expect(summary.stdout).toMatch(/\[0 analyzed on 1 thread, 70 cached\]/);

    const single = path.join(work, "b", "graph.json");
    expect(build(["--articles", corpus, "--out", single, "--jobs", "1", "--no-cache", "--quiet"]).status).toBe(0);
    expect(fs.readFileSync(single, "utf8")).toBe(bytes);
    expect(fs.existsSync(path.join(work, "b", ".newsgraph-cache"))).toBe(false);
  });

  it("should build under a heap budget in a second process, and once more without it when V8 runs out", () => {
    const reference = path.join(work, "heap", "reference.json");
    expect(build(["--articles", corpus, "--out", reference, "--no-cache", "--quiet", "--jobs", "1"], { NEWSGRAPH_HEAP_MB: "off" }).status).toBe(0);
    const bytes = fs.readFileSync(reference, "utf8");

    const out = path.join(work, "heap", "budgeted.json");
    const stats = path.join(work, "heap", "stats.json");
    const budgeted = build(["--articles", corpus, "--out", out, "--no-cache", "--quiet", "--jobs", "1", "--stats", stats], { NEWSGRAPH_HEAP_MB: "512" });
    expect(budgeted.status, budgeted.stderr).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(bytes);
    const s = JSON.parse(fs.readFileSync(stats, "utf8"));
    expect(s.heapBudgetMb).toBe(512);
    expect(s.launcherRssBytes).toBeGreaterThan(10e6);
    expect(s.buildMs).toBeLessThan(s.totalMs);

    // 16 MB is less than the extractor needs to load: V8 stops the build, which runs again without the budget.
    fs.rmSync(out);
    const starved = build(["--articles", corpus, "--out", out, "--no-cache", "--quiet", "--jobs", "1", "--stats", stats], { NEWSGRAPH_HEAP_MB: "16" });
    expect(starved.status, starved.stderr).toBe(0);
    expect(starved.stderr).toContain("newsgraph/build: the build ran out of its 16 MB heap budget (set by NEWSGRAPH_HEAP_MB); building again with V8's default heap");
    expect(fs.readFileSync(out, "utf8")).toBe(bytes);
    expect(JSON.parse(fs.readFileSync(stats, "utf8")).heapBudgetMb).toBeNull();

    const bad = build(["--articles", corpus, "--out", out, "--quiet"], { NEWSGRAPH_HEAP_MB: "a lot" });
    expect(bad.status).toBe(1);
    // "auto" asks for the corpus's own budget; a corpus this small has none and builds in one process.
    const auto = build(["--articles", corpus, "--out", out, "--no-cache", "--quiet", "--jobs", "1", "--stats", stats], { NEWSGRAPH_HEAP_MB: "auto" });
    expect(auto.status, auto.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(stats, "utf8")).launcherRssBytes).toBeUndefined();
    expect(bad.stderr.trim()).toBe('newsgraph/build: NEWSGRAPH_HEAP_MB must be a number of MB (at least 16), "auto", 0 or "off", got "a lot"');
    expect(fs.readFileSync(out, "utf8")).toBe(bytes);
  });

  it("should limit the heap's growth from the corpus stage on, as NEWSGRAPH_HEAP_GROWTH says, with the same graph", () => {
    const dir = path.join(work, "growth");
    const stats = path.join(dir, "stats.json");
    const graphs: string[] = [];
    const cases = [
      [undefined, CORPUS_HEAP_GROWTH_PERCENT, EARLY_CORPUS_HEAP_GROWTH_PERCENT],
      ["25", 25, 25],
      ["off", null, null],
    ] as const;
    for (const [value, late, early] of cases) {
      const out = path.join(dir, `graph-${value ?? "default"}.json`);
      const r = build(["--articles", corpus, "--out", out, "--no-cache", "--quiet", "--jobs", "1", "--stats", stats], value === undefined ? {} : { NEWSGRAPH_HEAP_GROWTH: value });
      expect(r.status, r.stderr).toBe(0);
      const recorded = JSON.parse(fs.readFileSync(stats, "utf8"));
      expect([recorded.earlyHeapGrowthPercent, recorded.heapGrowthPercent]).toEqual([early, late]);
      graphs.push(fs.readFileSync(out, "utf8"));
    }
    expect(graphs[1]).toBe(graphs[0]);
    expect(graphs[2]).toBe(graphs[0]);

    // A bad value stops the build before it reads a single article.
    const bad = build(["--articles", corpus, "--out", path.join(dir, "bad.json"), "--no-cache"], { NEWSGRAPH_HEAP_GROWTH: "lots" });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('newsgraph/build: NEWSGRAPH_HEAP_GROWTH must be a whole percent from 1 to 1000, or "off", got "lots"');
    expect(bad.stdout).toBe("");
    expect(fs.existsSync(path.join(dir, "bad.json"))).toBe(false);
  });

  it("should analyze shards into a shared cache, then build from it without analyzing", () => {
    const cacheDir = path.join(work, "shared-cache");
    const out = path.join(work, "c", "graph.json");
    for (const shard of ["1/2", "2/2"]) {
      const r = build(["--articles", corpus, "--out", out, "--cache-dir", cacheDir, "--shard", shard, "--jobs", "1"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`shard ${shard}: \\d+ of 70 articles \\(\\d+ analyzed, 0 cached\\)`));
    }
    expect(fs.existsSync(out)).toBe(false);
    const r = build(["--articles", corpus, "--out", out, "--cache-dir", cacheDir]);
    expect(r.stdout).toMatch(/\[0 analyzed on 1 thread, 70 cached\]/);
  });

  it("should stop with one line on bad options", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--jobs", "0"], /--jobs must be an integer ≥ 1, got "0"/],
      [["--jobs"], /--jobs needs a value/],
      [["--shard", "3/2"], /--shard must be k\/n/],
      [["--no-cache", "--shard", "1/2"], /--shard needs the cache/],
      [["--no-cache", "--cache-dir", "x"], /cannot be used together/],
      [["--watch", "--shard", "1/2"], /--watch and --shard cannot be used together/],
      [["--watch", "--explain"], /--watch and --explain cannot be used together/],
    ];
    for (const [args, message] of cases) {
      const r = build(["--articles", corpus, "--out", path.join(work, "bad.json"), ...args]);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(fs.existsSync(path.join(work, "bad.json"))).toBe(false);
  });
});

describe("build-graph --watch", () => {
  it("should build, follow an article added to the folder, and stop on SIGTERM with exit code 0", async () => {
    // graph-data/articles: copies of the five seed articles (../shared/seeds); four first, then the fifth.
    const seeds = path.join(root, "graph-data/articles");
    const dir = path.join(work, "watched");
    fs.mkdirSync(dir);
    const names = fs.readdirSync(seeds).filter((n) => n.endsWith(".txt")).sort();
    for (const name of names.slice(0, 4)) fs.copyFileSync(path.join(seeds, name), path.join(dir, name));
    const out = path.join(work, "watched-out", "graph.json");
    const child = spawn(tsx, ["scripts/build-graph.ts", "--articles", dir, "--out", out, "--watch", "--jobs", "1"], { cwd: root, env: process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 1200 && !pattern.test(stdout); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stdout, stderr).toMatch(pattern);
    };
    try {
      await waitFor(/newsgraph: watching .* for changes \(Ctrl-C stops\)/);
      expect(stdout).toMatch(/newsgraph: 4 articles \(the first update\) → \d+ nodes, \d+ edges → .* \[analyzed 4, cached 0; .*seeded ForceAtlas2/);
      const before = JSON.parse(fs.readFileSync(out, "utf8")) as { graph: { nodes: unknown[] } };
      fs.copyFileSync(path.join(seeds, names[4]!), path.join(dir, names[4]!));
      await waitFor(/newsgraph: \+1 article \(.+\) → \d+ nodes/);
      const after = JSON.parse(fs.readFileSync(out, "utf8")) as { graph: { nodes: unknown[] }; articles: unknown[] };
      expect(after.articles).toHaveLength(5);
      expect(after.graph.nodes.length).toBeGreaterThan(before.graph.nodes.length);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });
});

describe("progress", () => {
  function fake(tty: boolean) {
    const out: string[] = [];
    let now = 0;
    const progress = new Progress({ stream: { isTTY: tty, columns: 120, write: (s: string) => (out.push(s), true) }, now: () => now, quietForMs: 1000, lineEveryMs: 5000 });
    return { out, progress, advance: (ms: number) => (now += ms) };
  }

  it("should draw a bar with articles/s and ETA on a terminal, then clear it", () => {
    const { out, progress, advance } = fake(true);
    progress.start("articles", 1000, "2 threads");
    advance(500);
    progress.tick(100);
    expect(out).toEqual([]); // nothing in the first second
    advance(1500);
    progress.tick(100);
    const clear = "\r\u001b[2K";
    expect(out.at(-1)).toBe(`${clear}newsgraph [${"█".repeat(6)}${"░".repeat(24)}] ${" 20%"} 200/1000 articles, 100 articles/s, ETA 8s (2 threads)`);
    progress.finish("analyzed 1000 articles");
    expect(out.slice(-2)).toEqual([clear, "newsgraph: analyzed 1000 articles\n"]);
  });

  it("should print plain lines, at most one every few seconds, when not a terminal", () => {
    const { out, progress, advance } = fake(false);
    progress.start("articles", 100);
    for (let i = 0; i < 100; i++) {
      advance(100);
      progress.tick();
    }
    expect(out).toEqual(["newsgraph: 10/100 articles (10%), 10.0 articles/s, ETA 9s\n", "newsgraph: 60/100 articles (60%), 10.0 articles/s, ETA 4s\n"]);
    progress.finish("done");
    expect(out.at(-1)).toBe("newsgraph: done\n");
  });

  it("should give the speed in the unit of what it counts", () => {
    const { out, progress, advance } = fake(false);
    progress.start("meeting accounts clustered", 400, "", "accounts");
    advance(2000);
    progress.tick(100);
    expect(out).toEqual(["newsgraph: 100/400 meeting accounts clustered (25%), 50.0 accounts/s, ETA 6s\n"]);
    // The next stage counts articles again unless told otherwise.
    progress.start("articles", 20);
    advance(2000);
    progress.tick(10);
    expect(out.at(-1)).toBe("newsgraph: 10/20 articles (50%), 5.0 articles/s, ETA 2s\n");
  });

  it("should print nothing for a short stage or when quiet", () => {
    const { out, progress, advance } = fake(false);
    progress.start("articles", 5);
    advance(200);
    progress.tick(5);
    progress.finish("done");
    expect(out).toEqual([]);
    const quiet = new Progress({ quiet: true, stream: { write: (s: string) => (out.push(s), true) } });
    quiet.start("articles", 1);
    quiet.tick();
    quiet.line("corpus stage");
    expect(out).toEqual([]);
  });
});
