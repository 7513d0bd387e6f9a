// The synthetic corpus generator (scripts/synth-corpus.ts, scripts/bench/synth.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import { appendSynthArticle, writeSynthCorpus } from "@/scripts/bench/corpus";
import { Cast, synthArticle, synthArticles } from "@/scripts/bench/synth";

const root = path.resolve(__dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-synth-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("synthetic corpus", () => {
  const articles = [...synthArticles(7, 200)];

  it("should give the same corpus for the same seed and another for another seed", () => {
    const again = [...synthArticles(7, 200)];
    expect(again.map((a) => a.text)).toEqual(articles.map((a) => a.text));
    const other = [...synthArticles(8, 20)];
    expect(other[0]!.text).not.toBe(articles[0]!.text);
  });

  it("should make article i depend only on the seed and i (a larger corpus starts with the smaller one)", () => {
    // Out of order and from a fresh cast: the same articles.
    const cast = new Cast(7);
    for (const i of [150, 3, 199, 0, 42]) expect(synthArticle(cast, i)).toEqual(articles[i]);
    expect(synthArticle(new Cast(7), 120)).toEqual(articles[120]);
  });

  it("should write wire-style articles of 2–8 KB with headline, byline, dateline, quotes and a credit line", () => {
    for (const a of articles) {
      const bytes = Buffer.byteLength(a.text);
      expect(bytes).toBeGreaterThanOrEqual(2048);
      expect(bytes).toBeLessThanOrEqual(8192);
      const lines = a.text.split("\n");
      expect(lines[0]).toBe(a.title);
      expect(lines[2]).toMatch(/^By \p{Lu}\p{L}+ \p{Lu}\p{L}+$/u);
      expect(lines[4]).toMatch(/^[\p{Lu} ]+, \w+ \d{1,2} \([^)]+\) - \p{Lu}/u);
      expect(a.text).toMatch(/\(Reporting by [^;]+; additional reporting by [^;]+; editing by [^)]+\)\n$/);
      expect(a.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const all = articles.map((a) => a.text).join("\n");
    expect(all).toMatch(/[“"][^”"]+,[”"] (?:said|[\p{Lu}])/u);
    expect(all).toMatch(/ Minister \p{Lu}\p{L}+ \p{Lu}\p{L}+/u);
    expect(all).toMatch(/, the (?:chief executive|chairman|founder|president|managing director|chief financial officer) of /);
    expect(all).toMatch(/ met \p{Lu}[\s\S]{0,200}? in \p{Lu}\p{L}+[\s\S]{0,40}? on /u);
    expect(all).toMatch(/ imposed sanctions on /);
    expect(all).toMatch(/ in a report published /);
  });

  it("should bring back a recurring cast across articles", () => {
    const surnames = new Map<string, number>();
    for (const a of articles) {
      for (const m of new Set(a.text.match(/\b\p{Lu}\p{Ll}+ (\p{Lu}\p{Ll}{3,})\b/gu) ?? [])) {
        const surname = m.split(" ")[1]!;
        surnames.set(surname, (surnames.get(surname) ?? 0) + 1);
      }
    }
    const counts = [...surnames.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThanOrEqual(20);
    expect(counts.filter((c) => c >= 5).length).toBeGreaterThanOrEqual(20);
    expect(new Set(articles.map((a) => a.publisher)).size).toBeGreaterThan(5);
  });

  it("should write a corpus folder the build reads, and add the next article to it", () => {
    const dir = path.join(work, "corpus");
    const stats = writeSynthCorpus(dir, { articles: 30, seed: 7 });
    expect(stats.articles).toBe(30);
    const { articles: read, warnings } = readCorpus(dir);
    expect(warnings).toEqual([]);
    expect(read.map((a) => a.text)).toEqual(articles.slice(0, 30).map((a) => a.text));
    expect(read[0]!.meta).toMatchObject({ id: "a000000", publisher: articles[0]!.publisher, date: articles[0]!.date, title: articles[0]!.title });
    appendSynthArticle(dir, 7, 30);
    expect(readCorpus(dir).articles.map((a) => a.text)).toEqual(articles.slice(0, 31).map((a) => a.text));
  });

  it("should have a CLI that refuses a non-empty folder without --force", () => {
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const dir = path.join(work, "cli");
    const run = (...args: string[]) => spawnSync(tsx, ["scripts/synth-corpus.ts", ...args], { cwd: root, encoding: "utf8" });
    const ok = run("--articles", "5", "--out", dir, "--seed", "3");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/5 articles/);
    expect(fs.readdirSync(dir).sort()).toEqual(["a000000.txt", "a000001.txt", "a000002.txt", "a000003.txt", "a000004.txt", "articles.json"]);
    const refused = run("--articles", "5", "--out", dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not empty/);
    expect(run("--articles", "3", "--out", dir, "--force").status).toBe(0);
    expect(fs.readdirSync(dir)).toHaveLength(4);
    expect(run("--articles", "x", "--out", dir).stderr).toMatch(/--articles must be an integer/);
  });
});
