// Hostile corpus folders read by lib/corpus (readCorpus): every bad input is either read
// correctly, skipped with a one-line warning naming the file, or refused with a one-line
// CorpusError naming the file. Never another kind of exception, never a multi-line message.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { CorpusError, MAX_ARTICLE_BYTES, MAX_ID_LENGTH, readCorpus } from "@/lib/corpus";
import { cleanup, corpus, newsArticle, newsSentences, tempDir } from "./support";

afterAll(cleanup);

const ARTICLE = "Marta Kowalczyk, the head of the Baltic Energy Council, met Daniel Okafor in Warsaw on Tuesday.\n";

/** The CorpusError readCorpus throws for `dir`: one line, module-prefixed. */
function refusal(dir: string): string {
  let thrown: unknown;
  try {
    readCorpus(dir);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "readCorpus should refuse this folder").toBeInstanceOf(CorpusError);
  const message = (thrown as Error).message;
  expect(message).toMatch(/^newsgraph\/corpus: /);
  expect(message).not.toMatch(/[\r\n\u2028\u2029]/);
  return message;
}

/** readCorpus's warnings, each checked to be one line and module-prefixed. */
function warningsOf(dir: string): { ids: string[]; warnings: string[] } {
  const { articles, warnings } = readCorpus(dir);
  for (const w of warnings) {
    expect(w).toMatch(/^newsgraph\/corpus: /);
    expect(w).not.toMatch(/[\r\n\u2028\u2029]/);
  }
  return { ids: articles.map((a) => a.meta.id), warnings };
}

describe("files that are skipped with a warning naming them", () => {
  it.each([
    ["an empty file", Buffer.alloc(0)],
    ["a whitespace-only file", " \t\n\r\n   \n"],
    ["a file of Unicode blanks (NBSP, ideographic space, BOM)", "\u00a0\u3000\uFEFF\u2003\n"],
    ["a BOM and nothing else", Buffer.from([0xef, 0xbb, 0xbf])],
  ])("%s", (_what, content) => {
    const dir = corpus({ "a.txt": ARTICLE, "blank.txt": content });
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings).toEqual(['newsgraph/corpus: skipped "blank.txt": it is empty']);
  });

  it("a folder named like an article", () => {
    const dir = corpus({ "a.txt": ARTICLE });
    fs.mkdirSync(path.join(dir, "x.txt"));
    fs.writeFileSync(path.join(dir, "x.txt", "inner.txt"), ARTICLE);
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings).toEqual(['newsgraph/corpus: skipped "x.txt": it is a folder, not a file']);
  });

  it("a FIFO named like an article (the read must not hang)", () => {
    const dir = corpus({ "a.txt": ARTICLE });
    const made = spawnSync("mkfifo", [path.join(dir, "pipe.txt")]);
    if (made.status !== 0) return; // no mkfifo here
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings).toEqual(['newsgraph/corpus: skipped "pipe.txt": it is not a regular file']);
  });

  it("links that leave the folder, broken links and link loops", () => {
    const outside = corpus({ "secret.txt": "Outside the corpus: must never be read." });
    fs.mkdirSync(path.join(outside, "docs.txt"));
    const dir = corpus({ "a.txt": ARTICLE });
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "absolute.txt"));
    fs.symlinkSync(path.relative(dir, path.join(outside, "secret.txt")), path.join(dir, "relative.txt"));
    fs.symlinkSync(path.join(outside, "docs.txt"), path.join(dir, "folder.txt"));
    fs.symlinkSync(path.join(dir, "nowhere.txt"), path.join(dir, "broken.txt"));
    fs.symlinkSync(path.join(dir, "loop2.txt"), path.join(dir, "loop1.txt"));
    fs.symlinkSync(path.join(dir, "loop1.txt"), path.join(dir, "loop2.txt"));
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings.sort()).toEqual(
      [
        'newsgraph/corpus: skipped "absolute.txt": it links outside the articles folder',
        'newsgraph/corpus: skipped "relative.txt": it links outside the articles folder',
        'newsgraph/corpus: skipped "folder.txt": it links outside the articles folder',
        'newsgraph/corpus: skipped "broken.txt": it is a broken link',
        'newsgraph/corpus: skipped "loop1.txt": it is a link loop',
        'newsgraph/corpus: skipped "loop2.txt": it is a link loop',
      ].sort(),
    );
  });

  it("an article swapped for a link leaving the folder after the folder was listed: skipped, never followed", () => {
    const outside = corpus({ "secret.txt": "Outside the corpus: must never be read." });
    const dir = corpus({ "a.txt": ARTICLE, "b.txt": ARTICLE });
    // The swap happens right after the listing, where a race would put it.
    const list = fs.readdirSync;
    const spy = vi.spyOn(fs, "readdirSync").mockImplementation(((...args: Parameters<typeof fs.readdirSync>) => {
      const listed = list(...args);
      if (args[0] === dir || path.resolve(String(args[0])) === path.resolve(dir)) {
        fs.rmSync(path.join(dir, "b.txt"));
        fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "b.txt"));
      }
      return listed;
    }) as typeof fs.readdirSync);
    try {
      expect(warningsOf(dir)).toEqual({ ids: ["a"], warnings: ['newsgraph/corpus: skipped "b.txt": it was replaced by a link while the folder was read'] });
    } finally {
      spy.mockRestore();
    }
  });

  it("the articles folder itself reached through a link: its articles are inside", () => {
    const real = corpus({ "a.txt": ARTICLE });
    const link = path.join(tempDir(), "corpus-link");
    fs.symlinkSync(real, link);
    expect(warningsOf(link)).toEqual({ ids: ["a"], warnings: [] });
  });

  it("hidden files, also macOS resource forks full of NUL bytes", () => {
    const dir = corpus({
      "a.txt": ARTICLE,
      ".draft.txt": ARTICLE,
      "._a.txt": Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]),
      ".DS_Store": Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
    });
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings.sort()).toEqual([
      'newsgraph/corpus: skipped "._a.txt": it is a hidden file',
      'newsgraph/corpus: skipped ".draft.txt": it is a hidden file',
    ]);
  });

  it("a file name that is not valid UTF-8", () => {
    const dir = corpus({ "a.txt": ARTICLE });
    fs.writeFileSync(Buffer.concat([Buffer.from(dir + "/bad-"), Buffer.from([0xff, 0xfe]), Buffer.from(".txt")]), ARTICLE);
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings).toEqual(['newsgraph/corpus: skipped "bad-\uFFFD\uFFFD.txt": its name is not valid UTF-8']);
  });

  it("files that are not articles: one line listing them", () => {
    const dir = corpus({
      "a.txt": ARTICLE,
      "data.csv": "id,name\n1,x\n",
      "report.pdf": Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n\u0000\u0000"),
      "page.html": "<html><script>alert(1)</script></html>",
      "README": "notes",
      "photo.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
      "archive.txt.gz": Buffer.from([0x1f, 0x8b, 0x08, 0]),
      "notes.txt.bak": ARTICLE,
    });
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings).toEqual([
      'newsgraph/corpus: skipped 7 file(s) that are not articles (*.txt, *.md): "README", "archive.txt.gz", "data.csv", "notes.txt.bak", "page.html" and 2 more',
    ]);
  });

  it("articles.json naming a file that is not there, and an unknown field", () => {
    const dir = corpus({
      "a.txt": ARTICLE,
      "articles.json": JSON.stringify([
        { file: "a.txt", titel: "Typo" },
        { file: "gone.txt", title: "Deleted" },
      ]),
    });
    const { ids, warnings } = warningsOf(dir);
    expect(ids).toEqual(["a"]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/articles\.json" entry 0: ignored the unknown field "titel"/);
    expect(warnings[1]).toBe('newsgraph/corpus: articles.json lists "gone.txt", which is not in the folder');
  });
});

describe("inputs read correctly", () => {
  it("a UTF-8 BOM, CRLF and lone-CR line endings stay in the text, byte for byte", () => {
    const dir = corpus({
      "bom.txt": "\uFEFFFirst line.\nSecond line.",
      "crlf.txt": "First line.\r\nSecond line.\r\n",
      "cr.txt": "First line.\rSecond line.\r",
      "mixed.txt": "One.\r\nTwo.\rThree.\nFour.\u2028Five.\u0085Six.",
    });
    const { articles } = readCorpus(dir);
    const byId = new Map(articles.map((a) => [a.meta.id, a]));
    expect(byId.get("bom")!.text).toBe("\uFEFFFirst line.\nSecond line.");
    expect(byId.get("bom")!.meta.chars).toBe(25);
    expect(byId.get("crlf")!.text).toBe("First line.\r\nSecond line.\r\n");
    expect(byId.get("cr")!.text).toBe("First line.\rSecond line.\r");
    expect(byId.get("mixed")!.text).toBe("One.\r\nTwo.\rThree.\nFour.\u2028Five.\u0085Six.");
    for (const a of articles) expect(a.meta.sha256).toBe(createHash("sha256").update(fs.readFileSync(path.join(dir, a.meta.file))).digest("hex"));
  });

  it("control characters other than NUL are text", () => {
    const dir = corpus({ "ctl.txt": "Escape \u001b[31mred\u001b[0m, form feed \f, bell \u0007, DEL \u007f.\n" });
    expect(readCorpus(dir).articles[0]!.text).toContain("\u001b[31m");
  });

  it("names with spaces, non-ASCII letters, emoji, both Unicode normal forms, upper-case extensions", () => {
    const names = ["with spaces.txt", "Zürich Bericht.txt", "Київ.md", "東京 レポート.txt", "news 📰 today.txt", "Zu\u0308rich-nfd.txt", "LOUD.TXT", "o'brien & co (1).md"];
    const dir = corpus(Object.fromEntries(names.map((name, i) => [name, newsArticle(i)])));
    const { ids, warnings } = warningsOf(dir);
    expect(warnings).toEqual([]);
    expect(ids).toEqual([...names].sort().map((name) => name.replace(/\.(txt|md)$/i, "")));
  });

  it("articles.json spelled in NFC for a file stored in NFD, and with a BOM", () => {
    const dir = corpus({
      "Zu\u0308rich.txt": ARTICLE,
      "articles.json": "\uFEFF" + JSON.stringify([{ file: "Z\u00fcrich.txt", id: "zurich", title: "Zürich", date: "2025-10-24", url: "https://example.org/z" }]),
    });
    const { articles, warnings } = readCorpus(dir);
    expect(warnings).toEqual([]);
    expect(articles[0]!.meta).toMatchObject({ id: "zurich", title: "Zürich", date: "2025-10-24", url: "https://example.org/z" });
  });

  it("a link inside the folder to a subfolder whose name starts with two dots (not outside)", () => {
    // Bug fixed: `path.relative(root, real).startsWith("..")` took "..archive/a.txt" for a way out.
    const dir = corpus({ "plain.txt": ARTICLE });
    fs.mkdirSync(path.join(dir, "..archive"));
    fs.writeFileSync(path.join(dir, "..archive", "old.txt"), ARTICLE);
    fs.symlinkSync(path.join("..archive", "old.txt"), path.join(dir, "linked.txt"));
    expect(warningsOf(dir)).toEqual({ ids: ["linked", "plain"], warnings: [] });
  });

  it("partial metadata: articles.json for some files only", () => {
    const dir = corpus({ "a.txt": ARTICLE, "b.txt": ARTICLE, "articles.json": '[{"file":"b.txt","id":"bee","publisher":null}]' });
    expect(warningsOf(dir)).toEqual({ ids: ["a", "bee"], warnings: [] });
  });

  it("5,000 small files, sorted, quickly", () => {
    const dir = tempDir("newsgraph-5000-");
    const sentences = newsSentences(64);
    for (let i = 0; i < 5000; i++) fs.writeFileSync(path.join(dir, `a-${String(i).padStart(4, "0")}.txt`), `${sentences[i % 64]}\n${sentences[(i * 7) % 64]}\n`);
    const started = performance.now();
    const { articles, warnings } = readCorpus(dir);
    const ms = performance.now() - started;
    expect(warnings).toEqual([]);
    expect(articles).toHaveLength(5000);
    expect(articles[0]!.meta.id).toBe("a-0000");
    expect(articles[4999]!.meta.id).toBe("a-4999");
    expect(new Set(articles.map((a) => a.meta.id)).size).toBe(5000);
    console.log(`[hostile] readCorpus: 5,000 files in ${ms.toFixed(0)} ms`);
  });

  it("a 20 MB article is read exactly when the limit allows it, and refused by default", () => {
    const sentences = newsSentences(600);
    const paragraph = sentences.join(" ") + "\n\n";
    const big = paragraph.repeat(Math.ceil((20 * 1024 * 1024) / paragraph.length));
    const dir = corpus({ "big.txt": big, "small.txt": ARTICLE });
    expect(Buffer.byteLength(big)).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    const { articles } = readCorpus(dir, { maxArticleBytes: 32 * 1024 * 1024 });
    expect(articles[0]!.meta.id).toBe("big");
    expect(articles[0]!.text.length).toBe(big.length);
    expect(articles[0]!.text === big).toBe(true);
    expect(MAX_ARTICLE_BYTES).toBeLessThan(20 * 1024 * 1024);
    expect(refusal(dir)).toMatch(/^newsgraph\/corpus: article "big\.txt" is 20(\.\d)? MB, more than the 5 MB a file may have here \(NEWSGRAPH_MAX_ARTICLE_MB raises the limit\)$/);
  });

  it("NEWSGRAPH_MAX_ARTICLE_MB moves the limit, and a bad value is named", () => {
    const dir = corpus({ "a.txt": "x".repeat(3000) + ".\n" });
    const saved = process.env.NEWSGRAPH_MAX_ARTICLE_MB;
    try {
      process.env.NEWSGRAPH_MAX_ARTICLE_MB = "0.001";
      expect(refusal(dir)).toMatch(/"a\.txt" is 2\.9 KB, more than the 1 KB a file may have here/);
      process.env.NEWSGRAPH_MAX_ARTICLE_MB = "lots";
      expect(refusal(dir)).toBe('newsgraph/corpus: NEWSGRAPH_MAX_ARTICLE_MB must be a positive number of megabytes, got "lots"');
      process.env.NEWSGRAPH_MAX_ARTICLE_MB = "1";
      expect(readCorpus(dir).articles).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.NEWSGRAPH_MAX_ARTICLE_MB;
      else process.env.NEWSGRAPH_MAX_ARTICLE_MB = saved;
    }
  });
});

describe("inputs that stop the build with one line naming the file", () => {
  it.each([
    ["NUL bytes", Buffer.from("Marta Kowalczyk\u0000met Daniel Okafor."), /article "x\.txt" is binary \(contains NUL bytes\)$/],
    ["a lone continuation byte", Buffer.from([0x41, 0x80, 0x42]), /article "x\.txt" is not valid UTF-8$/],
    ["a sequence cut at the end", Buffer.concat([Buffer.from("Caf"), Buffer.from([0xc3])]), /is not valid UTF-8$/],
    ["an overlong encoding of '/'", Buffer.from([0x2e, 0xc0, 0xaf, 0x2e]), /is not valid UTF-8$/],
    ["an encoded surrogate (CESU-8)", Buffer.from([0x41, 0xed, 0xa0, 0x80, 0x42]), /is not valid UTF-8$/],
    ["Latin-1 text", Buffer.from("Z\u00fcrich caf\u00e9", "latin1"), /is not valid UTF-8$/],
    ["byte 0xFF", Buffer.from([0x41, 0xff, 0x42]), /is not valid UTF-8$/],
    ["UTF-16 LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Hello.", "utf16le")]), /article "x\.txt" is UTF-16, not UTF-8 \(save it as UTF-8\)$/],
    ["UTF-16 BE with a BOM", Buffer.from([0xfe, 0xff, 0, 0x48, 0, 0x69]), /is UTF-16, not UTF-8/],
    ["UTF-16 without a BOM", Buffer.from("Hello.", "utf16le"), /is binary \(contains NUL bytes\)$/],
  ])("%s", (_what, bytes, message) => {
    expect(refusal(corpus({ "a.txt": ARTICLE, "x.txt": bytes }))).toMatch(message);
  });

  it.each([
    ["two files with one id (a.txt, a.md)", { "a.txt": ARTICLE, "a.md": ARTICLE }, 'article id "a" is used twice: by "a.md" and by "a.txt"'],
    ["an id in articles.json that is another file's name", { "a.txt": ARTICLE, "b.txt": ARTICLE, "articles.json": '[{"file":"b.txt","id":"a"}]' }, 'article id "a" is used twice: by "a.txt" and by "b.txt"'],
    ["one id twice in articles.json", { "a.txt": ARTICLE, "b.txt": ARTICLE, "articles.json": '[{"file":"a.txt","id":"x"},{"file":"b.txt","id":"x"}]' }, 'entry 1: id "x" is also the id of "a.txt"'],
    ["one file twice in articles.json", { "a.txt": ARTICLE, "articles.json": '[{"file":"a.txt"},{"file":"a.txt","id":"other"}]' }, 'entry 1: "a.txt" is listed twice'],
  ])("%s", (_what, files, message) => {
    expect(refusal(corpus(files))).toContain(message);
  });

  it.each([
    ["empty", "", /articles\.json" is not valid JSON: Unexpected end of JSON input$/],
    ["cut in the middle", '[{"file":"a.txt","title":"Half', /articles\.json" is not valid JSON: /],
    ["a trailing comma", '[{"file":"a.txt"},]', /articles\.json" is not valid JSON: /],
    ["JavaScript, not JSON", "[{file: 'a.txt'}]", /articles\.json" is not valid JSON: /],
    ["multi-line garbage", "[\n{\n\"file\"\n:\n}\n]", /articles\.json" is not valid JSON: /],
    ["null", "null", /must hold a JSON array of article records$/],
    ["an object", '{"a.txt":{}}', /must hold a JSON array/],
    ["a number in the array", "[1]", /entry 0 is not an object$/],
    ["null in the array", '[{"file":"a.txt"},null]', /entry 1 is not an object$/],
    ["an array in the array", "[[]]", /entry 0 is not an object$/],
    ["no file", '[{"id":"a"}]', /entry 0 has no "file"$/],
    ["a numeric file", '[{"file":3}]', /entry 0 has no "file"$/],
    ["a path as file", '[{"file":"../a.txt"}]', /"file" must be a file name inside the folder, got "\.\.\/a\.txt"$/],
    ["a subfolder path as file", '[{"file":"sub/a.txt"}]', /"file" must be a file name inside the folder/],
    ["'..' as file", '[{"file":".."}]', /"file" must be a file name inside the folder, got "\.\."$/],
    ["an absolute path as file", '[{"file":"/etc/passwd"}]', /"file" must be a file name inside the folder/],
    ["a NUL in file", '[{"file":"a.txt\\u0000.md"}]', /"file" must be a file name inside the folder, got "a\.txt\\u0000\.md"$/],
    ["a numeric title", '[{"file":"a.txt","title":5}]', /entry 0: "title" must be a string or null, got 5$/],
    ["an object as publisher", '[{"file":"a.txt","publisher":{"name":"x"}}]', /"publisher" must be a string or null/],
    ["a date in words", '[{"file":"a.txt","date":"20 March"}]', /"date" must be YYYY-MM-DD \(a calendar day\), got "20 March"$/],
    ["an impossible date", '[{"file":"a.txt","date":"2025-02-30"}]', /"date" must be YYYY-MM-DD/],
    ["a javascript: url", '[{"file":"a.txt","url":"javascript:alert(1)"}]', /"url" must be an http\(s\) URL, got "javascript:alert\(1\)"$/],
    ["a data: url", '[{"file":"a.txt","url":"data:text/html,<script>alert(1)</script>"}]', /"url" must be an http\(s\) URL/],
    ["a url that is not one", '[{"file":"a.txt","url":"example dot com"}]', /"url" must be an http\(s\) URL/],
    ["an empty id", '[{"file":"a.txt","id":""}]', /"id" "" is empty$/],
    ["a blank-edged id", '[{"file":"a.txt","id":" a "}]', /"id" " a " starts or ends with a blank$/],
    ["a control character in the id", '[{"file":"a.txt","id":"a\\nb"}]', /"id" "a\\nb" contains a control character$/],
    ["a percent-encoding in the id", '[{"file":"a.txt","id":"..%2F..%2Fetc"}]', /contains a percent-encoding/],
    ["a very long id", JSON.stringify([{ file: "a.txt", id: "x".repeat(MAX_ID_LENGTH + 1) }]), /is longer than 200 characters$/],
  ])("articles.json: %s", (_what, json, message) => {
    expect(refusal(corpus({ "a.txt": ARTICLE, "articles.json": json }))).toMatch(message);
  });

  it("articles.json that is not UTF-8, binary, a folder, or a link leaving the folder", () => {
    expect(refusal(corpus({ "a.txt": ARTICLE, "articles.json": Buffer.from([0x5b, 0xff, 0x5d]) }))).toMatch(/articles\.json" is not valid UTF-8$/);
    expect(refusal(corpus({ "a.txt": ARTICLE, "articles.json": Buffer.from([0x5b, 0x00, 0x5d]) }))).toMatch(/articles\.json" is binary/);
    const folder = corpus({ "a.txt": ARTICLE });
    fs.mkdirSync(path.join(folder, "articles.json"));
    expect(refusal(folder)).toMatch(/articles\.json" must be a file: it is a folder, not a file$/);
    const outside = corpus({ "articles.json": '[{"file":"a.txt","title":"from outside"}]' });
    const linked = corpus({ "a.txt": ARTICLE });
    fs.symlinkSync(path.join(outside, "articles.json"), path.join(linked, "articles.json"));
    expect(refusal(linked)).toMatch(/articles\.json" links outside the articles folder$/);
  });

  it("file names whose id cannot travel in a URL", () => {
    expect(refusal(corpus({ "50%25 off.txt": ARTICLE }))).toBe(
      'newsgraph/corpus: article "50%25 off.txt": its id "50%25 off" (the file name) contains a percent-encoding ("%" and two hex digits); rename the file or give it an "id" in articles.json',
    );
    expect(refusal(corpus({ "line\nbreak.txt": ARTICLE }))).toMatch(/^newsgraph\/corpus: article "line\\nbreak\.txt": its id "line\\nbreak" \(the file name\) contains a control character;/);
    expect(refusal(corpus({ [`${"n".repeat(240)}.txt`]: ARTICLE }))).toMatch(/is longer than 200 characters/);
    // …unless articles.json gives the file a usable id.
    expect(warningsOf(corpus({ "50%25 off.txt": ARTICLE, "articles.json": '[{"file":"50%25 off.txt","id":"half-price"}]' })).ids).toEqual(["half-price"]);
  });

  it("a missing folder, a file instead of a folder, an empty folder, a folder with nothing readable", () => {
    expect(refusal("/no/such/folder")).toBe('newsgraph/corpus: articles folder "/no/such/folder" does not exist');
    const file = path.join(corpus({ "a.txt": ARTICLE }), "a.txt");
    expect(refusal(file)).toBe(`newsgraph/corpus: ${JSON.stringify(file)} is not a folder`);
    expect(refusal(tempDir())).toMatch(/holds no articles \(\*\.txt or \*\.md\)$/);
    expect(refusal(corpus({ "empty.txt": "", "data.csv": "1,2" }))).toMatch(/holds no articles/);
    expect(() => readCorpus("")).toThrow(CorpusError);
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable file", () => {
    const dir = corpus({ "a.txt": ARTICLE, "locked.txt": ARTICLE });
    fs.chmodSync(path.join(dir, "locked.txt"), 0o000);
    expect(refusal(dir)).toBe('newsgraph/corpus: article "locked.txt" cannot be read: EACCES');
  });
});
