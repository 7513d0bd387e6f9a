// The build command (scripts/build-graph.ts) on hostile corpora, end to end: warnings are one
// line each naming the file, failures are one line with exit code 1 and no stack trace, and
// graph.json is never half-written: the previous file stays byte for byte on any failure, also
// when the build is killed, and the new file is complete when the build succeeds.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { removeStaleTemps } from "@/lib/fsutil";
import { cleanup, corpus, hasStackTrace, lines, newsArticle, newsSentences, offsetProblems, runBuild, spawnBuild, tempDir } from "./support";

afterAll(cleanup);

const GOOD = newsArticle(0, 3);

/** The raw text of every article of a built graph, read from disk the way the API reads it. */
function textsOf(doc: GraphDocument, dir: string): Map<string, string> {
  return new Map(doc.articles.map((a) => [a.id, fs.readFileSync(path.join(dir, a.file), "utf8")]));
}

/** What the build left beside graph.json, apart from its analysis cache (scripts/build-graph.ts's own business). */
function besideGraph(out: string): string[] {
  return fs.readdirSync(path.dirname(out)).filter((name) => name !== ".newsgraph-cache");
}

function readGraph(file: string): GraphDocument {
  return parseGraphDocument(JSON.parse(fs.readFileSync(file, "utf8")), file);
}

/** An output folder holding a previous graph.json (a real, valid one). */
async function previousGraph(): Promise<{ out: string; bytes: Buffer }> {
  const out = path.join(tempDir("newsgraph-out-"), "graph.json");
  const built = await runBuild(["--articles", corpus({ "prev.txt": newsArticle(5, 2) }), "--out", out, "--quiet"]);
  expect(built.status, built.stderr).toBe(0);
  return { out, bytes: fs.readFileSync(out) };
}

describe("build-graph on a folder of odd but usable files", () => {
  it("builds, warns once per skipped file naming it, and every offset matches the raw file", async () => {
    const outside = corpus({ "secret.txt": "Secret text outside the corpus. Marta Kowalczyk met Henrik Dahl in Oslo." });
    const dir = corpus({
      "plain.txt": GOOD,
      "bom.txt": `\uFEFF${newsArticle(1, 2)}`,
      "crlf.txt": newsArticle(2, 2, "\r\n"),
      "cr.txt": newsArticle(3, 2, "\r"),
      "bom crlf.md": `\uFEFF${newsArticle(4, 2, "\r\n")}`,
      "Zürich Bericht.txt": newsArticle(6, 2),
      "Київ 📰.md": newsArticle(7, 2),
      "empty.txt": "",
      "blank.txt": " \r\n\t\n",
      "notes.csv": "a,b\n",
      "paper.pdf": Buffer.from("%PDF-1.4\n\u0000\u0001"),
      ".hidden.txt": GOOD,
      "articles.json": JSON.stringify([{ file: "plain.txt", title: "Plain", publisher: "Wire", date: "2025-10-24", url: "https://example.org/plain" }]),
    });
    fs.mkdirSync(path.join(dir, "folder.txt"));
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "escape.txt"));
    fs.symlinkSync(path.join(dir, "missing.txt"), path.join(dir, "dangling.txt"));
    const out = path.join(tempDir(), "graph.json");
    const r = await runBuild(["--articles", dir, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(lines(r.stderr).sort()).toEqual(
      [
        'warning: newsgraph/corpus: skipped "empty.txt": it is empty',
        'warning: newsgraph/corpus: skipped "blank.txt": it is empty',
        'warning: newsgraph/corpus: skipped "folder.txt": it is a folder, not a file',
        'warning: newsgraph/corpus: skipped "escape.txt": it links outside the articles folder',
        'warning: newsgraph/corpus: skipped "dangling.txt": it is a broken link',
        'warning: newsgraph/corpus: skipped ".hidden.txt": it is a hidden file',
        'warning: newsgraph/corpus: skipped 2 file(s) that are not articles (*.txt, *.md): "notes.csv", "paper.pdf"',
      ].sort(),
    );
    expect(lines(r.stdout)).toHaveLength(1);
    expect(r.stdout).toMatch(/^newsgraph: 7 articles /);
    const doc = readGraph(out);
    expect(doc.articles.map((a) => a.id).sort()).toEqual(["bom", "bom crlf", "cr", "crlf", "plain", "Zürich Bericht", "Київ 📰"].sort());
    expect(doc.articles.find((a) => a.id === "plain")).toMatchObject({ title: "Plain", publisher: "Wire", url: "https://example.org/plain" });
    expect(doc.graph.edges.length).toBeGreaterThan(0);
    expect(offsetProblems(doc, textsOf(doc, dir))).toEqual([]);
    // Nothing from outside the folder reached the graph.
    expect(JSON.stringify(doc)).not.toContain("Secret text");
    expect(besideGraph(out)).toEqual(["graph.json"]);
  });

  it("builds 5,000 small files", async () => {
    const dir = tempDir("newsgraph-5000-");
    const sentences = newsSentences(96);
    for (let i = 0; i < 5000; i++) {
      fs.writeFileSync(path.join(dir, `article ${String(i).padStart(4, "0")}.txt`), `${sentences[i % 96]} ${sentences[(i * 7 + 3) % 96]}\n`);
    }
    const out = path.join(tempDir(), "graph.json");
    const r = await runBuild(["--articles", dir, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    // No warning and no error (progress lines of a long build aside).
    expect(lines(r.stderr).filter((line) => !line.startsWith("newsgraph: "))).toEqual([]);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const doc = readGraph(out);
    expect(doc.articles).toHaveLength(5000);
    expect(offsetProblems(doc, textsOf(doc, dir))).toEqual([]);
    console.log(`[hostile] build of 5,000 files: ${r.ms} ms wall (${r.stdout.trim()})`);
  }, 240_000);
});

describe("build-graph stops with one line and keeps the previous graph.json", () => {
  it("for every kind of bad input", async () => {
    const { out, bytes } = await previousGraph();
    const bigParagraph = `${newsSentences(300).join(" ")}\n\n`;
    const cases: Array<[string, string[], RegExp]> = [
      ["NUL bytes", ["--articles", corpus({ "a.txt": GOOD, "bin.txt": Buffer.from("abc\u0000def") })], /^newsgraph\/corpus: article "bin\.txt" is binary \(contains NUL bytes\)$/],
      ["invalid UTF-8", ["--articles", corpus({ "a.txt": GOOD, "latin1.txt": Buffer.from("caf\u00e9", "latin1") })], /^newsgraph\/corpus: article "latin1\.txt" is not valid UTF-8$/],
      ["UTF-16", ["--articles", corpus({ "u16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hi.", "utf16le")]) })], /"u16\.txt" is UTF-16, not UTF-8/],
      ["malformed articles.json", ["--articles", corpus({ "a.txt": GOOD, "articles.json": "[{" })], /^newsgraph\/corpus: ".*articles\.json" is not valid JSON: /],
      ["partial articles.json", ["--articles", corpus({ "a.txt": GOOD, "articles.json": '[{"file":"a.txt","title":"Cut he' })], /articles\.json" is not valid JSON: /],
      ["multi-line JSON error", ["--articles", corpus({ "a.txt": GOOD, "articles.json": "[\n\n{\n\"file\":\n}\n]" })], /articles\.json" is not valid JSON: /],
      ["a javascript: url", ["--articles", corpus({ "a.txt": GOOD, "articles.json": '[{"file":"a.txt","url":"javascript:alert(1)"}]' })], /"url" must be an http\(s\) URL/],
      ["duplicate ids", ["--articles", corpus({ "a.txt": GOOD, "a.md": GOOD })], /^newsgraph\/corpus: article id "a" is used twice: by "a\.md" and by "a\.txt"$/],
      ["a newline in a file name", ["--articles", corpus({ "two\nlines.txt": GOOD })], /^newsgraph\/corpus: article "two\\nlines\.txt": its id .* contains a control character;/],
      ["a 20 MB article", ["--articles", corpus({ "a.txt": GOOD, "huge.txt": bigParagraph.repeat(Math.ceil((20 * 1024 * 1024) / bigParagraph.length)) })], /^newsgraph\/corpus: article "huge\.txt" is 20(\.\d)? MB, more than the 5 MB/],
      ["an empty folder", ["--articles", tempDir()], /holds no articles/],
      ["only empty files", ["--articles", corpus({ "a.txt": "", "b.md": "\n\n" })], /holds no articles/],
      ["a missing folder", ["--articles", "/no/such/corpus"], /^newsgraph\/corpus: articles folder "\/no\/such\/corpus" does not exist$/],
      ["a file as the folder", ["--articles", out], /is not a folder$/],
      ["an unknown option", ["--articles", corpus({ "a.txt": GOOD }), "--bogus"], /^newsgraph\/build: unknown option "--bogus"/],
      ["an option without its value", ["--articles"], /^newsgraph\/build: --articles needs a value$/],
    ];
    const results = await Promise.all(cases.map(([, args]) => runBuild([...args, ...(args.includes("--out") ? [] : ["--out", out])])));
    cases.forEach(([what, , message], i) => {
      const r = results[i]!;
      expect(r.status, `${what}: exit code`).toBe(1);
      expect(lines(r.stderr), `${what}: one line`).toHaveLength(1);
      expect(r.stderr.trim(), what).toMatch(message);
      expect(hasStackTrace(r.stderr), `${what}: no stack trace`).toBe(false);
      expect(r.stdout, `${what}: nothing on stdout`).toBe("");
    });
    expect(fs.readFileSync(out).equals(bytes), "the previous graph.json is intact").toBe(true);
    expect(besideGraph(out)).toEqual(["graph.json"]);
  }, 240_000);

  it("when the output path is a folder, or its folder cannot be made", async () => {
    const dir = corpus({ "a.txt": GOOD });
    const folder = tempDir();
    fs.writeFileSync(path.join(folder, "keep.txt"), "x");
    const asFolder = await runBuild(["--articles", dir, "--out", folder]);
    expect(asFolder.status).toBe(1);
    expect(lines(asFolder.stderr)).toHaveLength(1);
    expect(hasStackTrace(asFolder.stderr)).toBe(false);
    expect(fs.readdirSync(folder)).toEqual(["keep.txt"]);
    const blocked = path.join(tempDir(), "file");
    fs.writeFileSync(blocked, "not a folder");
    const underFile = await runBuild(["--articles", dir, "--out", path.join(blocked, "graph.json")]);
    expect(underFile.status).toBe(1);
    expect(lines(underFile.stderr)).toHaveLength(1);
    expect(hasStackTrace(underFile.stderr)).toBe(false);
    expect(fs.readFileSync(blocked, "utf8")).toBe("not a folder");
  });
});

describe("build-graph killed", () => {
  it("at the moment it starts writing graph.json, and at other moments: the file is the old one or the whole new one", async () => {
    const { out, bytes } = await previousGraph();
    const dir = corpus(Object.fromEntries([0, 1, 2, 3, 4, 5].map((i) => [`a${i}.txt`, newsArticle(i + 10, 6)])));
    // The new graph, for comparison.
    const reference = path.join(tempDir(), "graph.json");
    expect((await runBuild(["--articles", dir, "--out", reference, "--quiet"])).status).toBe(0);
    const complete = fs.readFileSync(reference);

    const outcomes: string[] = [];
    // Kill as soon as the temp file appears (mid-write or just before the rename)…
    for (let attempt = 0; attempt < 2; attempt++) {
      const child = spawnBuild(["--articles", dir, "--out", out, "--quiet"]);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      let running = true;
      void exited.then(() => (running = false));
      while (running) {
        if (besideGraph(out).some((name) => name.includes(".tmp-"))) {
          child.kill("SIGKILL");
          break;
        }
        await new Promise((r) => setImmediate(r));
      }
      outcomes.push(`temp-file kill: ${(await exited) ?? "finished first"}`);
      const now = fs.readFileSync(out);
      expect(now.equals(bytes) || now.equals(complete), "graph.json is the old or the new file, whole").toBe(true);
      fs.writeFileSync(out, bytes);
    }
    // …and after fixed delays, wherever the build is then.
    for (const ms of [100, 700, 1400]) {
      const child = spawnBuild(["--articles", dir, "--out", out, "--quiet"]);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      const timer = setTimeout(() => child.kill("SIGKILL"), ms);
      const signal = await exited;
      clearTimeout(timer);
      outcomes.push(`${ms} ms kill: ${signal ?? "finished first"}`);
      const now = fs.readFileSync(out);
      expect(now.equals(bytes) || now.equals(complete), `graph.json after a kill at ${ms} ms`).toBe(true);
      readGraph(out);
      fs.writeFileSync(out, bytes);
    }
    // A build after the kills writes the whole graph (and its cache survived the kills).
    const after = await runBuild(["--articles", dir, "--out", out, "--quiet"]);
    expect(after.status, after.stderr).toBe(0);
    expect(fs.readFileSync(out).equals(complete)).toBe(true);
    // A killed writer leaves its temp file; they are all stale now, so lib/fsutil's
    // removeStaleTemps (which writeFileAtomic runs before every write) removes them.
    const leftovers = besideGraph(out).filter((name) => name !== "graph.json");
    expect(leftovers.every((name) => /^\.graph\.json\.tmp-\d+-[0-9a-f]+$/.test(name))).toBe(true);
    expect(removeStaleTemps(out).sort()).toEqual(leftovers.sort());
    expect(besideGraph(out)).toEqual(["graph.json"]);
    console.log(`[hostile] killed builds: ${outcomes.join("; ")}; temp files left by the kills: ${leftovers.length}`);
  }, 240_000);
});
