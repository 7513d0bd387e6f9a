import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";

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
