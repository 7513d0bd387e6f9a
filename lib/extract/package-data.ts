// Word lists the extractor takes from installed packages (compromise's lexicon, SCOWL's common
// words), kept as plain JSON under node_modules/.cache/newsgraph-words once made. Loading compromise
// to read its lexicon takes about 0.3 s and the SCOWL lists 0.1 s; the JSON of both is read in
// about 0.05 s. Every build pays that load, every worker thread of a large build and every test
// file that runs the extractor, so a 100-article build spent a seventh of its time there.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../fsutil";

/** Bumped when what is stored changes shape. */
const FORMAT = 1;
const CACHE_FOLDER = path.join(".cache", "newsgraph-words");

export interface PackageDataSource {
  /** The package the data comes from, as `require` resolves it from the caller. */
  packageName: string;
  /** require.resolve of the caller's module (createRequire). */
  resolve: (name: string) => string;
  /** Names this piece of data within the package ("lexicon"). */
  dataName: string;
}

/**
 * `make()`, or the JSON it gave before for the same installed copy of the package (its path, its
 * main file's size and time, its version). A cache file that cannot be read or does not pass
 * `isValid` is made again; a folder that cannot be written (a read-only install) leaves the
 * package loaded each time, as without this cache.
 */
export function cachedPackageData<T>(source: PackageDataSource, make: () => T, isValid: (data: unknown) => data is T): T {
  const file = cacheFileFor(source);
  if (file) {
    try {
      const data: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
      if (isValid(data)) return data;
    } catch {
      // Not made yet, or left unreadable: made again below.
    }
  }
  const data = make();
  if (file) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, JSON.stringify(data));
    } catch {
      // Read-only node_modules: nothing to keep, and nothing lost.
    }
  }
  return data;
}

/** Where the data of this installed copy of the package is kept, or null when it is not under a node_modules folder. */
export function cacheFileFor(source: PackageDataSource): string | null {
  let main: string;
  try {
    main = source.resolve(source.packageName);
  } catch {
    return null;
  }
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = main.lastIndexOf(marker);
  if (at < 0) return null;
  const nodeModules = main.slice(0, at + marker.length - 1);
  let version: string;
  let stamp: string;
  try {
    const info = fs.statSync(main);
    stamp = `${info.size}\0${info.mtimeMs}`;
    version = (JSON.parse(fs.readFileSync(path.join(nodeModules, source.packageName, "package.json"), "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return null;
  }
  const key = createHash("sha256").update(`${FORMAT}\0${source.packageName}\0${version}\0${main}\0${stamp}\0${source.dataName}`).digest("hex").slice(0, 16);
  return path.join(nodeModules, CACHE_FOLDER, `${source.packageName.replace(/[^\w.-]+/g, "_")}-${source.dataName}-${key}.json`);
}
