// The per-article analysis cache, content-addressed, in append-only packs.
//
//   <cache dir>/<generation>/packs/<stamp>-<pid>-<random>.pack   the entries one build wrote
//   <cache dir>/<generation>/generation.json                       what the generation was made from, for people
//   <cache dir>/<generation>/<k0k1>/<key>.json                     one entry per file (the earlier layout, still read)
//
// A generation holds the analyses made by one extractor version for one set of publishers. A
// pack is a run of entries `<key> <byte length>\n<encoded analysis>\n`, appended by one build and
// never changed after: readers index every complete entry and ignore a last one cut short (a
// build killed mid-write keeps everything it wrote before). Pack names never repeat, and two
// writers of one key write the same bytes, so merging caches made on several machines is copying
// their generation folders into one: this is how the per-article stage is sharded (see
// README.md, "Scale past one machine").
//
// Why packs: creating a file costs about 0.35 ms on this machine's ext4, and one file per article
// took 5.4 s of a one-thread 10,000-article build's 20 s per-article stage; appending to one file
// takes about 0.5 s.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface CacheInfo {
  extractorVersion: string;
  gazetteerKey: string;
  mode: string;
}

/** Where an entry's bytes are. */
export interface CacheEntryLocation {
  file: string;
  start: number;
  length: number;
}

const MODULE = "newsgraph/build";
const PACKS = "packs";
const PACK_RE = /^[0-9a-z]{10}-\d+-[0-9a-f]{8}\.pack$/;
const KEY_RE = /^[0-9a-f]{64}$/;
/** Packs kept open for reading at once (see get). */
const MAX_OPEN_PACKS = 16;
/** A header is a 64-character key, a space, at most 12 digits and a newline. */
const HEADER_WINDOW = 1 + 64 + 1 + 12 + 1;

export class AnalysisCache {
  readonly root: string;
  readonly dir: string;
  private index: Map<string, CacheEntryLocation> | null = null;
  /** Whether the generation has entries in the one-file-per-article layout. */
  private legacy = false;
  private readonly readers = new Map<string, number>();
  private writer: { fd: number; file: string; size: number } | null = null;
  private scratch = Buffer.alloc(0);

  constructor(root: string, readonly generation: string) {
    if (typeof root !== "string" || root === "") throw new TypeError(`${MODULE}: the cache folder must be a path, got ${JSON.stringify(root)}`);
    this.root = path.resolve(root);
    this.dir = path.join(this.root, generation);
  }

  has(key: string): boolean {
    return this.entries().has(key) || (this.legacy && fs.existsSync(this.legacyFileOf(key)));
  }

  /** The cached encoded analysis, or null (missing or unreadable: treated as a miss). */
  get(key: string): string | null {
    const at = this.entries().get(key);
    if (!at) {
      if (!this.legacy) return null;
      try {
        return fs.readFileSync(this.legacyFileOf(key), "utf8");
      } catch {
        return null;
      }
    }
    try {
      let fd = this.readers.get(at.file);
      if (fd === undefined) {
        // Each build adds a pack: a cache used for long holds many, and a process may open only so
        // many files. The least recently opened reader is closed past a few.
        if (this.readers.size >= MAX_OPEN_PACKS) {
          const [oldest, oldFd] = this.readers.entries().next().value!;
          this.readers.delete(oldest);
          fs.closeSync(oldFd);
        }
        this.readers.set(at.file, (fd = fs.openSync(at.file, "r")));
      }
      const bytes = Buffer.allocUnsafe(at.length);
      if (fs.readSync(fd, bytes, 0, at.length, at.start) !== at.length) return null;
      return bytes.toString("utf8");
    } catch {
      return null;
    }
  }

  /** Where an entry is read from (null when the cache has no entry for `key`). */
  locate(key: string): CacheEntryLocation | null {
    return this.entries().get(key) ?? null;
  }

  /** Appends an entry to this cache's pack (made on the first put). */
  put(key: string, encoded: string): void {
    if (!KEY_RE.test(key)) throw new TypeError(`${MODULE}: a cache key is 64 hex digits, got ${JSON.stringify(key)}`);
    if (!this.writer) {
      const dir = path.join(this.dir, PACKS);
      fs.mkdirSync(dir, { recursive: true });
      const stamp = Date.now().toString(36).padStart(10, "0");
      const file = path.join(dir, `${stamp}-${process.pid}-${randomBytes(4).toString("hex")}.pack`);
      this.writer = { fd: fs.openSync(file, "wx"), file, size: 0 };
    }
    // Encoded straight into one reused buffer, after room for the header (written once the
    // body's byte length is known): a fresh buffer per entry made work for the collector.
    const room = HEADER_WINDOW;
    const need = room + encoded.length * 3 + 1;
    if (this.scratch.length < need) this.scratch = Buffer.allocUnsafe(Math.max(need, 2 * this.scratch.length));
    const scratch = this.scratch;
    const length = scratch.write(encoded, room, "utf8");
    scratch[room + length] = 0x0a;
    const header = `${key} ${length}\n`;
    const from = room - header.length;
    scratch.write(header, from, "latin1");
    // writeFileSync on a descriptor loops until everything is written (writeSync may write less).
    fs.writeFileSync(this.writer.fd, scratch.subarray(from, room + length + 1));
    this.entries().set(key, { file: this.writer.file, start: this.writer.size + header.length, length });
    this.writer.size += header.length + length + 1;
  }

  /** Closes the files this cache has open (its pack is complete as it is: nothing is buffered). */
  close(): void {
    this.scratch = Buffer.alloc(0);
    if (this.writer) fs.closeSync(this.writer.fd);
    this.writer = null;
    for (const fd of this.readers.values()) fs.closeSync(fd);
    this.readers.clear();
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

  /** Distinct entries in this generation and the bytes of their analyses (for reports). */
  size(): { entries: number; bytes: number } {
    const sizes = new Map<string, number>();
    for (const [key, at] of this.entries()) sizes.set(key, at.length);
    if (this.legacy) {
      for (const sub of fs.readdirSync(this.dir, { withFileTypes: true })) {
        if (!sub.isDirectory() || !/^[0-9a-f]{2}$/.test(sub.name)) continue;
        for (const name of fs.readdirSync(path.join(this.dir, sub.name))) {
          const key = name.replace(/\.json$/, "");
          if (KEY_RE.test(key) && !sizes.has(key)) sizes.set(key, fs.statSync(path.join(this.dir, sub.name, name)).size);
        }
      }
    }
    let bytes = 0;
    for (const n of sizes.values()) bytes += n;
    return { entries: sizes.size, bytes };
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

  private legacyFileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The index of every complete entry in the packs, read once (later packs win a repeated key). */
  private entries(): Map<string, CacheEntryLocation> {
    if (this.index) return this.index;
    const index = new Map<string, CacheEntryLocation>();
    this.index = index;
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return index;
    }
    this.legacy = names.some((name) => /^[0-9a-f]{2}$/.test(name));
    if (!names.includes(PACKS)) return index;
    const packs = fs.readdirSync(path.join(this.dir, PACKS)).filter((name) => PACK_RE.test(name)).sort();
    for (const name of packs) indexPack(path.join(this.dir, PACKS, name), index);
    return index;
  }
}

/** Adds a pack's complete entries to `index`; stops at the first that is cut short or malformed. */
function indexPack(file: string, index: Map<string, CacheEntryLocation>): void {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const window = Buffer.alloc(HEADER_WINDOW);
    let at = 0;
    while (at < size) {
      const read = fs.readSync(fd, window, 0, HEADER_WINDOW, at);
      const newline = window.subarray(0, read).indexOf(0x0a);
      if (newline < 0) return;
      const header = /^([0-9a-f]{64}) (\d{1,12})$/.exec(window.toString("latin1", 0, newline));
      if (!header) return;
      const start = at + newline + 1;
      const length = Number(header[2]);
      const end = start + length;
      // The entry is complete when its closing newline is in the file.
      if (end >= size) return;
      if (fs.readSync(fd, window, 0, 1, end) !== 1 || window[0] !== 0x0a) return;
      index.set(header[1]!, { file, start, length });
      at = end + 1;
    }
  } catch {
    // A pack that cannot be read serves what was indexed before the error.
  } finally {
    fs.closeSync(fd);
  }
}
