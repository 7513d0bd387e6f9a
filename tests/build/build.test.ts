// The build command end to end, run from its sources (`tsx scripts/build-graph.ts`; `npm run graph` runs
// the same compiled: tests/build/compile.test.ts).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseGraphDocument } from "@/lib/contract";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-build-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function build(args: string[]) {
  return spawnSync(tsx, ["scripts/build-graph.ts", ...args], { cwd: root, encoding: "utf8" });
}

describe("build-graph", () => {
  it("should build the seed graph deterministically, byte for byte", () => {
    const a = path.join(work, "a.json");
    const b = path.join(work, "b.json");
    expect(build(["--articles", "graph-data/articles", "--out", a]).status).toBe(0);
    expect(build(["--articles", "graph-data/articles", "--out", b, "--quiet"]).status).toBe(0);
    expect(fs.readFileSync(a, "utf8")).toBe(fs.readFileSync(b, "utf8"));
    const doc = parseGraphDocument(JSON.parse(fs.readFileSync(a, "utf8")));
    expect(doc.graph.nodes.every((n) => typeof n.attributes.x === "number" && typeof n.attributes.y === "number")).toBe(true);
    expect(doc.articles).toHaveLength(5);
  });

  it("should write the same bytes when the layout runs on a second thread while the edges are written", () => {
    const serial = path.join(work, "serial.json");
    const overlapped = path.join(work, "overlapped.json");
    expect(build(["--articles", "graph-data/articles", "--out", serial, "--jobs", "1", "--no-cache", "--quiet"]).status).toBe(0);
    const stats = path.join(work, "overlapped.stats.json");
    const r = spawnSync(tsx, ["scripts/build-graph.ts", "--articles", "graph-data/articles", "--out", overlapped, "--jobs", "2", "--no-cache", "--quiet", "--stats", stats], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NEWSGRAPH_LAYOUT_WORKER_MIN_NODES: "0" },
    });
    expect(r.status, r.stderr).toBe(0);
    // The worker did run: its time is in the stats.
    expect(JSON.parse(fs.readFileSync(stats, "utf8")).layoutWorkerMs).toBeGreaterThan(0);
    expect(fs.readFileSync(overlapped, "utf8")).toBe(fs.readFileSync(serial, "utf8"));
    expect(fs.readdirSync(work).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });

  it("should write the explain report beside the graph", () => {
    const out = path.join(work, "explained.json");
    expect(build(["--articles", "graph-data/articles", "--out", out, "--explain", "--quiet"]).status).toBe(0);
    const report = fs.readFileSync(path.join(work, "explained.explain.txt"), "utf8");
    expect(report).toMatch(/## 000_20a8b4d7816249a5/);
    expect(report).toMatch(/rule: /);
    expect(report).toMatch(/Unlinked capitalized names/);
  });

  it("should stop with one line naming the problem and leave the previous graph untouched", () => {
    const out = path.join(work, "kept.json");
    fs.writeFileSync(out, "previous");
    const bad = fs.mkdtempSync(path.join(work, "bad-"));
    fs.writeFileSync(path.join(bad, "broken.txt"), Buffer.from([0xc3, 0x28]));
    const cases: Array<[string[], RegExp]> = [
      [["--articles", path.join(work, "missing"), "--out", out], /articles folder ".*missing" does not exist/],
      [["--articles", bad, "--out", out], /article "broken.txt" is not valid UTF-8/],
      [["--articles", "graph-data/articles", "--bogus"], /unknown option "--bogus"/],
    ];
    for (const [args, message] of cases) {
      const r = build(args);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(fs.readFileSync(out, "utf8")).toBe("previous");
    }
    expect(fs.readdirSync(work).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("should keep a graph.json built from the same articles by the same code, and build again when anything it depends on changes", () => {
    // The seed articles (graph-data/articles), copied so that one can be edited and renamed.
    const corpus = path.join(work, "kept-corpus");
    fs.cpSync(path.join(root, "graph-data/articles"), corpus, { recursive: true });
    const out = path.join(work, "kept", "graph.json");
    const stats = path.join(work, "kept", "stats.json");
    const run = (...extra: string[]) => {
      const r = build(["--articles", corpus, "--out", out, ...extra]);
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const built = /newsgraph: 5 articles .* \[(\d) analyzed on 1 thread, (\d) cached\]/;
    const kept = /is up to date: the same 5 articles, built by the same code/;

    expect(run()).toMatch(built);
    const bytes = fs.readFileSync(out, "utf8");
    const { mtimeMs } = fs.statSync(out);
    expect(run("--stats", stats)).toMatch(kept);
    expect(JSON.parse(fs.readFileSync(stats, "utf8"))).toMatchObject({ articles: 5, upToDate: true });
    expect(fs.readFileSync(out, "utf8")).toBe(bytes);
    expect(fs.statSync(out).mtimeMs).toBe(mtimeMs);

    // An edited article: built again, that article analyzed, the others from the cache.
    const first = fs.readdirSync(corpus).filter((f) => f.endsWith(".txt")).sort()[0]!;
    fs.appendFileSync(path.join(corpus, first), "\nThe talks ended without an agreement.\n");
    expect(run("--stats", stats)).toMatch(/\[1 analyzed on 1 thread, 4 cached\]/);
    expect(JSON.parse(fs.readFileSync(stats, "utf8"))).toMatchObject({ upToDate: false });
    expect(run()).toMatch(kept);
    // A renamed article changes its id: built again.
    fs.renameSync(path.join(corpus, first), path.join(corpus, `renamed-${first}`));
    expect(run()).toMatch(built);
    // graph.json touched, or --force: built again (from the cache).
    fs.utimesSync(out, new Date(), new Date(Date.now() + 5000));
    expect(run()).toMatch(/\[0 analyzed on 1 thread, 5 cached\]/);
    expect(run("--force")).toMatch(/\[0 analyzed on 1 thread, 5 cached\]/);
    expect(run()).toMatch(kept);
    // --explain needs its report: built once, then kept, and built again when the report is gone.
    expect(run("--explain")).toMatch(built);
    expect(run("--explain")).toMatch(kept);
    fs.rmSync(path.join(work, "kept", "graph.explain.txt"));
    expect(run("--explain")).toMatch(built);
    // A damaged stamp is no stamp; without the cache nothing is kept.
    const stampDir = path.join(work, "kept", ".newsgraph-cache", "outputs");
    for (const name of fs.readdirSync(stampDir)) fs.writeFileSync(path.join(stampDir, name), "{not json");
    expect(run("--explain")).toMatch(built);
    expect(run("--explain", "--no-cache")).toMatch(/newsgraph: 5 articles .* \[5 analyzed on 1 thread, 0 cached\]/);
  });

  it("should still write graph.json when its stamp cannot be recorded, and build it again next time", () => {
    const out = path.join(work, "unstamped", "graph.json");
    // A file where the stamps' folder would go: the stamp cannot be written.
    fs.mkdirSync(path.join(work, "unstamped", ".newsgraph-cache"), { recursive: true });
    fs.writeFileSync(path.join(work, "unstamped", ".newsgraph-cache", "outputs"), "");
    for (let run = 0; run < 2; run++) {
      const r = build(["--articles", "graph-data/articles", "--out", out]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/newsgraph: 5 articles .* nodes/);
      expect(r.stderr).toMatch(/^warning: newsgraph\/build: could not record that .*graph\.json is up to date \(the next build builds it again\): /);
    }
    expect(parseGraphDocument(JSON.parse(fs.readFileSync(out, "utf8"))).articles).toHaveLength(5);
  });

  it("should print a summary line", () => {
    const out = execFileSync(tsx, ["scripts/build-graph.ts", "--articles", "graph-data/articles", "--out", path.join(work, "c.json")], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/newsgraph: 5 articles .* nodes, \d+ relations/);
  });
});
