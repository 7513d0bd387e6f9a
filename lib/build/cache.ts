// The per-article analysis cache: one small JSON file per article, content-addressed.
//
//   <cache dir>/<generation>/<k0k1>/<key>.json     (see lib/build/version.ts for both hashes)
//   <cache dir>/<generation>/generation.json       (what the generation was made from, for people)
//
// A generation holds the analyses made by one extractor version for one set of publishers.
// Entries are written atomically (temp file + rename), so concurrent builds, workers and
// machines never see half a file, and two writers of one key write the same bytes. Merging
// caches made on several machines is copying their generation folders into one (no file is
// ever in conflict): this is how the per-article stage is sharded (see README.md, "Scale past one machine").
import fs from "node:fs";
import path from "node:path";

export interface CacheInfo {
  extractorVersion: string;
  gazetteerKey: string;
  mode: string;
}

export class AnalysisCache {
  readonly root: string;
  readonly dir: string;
  private readonly madeDirs = new Set<string>();

  constructor(root: string, readonly generation: string) {
    this.root = path.resolve(root);
    this.dir = path.join(this.root, generation);
  }

  fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  has(key: string): boolean {
    return fs.existsSync(this.fileOf(key));
  }

  /** The cached encoded analysis, or null (missing or unreadable: treated as a miss). */
  get(key: string): string | null {
    try {
      return fs.readFileSync(this.fileOf(key), "utf8");
    } catch {
      return null;
    }
  }

  put(key: string, encoded: string): void {
    const file = this.fileOf(key);
    const dir = path.dirname(file);
    if (!this.madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(temp, encoded);
    try {
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }

  /** Records what the generation was made from (once). */
  describe(info: CacheInfo): void {
    const file = path.join(this.dir, "generation.json");
    if (fs.existsSync(file)) return;
    fs.mkdirSync(this.dir, { recursive: true });
    const temp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(temp, JSON.stringify({ ...info, created: new Date().toISOString() }, null, 1) + "\n");
    fs.renameSync(temp, file);
  }

  /** Entries in this generation (a count of files; for reports). */
  size(): { entries: number; bytes: number } {
    let entries = 0;
    let bytes = 0;
    if (!fs.existsSync(this.dir)) return { entries, bytes };
    for (const sub of fs.readdirSync(this.dir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const name of fs.readdirSync(path.join(this.dir, sub.name))) {
        if (!name.endsWith(".json")) continue;
        entries++;
        bytes += fs.statSync(path.join(this.dir, sub.name, name)).size;
      }
    }
    return { entries, bytes };
  }

  /**
   * Removes older generations (made by earlier extractor versions or publisher sets), keeping
   * this one and the `keep` most recently used others. Returns the removed folder names.
   */
  prune(keep = 2): string[] {
    if (!fs.existsSync(this.root)) return [];
    const others = fs
      .readdirSync(this.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== this.generation && /^[0-9a-f]{20}$/.test(d.name))
      .map((d) => ({ name: d.name, mtime: fs.statSync(path.join(this.root, d.name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime || (a.name < b.name ? -1 : 1));
    const removed = others.slice(keep).map((d) => d.name);
    for (const name of removed) fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
    return removed;
  }

  /** Marks this generation as used now (prune keeps the most recently used). */
  touch(): void {
    if (!fs.existsSync(this.dir)) return;
    const now = new Date();
    fs.utimesSync(this.dir, now, now);
  }
}
