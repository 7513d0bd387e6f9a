import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CorpusFileCache, readCorpus } from "@/lib/corpus";

const made: string[] = [];
function corpus(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-corpus-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("corpus", () => {
  it("should read articles sorted by file name with metadata from articles.json", () => {
    const dir = corpus({
      "b.txt": "Second article.",
      "a.md": "First article.",
      "notes.csv": "ignored",
      "articles.json": JSON.stringify([{ file: "b.txt", id: "bee", title: "B", publisher: "Herald", date: "2026-03-20" }]),
    });
    const { articles } = readCorpus(dir);
    expect(articles.map((a) => a.meta.id)).toEqual(["a", "bee"]);
    expect(articles[1]!.meta).toMatchObject({ file: "b.txt", title: "B", publisher: "Herald", date: "2026-03-20", url: null, chars: 15 });
    expect(articles[1]!.meta.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("should keep the raw text, BOM and CRLF included, so offsets stay exact", () => {
    const dir = corpus({ "a.txt": "\uFEFFLine one.\r\nLine two." });
    const { articles } = readCorpus(dir);
    expect(articles[0]!.text).toBe("\uFEFFLine one.\r\nLine two.");
  });

  it("should name a missing folder", () => {
    expect(() => readCorpus("/no/such/folder")).toThrow('newsgraph/corpus: articles folder "/no/such/folder" does not exist');
  });

  it("should refuse a folder with no articles", () => {
    expect(() => readCorpus(corpus({ "readme.csv": "x" }))).toThrow(/holds no articles/);
  });

  it("should name a file that is not UTF-8", () => {
    expect(() => readCorpus(corpus({ "bad.txt": Buffer.from([0x66, 0xff, 0xfe, 0x41]) }))).toThrow('newsgraph/corpus: article "bad.txt" is not valid UTF-8');
  });

  it("should name a binary file", () => {
    expect(() => readCorpus(corpus({ "bin.txt": Buffer.from([0x41, 0x00, 0x42]) }))).toThrow(/"bin.txt" is binary/);
  });

  it("should name a malformed articles.json", () => {
    expect(() => readCorpus(corpus({ "a.txt": "Text.", "articles.json": "[{" }))).toThrow(/articles.json" is not valid JSON/);
    expect(() => readCorpus(corpus({ "a.txt": "Text.", "articles.json": "{}" }))).toThrow(/must hold a JSON array/);
    expect(() => readCorpus(corpus({ "a.txt": "Text.", "articles.json": '[{"file":"a.txt","date":"20 March"}]' }))).toThrow(/"date" must be YYYY-MM-DD/);
    expect(() => readCorpus(corpus({ "a.txt": "Text.", "articles.json": '[{"file":"../a.txt"}]' }))).toThrow(/must be a file name inside the folder/);
  });

  it("should refuse two articles with one id", () => {
    const dir = corpus({ "a.txt": "One.", "b.txt": "Two.", "articles.json": '[{"file":"b.txt","id":"a"}]' });
    expect(() => readCorpus(dir)).toThrow('newsgraph/corpus: article id "a" is used twice: by "a.txt" and by "b.txt"');
  });

  it("should skip empty files and links leaving the folder with a warning", () => {
    const outside = corpus({ "secret.txt": "Outside." });
    const dir = corpus({ "a.txt": "Kept.", "empty.txt": "  \n" });
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "link.txt"));
    const { articles, warnings } = readCorpus(dir);
    expect(articles.map((a) => a.meta.id)).toEqual(["a"]);
    expect(warnings.join("\n")).toMatch(/"empty.txt": it is empty/);
    expect(warnings.join("\n")).toMatch(/"link.txt": it links outside the articles folder/);
  });
});

describe("corpus: dates in articles.json", () => {
  it("should take calendar days only, leap days by the Gregorian rule", () => {
    const read = (date: string) => () => readCorpus(corpus({ "a.txt": "Text.", "articles.json": JSON.stringify([{ file: "a.txt", date }]) }));
    for (const good of ["2024-02-29", "2000-02-29", "2026-12-31", "2026-04-30", "0001-01-01"]) expect(read(good)().articles[0]!.meta.date).toBe(good);
    for (const bad of ["2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01"]) expect(read(bad), bad).toThrow(/"date" must be YYYY-MM-DD \(a calendar day\)/);
  });
});

describe("corpus: CorpusFileCache", () => {
  /** Sets a file's times two minutes back, as for a file saved a while before the read. */
  const age = (file: string) => fs.utimesSync(file, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));

  it("should read an unchanged file from the cache and a changed, new or removed one from the folder", () => {
    const dir = corpus({ "a.txt": "First article.", "b.txt": "Second article." });
    for (const name of ["a.txt", "b.txt"]) age(path.join(dir, name));
    const files = new CorpusFileCache();
    const first = readCorpus(dir, { files });
    const opened: string[] = [];
    const open = fs.openSync;
    const spy = (file: fs.PathLike, ...rest: unknown[]) => {
      opened.push(path.basename(String(file)));
      return (open as (...args: unknown[]) => number)(file, ...rest);
    };
    (fs as { openSync: unknown }).openSync = spy;
    try {
      expect(readCorpus(dir, { files }).articles).toEqual(first.articles);
      expect(opened).toEqual([]);
      // b changes (same size, a later time), c comes, a goes.
      fs.writeFileSync(path.join(dir, "b.txt"), "Second Article.");
      fs.writeFileSync(path.join(dir, "c.txt"), "Third article.");
      fs.rmSync(path.join(dir, "a.txt"));
      const second = readCorpus(dir, { files });
      expect(second.articles.map((a) => [a.meta.id, a.text])).toEqual([["b", "Second Article."], ["c", "Third article."]]);
      expect(opened.sort()).toEqual(["b.txt", "c.txt"]);
      // Files written within the last two seconds are not remembered: they are read again.
      opened.length = 0;
      readCorpus(dir, { files });
      expect(opened.sort()).toEqual(["b.txt", "c.txt"]);
      // A file that comes back under a known name with other content is read, not taken from the cache.
      fs.writeFileSync(path.join(dir, "a.txt"), "A new first article.");
      age(path.join(dir, "a.txt"));
      opened.length = 0;
      expect(readCorpus(dir, { files }).articles[0]!.text).toBe("A new first article.");
      expect(opened).toContain("a.txt");
    } finally {
      (fs as { openSync: unknown }).openSync = open;
    }
  });
});
