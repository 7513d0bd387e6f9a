// scripts/compile.mjs (TypeScript entries compiled once, again when a source changes) and
// scripts/graph.mjs (`npm run graph`), which runs the build from that compiled copy.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error a plain JavaScript module (it is what compiles the TypeScript), without types
import { compiledEntries, compiledInProjectCache } from "../../scripts/compile.mjs";
import { readCorpus } from "@/lib/corpus";
import { buildGazetteer } from "@/lib/extract";
import { analyzeEncoded } from "@/lib/build/stage";
import { corpusPublishers } from "@/lib/build/version";
import type { WorkerInit, WorkerReply, WorkerTask } from "@/lib/build/protocol";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-compile-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

type Compiled = { dir: string; compiled: boolean };
const compile = compiledEntries as (options: Record<string, unknown>) => Promise<Compiled>;
const compileInProject = compiledInProjectCache as (options: Record<string, unknown>) => Promise<Compiled>;

/** A small project: an entry that imports a module and a package, makes closures and prints. */
function makeProject(name: string): { root: string; cacheDir: string; options: Record<string, unknown> } {
  const dir = path.join(work, name);
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  // The project's node_modules: the real one, for esbuild and the package the entry imports.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "src/words.ts"), 'export const greeting: string = "hello";\n');
  fs.writeFileSync(
    path.join(dir, "src/main.ts"),
    [
      'import { greeting } from "./words";',
      'import Graph from "graphology";',
      "declare const PROJECT_NAME: string;",
      "const shout = (s: string): string => s.toUpperCase();",
      "const g = new Graph();",
      'g.addNode("a");',
      "console.log(JSON.stringify({ text: [greeting].map((w) => shout(w)).join(), order: g.order, project: PROJECT_NAME }));",
      "",
    ].join("\n"),
  );
  const cacheDir = path.join(dir, "cache");
  return { root: dir, cacheDir, options: { root: dir, cacheDir, entries: [{ name: "main", source: "src/main.ts" }], define: { PROJECT_NAME: JSON.stringify(name) } } };
}

function run(dir: string): { text: string; order: number; project: string } {
  const result = spawnSync(process.execPath, [path.join(dir, "main.js")], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as { text: string; order: number; project: string };
}

describe("compile", () => {
  it("should compile a TypeScript entry into a module that runs, with its imports bundled and packages imported", async () => {
    const project = makeProject("runs");
    const first = await compile(project.options);
    expect(first.compiled).toBe(true);
    expect(run(first.dir)).toEqual({ text: "HELLO", order: 1, project: "runs" });
    const code = fs.readFileSync(path.join(first.dir, "main.js"), "utf8");
    expect(code).toMatch(/from "graphology"/);
    // What the compiled copy is for: no function named at run time (tsx's keepNames does that).
    expect(code).not.toMatch(/__name\(/);
  });

  it("should reuse the compiled folder while the sources are unchanged, and compile again when one changes", async () => {
    const project = makeProject("changes");
    const first = await compile(project.options);
    const again = await compile(project.options);
    expect(again).toEqual({ dir: first.dir, compiled: false });

    fs.writeFileSync(path.join(project.root, "src/words.ts"), 'export const greeting: string = "bye";\n');
    const changed = await compile(project.options);
    expect(changed.compiled).toBe(true);
    expect(changed.dir).not.toBe(first.dir);
    expect(run(changed.dir).text).toBe("BYE");
    // The folder a running process may still use is kept for a while.
    expect(fs.existsSync(first.dir)).toBe(true);
  });

  it("should compile again when the options change (what the manifest's fingerprint covers)", async () => {
    const project = makeProject("options");
    const first = await compile(project.options);
    const renamed = await compile({ ...project.options, define: { PROJECT_NAME: JSON.stringify("other") } });
    expect(renamed.compiled).toBe(true);
    expect(run(renamed.dir).project).toBe("other");
    expect(run(first.dir).project).toBe("options");
  });

  it("should compile again when the compiled folder is gone, and when the manifest is damaged", async () => {
    const project = makeProject("damaged");
    const first = await compile(project.options);
    fs.rmSync(first.dir, { recursive: true });
    const rebuilt = await compile(project.options);
    expect(rebuilt.compiled).toBe(true);
    expect(run(rebuilt.dir).text).toBe("HELLO");
    fs.writeFileSync(path.join(project.cacheDir, "manifest.json"), "{ not json");
    const afterDamage = await compile(project.options);
    expect(afterDamage.compiled).toBe(true);
    expect(run(afterDamage.dir).text).toBe("HELLO");
  });

  it("should give every one of several concurrent callers a complete folder", async () => {
    const project = makeProject("concurrent");
    const results = await Promise.all([1, 2, 3, 4].map(() => compile(project.options)));
    for (const r of results) expect(run(r.dir).text).toBe("HELLO");
    expect(fs.readdirSync(project.cacheDir).filter((f) => f.startsWith(".tmp-"))).toEqual([]);
  });

  it("should name the file, line and problem of a source that does not compile", async () => {
    const project = makeProject("broken");
    fs.writeFileSync(path.join(project.root, "src/words.ts"), "export const greeting: string = ;\n");
    await expect(compile(project.options)).rejects.toThrow(/^newsgraph\/compile: could not compile src\/main\.ts: src\/words\.ts:1:\d+: /);
  });

  it("should keep each program's compilation in a folder of its own, beside the packages or under NEWSGRAPH_COMPILE_DIR", async () => {
    const project = makeProject("programs");
    const { cacheDir: _unused, ...options } = project.options;
    const saved = process.env.NEWSGRAPH_COMPILE_DIR;
    try {
      delete process.env.NEWSGRAPH_COMPILE_DIR;
      const beside = await compileInProject({ ...options, name: "first-program" });
      expect(path.relative(path.join(project.root, "node_modules", ".cache", "first-program"), beside.dir)).not.toMatch(/^\.\./);
      expect(run(beside.dir).project).toBe("programs");
      process.env.NEWSGRAPH_COMPILE_DIR = path.join(work, "programs-cache");
      const one = await compileInProject({ ...options, name: "one" });
      const two = await compileInProject({ ...options, name: "two" });
      // A compilation prunes what its own manifest does not name: the other program's folder stays.
      expect(fs.existsSync(path.join(one.dir, "main.js"))).toBe(true);
      expect(path.dirname(one.dir)).toBe(path.join(work, "programs-cache", "one"));
      expect(path.dirname(two.dir)).toBe(path.join(work, "programs-cache", "two"));
      await expect(compileInProject({ ...options, name: "../out" })).rejects.toThrow(/newsgraph\/compile: name must be a folder name of lowercase letters, digits and dashes, got "\.\.\/out"/);
    } finally {
      if (saved === undefined) delete process.env.NEWSGRAPH_COMPILE_DIR;
      else process.env.NEWSGRAPH_COMPILE_DIR = saved;
      fs.rmSync(path.join(project.root, "node_modules", ".cache", "first-program"), { recursive: true, force: true });
    }
  });

  it("should check its options and name the bad value", async () => {
    const project = makeProject("checked");
    await expect(compile({ ...project.options, entries: [] })).rejects.toThrow(/newsgraph\/compile: entries must be a non-empty array/);
    await expect(compile({ ...project.options, entries: [{ name: "main", source: "src/missing.ts" }] })).rejects.toThrow(/no source file "src\/missing\.ts"/);
    await expect(compile({ ...project.options, entries: [{ name: "../out", source: "src/main.ts" }] })).rejects.toThrow(/an entry's name must be/);
    await expect(compile({ ...project.options, root: path.join(work, "nowhere") })).rejects.toThrow(/root must be an existing folder/);
  });
});

describe("npm run graph (scripts/graph.mjs)", () => {
  const graphFlags = ["--max-semi-space-size=32", "--expose-gc", "--v8-pool-size=1"];
  const cacheDir = path.join(work, "graph-cache");
  const runGraph = (args: string[]) =>
    spawnSync(process.execPath, [...graphFlags, "scripts/graph.mjs", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NEWSGRAPH_COMPILE_DIR: cacheDir } });

  it("should be the npm script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.graph).toBe(`node ${graphFlags.join(" ")} scripts/graph.mjs`);
  });

  it("should write the same graph.json, byte for byte, as the build run from its sources", () => {
    const fromSources = path.join(work, "sources.json");
    const compiled = path.join(work, "compiled.json");
    const sources = spawnSync(tsx, ["scripts/build-graph.ts", "--articles", "graph-data/articles", "--out", fromSources, "--no-cache", "--quiet"], { cwd: root, encoding: "utf8" });
    expect(sources.status).toBe(0);
    const first = runGraph(["--articles", "graph-data/articles", "--out", compiled, "--no-cache", "--quiet"]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(fs.readFileSync(compiled)).toEqual(fs.readFileSync(fromSources));
  });

  it("should start the per-article worker from the compiled folder, answering as the sources do", () => {
    // lib/build/analyze.ts starts worker-boot.mjs and worker.js from beside the build's module.
    expect(runGraph(["--help"]).status).toBe(0);
    // NEWSGRAPH_COMPILE_DIR holds one folder per compiled program: the build's is newsgraph-graph.
    const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, "newsgraph-graph", "manifest.json"), "utf8")) as { dir: string };
    const dir = path.join(cacheDir, "newsgraph-graph", manifest.dir);
    const { articles } = readCorpus(path.join(root, "graph-data/articles"));
    const article = articles[0]!;
    const expected = analyzeEncoded({ gazetteer: buildGazetteer(corpusPublishers(articles)), mode: "compact", cache: null }, article, "k", true);
    const script = [
      'import { Worker } from "node:worker_threads";',
      'import { pathToFileURL } from "node:url";',
      "const [dir, init, task] = process.argv.slice(2);",
      'const worker = new Worker(new URL(pathToFileURL(dir + "/worker-boot.mjs")), { workerData: { entry: pathToFileURL(dir + "/worker.js").href, tsx: false, init: JSON.parse(init) } });',
      'worker.on("message", (m) => { if (m.ready) worker.postMessage(JSON.parse(task)); else { process.stdout.write(JSON.stringify(m)); worker.terminate(); } });',
    ].join("\n");
    const init: WorkerInit = { publishers: corpusPublishers(articles), mode: "compact" };
    const task: WorkerTask = { batch: 7, items: [{ index: 3, article, key: "k", checkTokens: true }] };
    const scriptFile = path.join(work, "start-worker.mjs");
    fs.writeFileSync(scriptFile, script);
    const result = spawnSync(process.execPath, [scriptFile, dir, JSON.stringify(init), JSON.stringify(task)], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const reply = JSON.parse(result.stdout) as WorkerReply;
    expect(reply).toEqual({ batch: 7, results: [{ index: 3, encoded: expected }] });
  });

  it("should lay out on the compiled layout worker and write the same bytes as one thread", () => {
    // lib/build/layout.ts starts worker-boot.mjs and layout-worker.js from beside the build's module.
    const oneThread = path.join(work, "one-thread.json");
    const overlapped = path.join(work, "layout-worker.json");
    expect(runGraph(["--articles", "graph-data/articles", "--out", oneThread, "--no-cache", "--quiet", "--jobs", "1"]).status).toBe(0);
    const stats = path.join(work, "layout-worker.stats.json");
    const run = spawnSync(process.execPath, [...graphFlags, "scripts/graph.mjs", "--articles", "graph-data/articles", "--out", overlapped, "--no-cache", "--quiet", "--jobs", "2", "--stats", stats], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NEWSGRAPH_COMPILE_DIR: cacheDir, NEWSGRAPH_LAYOUT_WORKER_MIN_NODES: "0" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(stats, "utf8")).layoutWorkerMs).toBeGreaterThan(0);
    expect(fs.readFileSync(overlapped)).toEqual(fs.readFileSync(oneThread));
  });

  it("should sign graph.json with the project's sources, as the build run from its sources does", () => {
    // A graph built by one and checked by the other is up to date: both hash lib/ and the build script of the project.
    const out = path.join(work, "stamped.json");
    const cache = path.join(work, "stamp-cache");
    expect(spawnSync(tsx, ["scripts/build-graph.ts", "--articles", "graph-data/articles", "--out", out, "--cache-dir", cache, "--quiet"], { cwd: root, encoding: "utf8" }).status).toBe(0);
    const check = runGraph(["--articles", "graph-data/articles", "--out", out, "--cache-dir", cache]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/is up to date/);
  });

  it("should pass build-graph's errors and exit code through", () => {
    const result = runGraph(["--articles", path.join(work, "no-such-folder"), "--out", path.join(work, "never.json")]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^newsgraph\//);
    expect(fs.existsSync(path.join(work, "never.json"))).toBe(false);
  });
});
