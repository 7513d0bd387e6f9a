// Reading a corpus folder: article files (*.txt, *.md) plus an optional articles.json with
// metadata. Every problem is reported as one line naming the file; nothing is half-read.
//
// What happens to each kind of entry (tests/corpus, tests/hostile):
//   *.txt / *.md regular file, UTF-8           → an article (BOM and CR/CRLF kept: offsets index the raw text)
//   empty or whitespace-only article           → skipped, warning
//   hidden file (".x.txt", macOS "._x.txt")    → skipped, warning
//   folder or special file named like an article (x.txt/, a FIFO) → skipped, warning
//   link leaving the folder, broken link, link loop → skipped, warning
//   file name that is not valid UTF-8          → skipped, warning
//   any other file (.csv, .pdf, …)             → skipped, one warning listing them
//   NUL bytes, UTF-16, invalid UTF-8, over MAX_ARTICLE_BYTES (5 MB), unreadable → error (the build stops)
//   malformed articles.json, bad field, duplicate id or file, id unusable in a URL → error
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isWebUrl, type ArticleMeta } from "../contract";
import type { ArticleInput } from "../extract/types";

export class CorpusError extends Error {
  override name = "CorpusError";
  constructor(message: string) {
    // One line, whatever a file name or a parser message holds.
    super(oneLine(message));
  }
}

export interface CorpusReadResult {
  articles: ArticleInput[];
  warnings: string[];
}

interface MetadataRow {
  id?: unknown;
  file?: unknown;
  title?: unknown;
  publisher?: unknown;
  url?: unknown;
  date?: unknown;
}

const ARTICLE_EXTENSIONS = new Set([".txt", ".md"]);
const METADATA_FILE = "articles.json";
const METADATA_FIELDS = new Set(["id", "file", "title", "publisher", "url", "date"]);
const MODULE = "newsgraph/corpus";

/**
 * The largest article file read, in bytes: 5 MB, fifty times a very long news article. A bigger
 * file is almost surely not an article (a dump, a log), and the extractor's time grows faster
 * than linearly with an article's length. NEWSGRAPH_MAX_ARTICLE_MB raises or lowers it.
 */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

function articleByteLimit(): number {
  const raw = process.env.NEWSGRAPH_MAX_ARTICLE_MB;
  if (raw === undefined || raw.trim() === "") return MAX_ARTICLE_BYTES;
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb <= 0) throw new CorpusError(`${MODULE}: NEWSGRAPH_MAX_ARTICLE_MB must be a positive number of megabytes, got ${q(raw)}`);
  return Math.floor(mb * 1024 * 1024);
}
/** The largest articles.json read, in bytes (about 100,000 records). */
const MAX_METADATA_BYTES = 64 * 1024 * 1024;
/** The longest article id (ids travel in URLs: /api/articles/<id>). */
export const MAX_ID_LENGTH = 200;
const MAX_LISTED = 5;

function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
}

/** A name or value as shown in a message: JSON-quoted, so it is one line and control characters are visible. */
function q(value: string): string {
  return JSON.stringify(value);
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer, what: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new CorpusError(`${MODULE}: ${what} is UTF-16, not UTF-8 (save it as UTF-8)`);
  }
  if (bytes.includes(0)) throw new CorpusError(`${MODULE}: ${what} is binary (contains NUL bytes)`);
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) throw new CorpusError(`${MODULE}: ${what} is not valid UTF-8`);
    throw new CorpusError(`${MODULE}: ${what} cannot be decoded: ${(error as Error).message}`);
  }
  return text;
}

function optionalString(value: unknown, field: string, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new CorpusError(`${MODULE}: ${where}: "${field}" must be a string or null, got ${JSON.stringify(value)}`);
  return value;
}

function isCalendarDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  // By arithmetic (the proleptic Gregorian calendar, as Date's): a Date per article cost a 10,000-article read 26 ms.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/**
 * Why `id` cannot be an article id, or null. Ids are looked up (never used as paths) but
 * travel in URLs and messages: no control characters, no surrounding blanks, no "%xx"
 * (the API decodes a still-encoded segment once more), bounded length.
 */
export function idProblem(id: string): string | null {
  if (id.length === 0) return "is empty";
  if (id.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
  if (/\p{Cc}/u.test(id)) return "contains a control character";
  if (id.trim() !== id) return "starts or ends with a blank";
  if (/%[0-9a-f]{2}/i.test(id)) return 'contains a percent-encoding ("%" and two hex digits)';
  return null;
}

function size(bytes: number): string {
  const kb = bytes / 1024;
  return kb < 1024 ? `${Number(kb.toFixed(1))} KB` : `${Number((kb / 1024).toFixed(1))} MB`;
}

function readBytes(full: string, shown: string, limit: number, noFollow = false): Buffer | string {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO that replaced the file since it was checked cannot hang the build.
    fd = fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (noFollow ? (fs.constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    // Listed as a regular file, a link by now: skipped like a link that was not checked.
    if (noFollow && (error as NodeJS.ErrnoException).code === "ELOOP") return "it was replaced by a link while the folder was read";
    throw new CorpusError(`${MODULE}: ${shown} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const info = fs.fstatSync(fd);
    if (info.isDirectory()) return "it is a folder, not a file";
    if (!info.isFile()) return "it is not a regular file";
    if (info.size > limit) {
      throw new CorpusError(`${MODULE}: ${shown} is ${size(info.size)}, more than the ${size(limit)} a file may have here (NEWSGRAPH_MAX_ARTICLE_MB raises the limit)`);
    }
    return fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError(`${MODULE}: ${shown} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

function readMetadata(dir: string, realRoot: string, warnings: string[]): Map<string, MetadataRow & { file: string }> {
  const file = path.join(dir, METADATA_FILE);
  const byFile = new Map<string, MetadataRow & { file: string }>();
  let info: fs.Stats;
  try {
    info = fs.lstatSync(file);
  } catch {
    return byFile;
  }
  const shown = q(file);
  if (info.isSymbolicLink()) {
    let real: string;
    try {
      real = fs.realpathSync.native(file);
    } catch (error) {
      throw new CorpusError(`${MODULE}: ${shown} is a broken link (${(error as NodeJS.ErrnoException).code ?? "unresolvable"})`);
    }
    if (!isInside(realRoot, real)) throw new CorpusError(`${MODULE}: ${shown} links outside the articles folder`);
  }
  const bytes = readBytes(file, shown, MAX_METADATA_BYTES);
  if (typeof bytes === "string") throw new CorpusError(`${MODULE}: ${shown} must be a file: ${bytes}`);
  let parsed: unknown;
  try {
    // A BOM (Windows editors) is not part of the JSON.
    parsed = JSON.parse(decodeUtf8(bytes, shown).replace(/^\uFEFF/, ""));
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    throw new CorpusError(`${MODULE}: ${shown} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new CorpusError(`${MODULE}: ${shown} must hold a JSON array of article records`);
  const ids = new Map<string, string>();
  parsed.forEach((row: unknown, index: number) => {
    const where = `${shown} entry ${index}`;
    if (!row || typeof row !== "object" || Array.isArray(row)) throw new CorpusError(`${MODULE}: ${where} is not an object`);
    const r = row as MetadataRow;
    if (typeof r.file !== "string" || !r.file) throw new CorpusError(`${MODULE}: ${where} has no "file"`);
    if (path.basename(r.file) !== r.file || r.file === "." || r.file === ".." || r.file.includes("\0")) {
      throw new CorpusError(`${MODULE}: ${where}: "file" must be a file name inside the folder, got ${q(r.file)}`);
    }
    for (const field of Object.keys(r)) {
      if (!METADATA_FIELDS.has(field)) {
        warnings.push(`${MODULE}: ${where}: ignored the unknown field ${q(field)} (known: ${[...METADATA_FIELDS].join(", ")})`);
      }
    }
    for (const field of ["id", "title", "publisher", "url", "date"] as const) optionalString(r[field], field, where);
    if (typeof r.date === "string" && !isCalendarDay(r.date)) throw new CorpusError(`${MODULE}: ${where}: "date" must be YYYY-MM-DD (a calendar day), got ${q(r.date)}`);
    if (typeof r.url === "string" && !isWebUrl(r.url)) throw new CorpusError(`${MODULE}: ${where}: "url" must be an http(s) URL, got ${q(r.url)}`);
    if (typeof r.id === "string") {
      const problem = idProblem(r.id);
      if (problem) throw new CorpusError(`${MODULE}: ${where}: "id" ${q(r.id)} ${problem}`);
      const other = ids.get(r.id);
      if (other !== undefined) throw new CorpusError(`${MODULE}: ${where}: id ${q(r.id)} is also the id of ${q(other)}`);
      ids.set(r.id, r.file);
    }
    if (byFile.has(r.file)) throw new CorpusError(`${MODULE}: ${where}: ${q(r.file)} is listed twice`);
    byFile.set(r.file, { ...r, file: r.file });
  });
  return byFile;
}

/** A file's identity as the file system gives it: the same for a file nobody wrote since. */
function fileStamp(info: fs.Stats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
}

/**
 * The text and hash of article files read before, for reading one folder again and again (`npm run
 * graph -- --watch`): a file whose identity (device, inode, size, modification and change times)
 * is what it was is not opened, decoded and hashed again, which takes a 10,000-article folder's
 * read from about 470 to about 200 ms. A file written within the last two seconds of its read is not
 * remembered: a second write in the same clock tick, of the same size, would leave its times alike
 * (the race git's index guards against the same way).
 */
export class CorpusFileCache {
  private files = new Map<string, { stamp: string; text: string; sha256: string }>();
  private seen = new Map<string, { stamp: string; text: string; sha256: string }>();

  /** The text and sha256 of `file` when it is unchanged since it was remembered. */
  lookup(file: string): [string, string] | null {
    const known = this.files.get(file);
    if (!known) return null;
    let info: fs.Stats;
    try {
      info = fs.statSync(file);
    } catch {
      return null;
    }
    if (!info.isFile() || fileStamp(info) !== known.stamp) return null;
    this.seen.set(file, known);
    return [known.text, known.sha256];
  }

  remember(file: string, text: string, sha256: string): void {
    let info: fs.Stats;
    try {
      info = fs.statSync(file);
    } catch {
      return;
    }
    if (Date.now() - info.mtimeMs < 2000) return;
    this.seen.set(file, { stamp: fileStamp(info), text, sha256 });
  }

  /** Forgets the files the last read did not meet (called by readCorpus when a read ends). */
  endRead(): void {
    this.files = this.seen;
    this.seen = new Map();
  }
}

/** Reads every article of a corpus folder, sorted by file name (the build's order is stable). */
export function readCorpus(dir: string, options: { maxArticleBytes?: number; files?: CorpusFileCache } = {}): CorpusReadResult {
  if (typeof dir !== "string" || !dir) throw new CorpusError(`${MODULE}: the articles folder must be a non-empty path`);
  const limit = options.maxArticleBytes ?? articleByteLimit();
  const abs = path.resolve(dir);
  let rootInfo: fs.Stats;
  try {
    rootInfo = fs.statSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CorpusError(`${MODULE}: articles folder ${q(dir)} does not exist`);
    throw new CorpusError(`${MODULE}: articles folder ${q(dir)} cannot be read: ${code ?? (error as Error).message}`);
  }
  if (!rootInfo.isDirectory()) throw new CorpusError(`${MODULE}: ${q(dir)} is not a folder`);
  // The C library's realpath: node's own walks the path a component at a time, an lstat call each.
  const realRoot = fs.realpathSync.native(abs);
  const warnings: string[] = [];
  const metadata = readMetadata(abs, realRoot, warnings);
  let entries: fs.Dirent<Buffer>[];
  try {
    entries = fs.readdirSync(abs, { encoding: "buffer", withFileTypes: true });
  } catch (error) {
    throw new CorpusError(`${MODULE}: articles folder ${q(dir)} cannot be listed: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const metadataByNfc = new Map([...metadata].map(([file, row]) => [file.normalize("NFC"), row]));
  const names: string[] = [];
  // Entries the folder listing says are regular files (not links): their real path is the root's
  // plus their name, with no call to find it. Others (links, or a file system that does not say)
  // are resolved and checked to stay inside the folder.
  const plainFiles = new Set<string>();
  for (const entry of entries) {
    let name: string;
    try {
      name = strictUtf8.decode(entry.name);
    } catch {
      warnings.push(`${MODULE}: skipped ${q(entry.name.toString("utf8"))}: its name is not valid UTF-8`);
      continue;
    }
    names.push(name);
    if (entry.isFile()) plainFiles.add(name);
  }
  names.sort();
  const articles: ArticleInput[] = [];
  const fileOfId = new Map<string, string>();
  const notArticles: string[] = [];
  for (const name of names) {
    if (name === METADATA_FILE) continue;
    const ext = path.extname(name).toLowerCase();
    const shown = q(name);
    if (!ARTICLE_EXTENSIONS.has(ext)) {
      // Hidden non-articles (.DS_Store, .gitkeep) are not worth a line.
      if (!name.startsWith(".")) notArticles.push(name);
      continue;
    }
    if (name.startsWith(".")) {
      warnings.push(`${MODULE}: skipped ${shown}: it is a hidden file`);
      continue;
    }
    const full = path.join(abs, name);
    const plain = plainFiles.has(name);
    if (!plain) {
      let real: string;
      try {
        real = fs.realpathSync.native(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        warnings.push(`${MODULE}: skipped ${shown}: ${code === "ELOOP" ? "it is a link loop" : code === "ENOENT" ? "it is a broken link" : `it cannot be resolved (${code ?? "error"})`}`);
        continue;
      }
      if (!isInside(realRoot, real)) {
        warnings.push(`${MODULE}: skipped ${shown}: it links outside the articles folder`);
        continue;
      }
    }
    // A file read before and not changed since (a watch's reads) is taken from the cache.
    const known = plain && options.files ? options.files.lookup(full) : null;
    let text: string;
    let sha256: string;
    if (known) [text, sha256] = known;
    else {
      // A file listed as a regular file is opened without following links: one swapped for a link
      // since the listing is refused rather than read from wherever it points.
      const bytes = readBytes(full, `article ${shown}`, limit, plain);
      if (typeof bytes === "string") {
        warnings.push(`${MODULE}: skipped ${shown}: ${bytes}`);
        continue;
      }
      text = decodeUtf8(bytes, `article ${shown}`);
      sha256 = createHash("sha256").update(bytes).digest("hex");
      if (plain) options.files?.remember(full, text, sha256);
    }
    if (!text.trim()) {
      warnings.push(`${MODULE}: skipped ${shown}: it is empty`);
      continue;
    }
    // articles.json may spell a name in another Unicode normal form than the file system (macOS: NFD).
    const row = metadata.get(name) ?? metadataByNfc.get(name.normalize("NFC"));
    const ownId = typeof row?.id === "string" && row.id ? row.id : null;
    const id = ownId ?? path.basename(name, path.extname(name));
    if (!ownId) {
      const problem = idProblem(id);
      if (problem) throw new CorpusError(`${MODULE}: article ${shown}: its id ${q(id)} (the file name) ${problem}; rename the file or give it an "id" in ${METADATA_FILE}`);
    }
    const other = fileOfId.get(id);
    if (other !== undefined) throw new CorpusError(`${MODULE}: article id ${q(id)} is used twice: by ${q(other)} and by ${shown}`);
    fileOfId.set(id, name);
    const meta: ArticleMeta = {
      id,
      file: name,
      title: optionalString(row?.title, "title", name),
      publisher: optionalString(row?.publisher, "publisher", name),
      url: optionalString(row?.url, "url", name),
      date: optionalString(row?.date, "date", name),
      sha256,
      chars: text.length,
    };
    articles.push({ meta, text });
  }
  if (notArticles.length > 0) {
    const some = notArticles.slice(0, MAX_LISTED).map(q).join(", ");
    const more = notArticles.length > MAX_LISTED ? ` and ${notArticles.length - MAX_LISTED} more` : "";
    warnings.push(`${MODULE}: skipped ${notArticles.length} file(s) that are not articles (*.txt, *.md): ${some}${more}`);
  }
  const listed = new Set(names.map((name) => name.normalize("NFC")));
  for (const file of metadata.keys()) {
    if (!listed.has(file.normalize("NFC"))) warnings.push(`${MODULE}: ${METADATA_FILE} lists ${q(file)}, which is not in the folder`);
  }
  if (articles.length === 0) throw new CorpusError(`${MODULE}: articles folder ${q(dir)} holds no articles (*.txt or *.md)`);
  options.files?.endRead();
  return { articles, warnings: warnings.map(oneLine) };
}
