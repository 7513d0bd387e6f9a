// TypeScript entries compiled by esbuild into plain ES modules, kept in a cache folder and compiled
// again only when one of their sources changes: what `npm run graph` runs (scripts/graph.mjs).
//
// Why not run the sources with tsx, as the other scripts do: tsx compiles with esbuild's
// `keepNames`, which wraps every function made at run time in a call that names it. The build
// makes closures in its hottest loops: at 10,000 articles on one CPU, alternating runs took 1–3 s
// less of a 45–49 s build compiled (and 10–25 MiB less), and tsx's loader added 0.15–0.2 s to every
// start. Plain JavaScript because this is what compiles the TypeScript.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Buffer } from "node:buffer";
import os from "node:os";
import path from "node:path";

const MODULE = "newsgraph/compile";
const MANIFEST = "manifest.json";
/** Compiled folders no manifest names any more are removed once this old (a build started from one may still be running). */
const STALE_MS = 60 * 60 * 1000;

/**
 * The build's worker modules, compiled beside every entry that runs the build: lib/build/worker-start.ts
 * starts them from the folder of the module that asks (the per-article stage's threads, the layout's).
 */
export const BUILD_WORKERS = Object.freeze({
  entries: [
    { name: "worker", source: "lib/build/worker.ts" },
    { name: "layout-worker", source: "lib/build/layout-worker.ts" },
  ],
  copies: ["lib/build/worker-boot.mjs"],
});

/**
 * @typedef {object} CompileOptions
 * @property {string} root The project's folder: sources are named relative to it.
 * @property {string} cacheDir Where compiled folders and the manifest are kept.
 * @property {Array<{ name: string; source: string }>} entries Each becomes `<name>.js` (an ES module, bundled; packages stay imports).
 * @property {string[]} [copies] Files copied beside the entries as they are (relative to root).
 * @property {Record<string, string>} [define] Identifiers replaced by these JavaScript expressions (esbuild's define).
 */

/**
 * The folder holding the compiled entries, compiled now if a source changed since the last
 * compilation (or none was made). Several processes may ask at once: each writes its own folder
 * and the manifest is replaced atomically, so none ever runs a half-written file.
 * @param {CompileOptions} options
 * @returns {Promise<{ dir: string; compiled: boolean }>}
 */
export async function compiledEntries(options) {
  const checked = checkOptions(options);
  const fingerprint = fingerprintOf(checked);
  const manifest = readManifest(checked.cacheDir);
  if (manifest && manifest.fingerprint === fingerprint && inputsUnchanged(checked.root, manifest.inputs)) {
    const dir = path.join(checked.cacheDir, manifest.dir);
    if (checked.entries.every((e) => fs.existsSync(path.join(dir, `${e.name}.js`)))) {
      // Its age tells pruneStale that a process may still run from it.
      touch(dir);
      return { dir, compiled: false };
    }
  }
  return { dir: await compile(checked, fingerprint), compiled: true };
}

/** @param {CompileOptions} options */
function checkOptions(options) {
  if (!options || typeof options !== "object") throw new TypeError(`${MODULE}: options must be an object`);
  const { root, cacheDir, entries, copies = [], define = {} } = options;
  if (typeof root !== "string" || !fs.existsSync(root)) throw new TypeError(`${MODULE}: root must be an existing folder, got ${JSON.stringify(root)}`);
  if (typeof cacheDir !== "string" || cacheDir === "") throw new TypeError(`${MODULE}: cacheDir must be a path, got ${JSON.stringify(cacheDir)}`);
  if (!Array.isArray(entries) || entries.length === 0) throw new TypeError(`${MODULE}: entries must be a non-empty array`);
  for (const e of entries) {
    if (!e || !/^[\w-]+$/.test(e.name ?? "")) throw new TypeError(`${MODULE}: an entry's name must be letters, digits, - or _, got ${JSON.stringify(e?.name)}`);
    if (typeof e.source !== "string" || !fs.existsSync(path.join(root, e.source))) throw new TypeError(`${MODULE}: entry "${e.name}": no source file ${JSON.stringify(e.source)} in ${root}`);
  }
  for (const c of copies) if (typeof c !== "string" || !fs.existsSync(path.join(root, c))) throw new TypeError(`${MODULE}: no file ${JSON.stringify(c)} to copy in ${root}`);
  return { root: path.resolve(root), cacheDir: path.resolve(cacheDir), entries, copies, define };
}

/** What, besides the sources, decides the output: the options, esbuild's and node's versions. */
function fingerprintOf({ root, entries, copies, define }) {
  return sha256(JSON.stringify({ root, entries, copies, define, esbuild: esbuildVersion(root), node: process.version }));
}

function esbuildVersion(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "node_modules/esbuild/package.json"), "utf8")).version ?? "?";
  } catch {
    return "?";
  }
}

function readManifest(cacheDir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, MANIFEST), "utf8"));
    return manifest && typeof manifest.dir === "string" && manifest.inputs && typeof manifest.inputs === "object" ? manifest : null;
  } catch {
    return null;
  }
}

/** Whether every source the last compilation read still has the content it had then. */
function inputsUnchanged(root, inputs) {
  for (const [file, hash] of Object.entries(inputs)) {
    let content;
    try {
      content = fs.readFileSync(path.join(root, file));
    } catch {
      return false;
    }
    if (sha256(content) !== hash) return false;
  }
  return true;
}

async function compile({ root, cacheDir, entries, copies, define }, fingerprint) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch (error) {
    throw new Error(`${MODULE}: esbuild is not installed (npm install): ${error instanceof Error ? error.message : String(error)}`);
  }
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: entries.map((e) => ({ in: e.source, out: e.name })),
      bundle: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node}`,
      packages: "external",
      // Never keepNames: that is what this module is for (see the top of the file).
      keepNames: false,
      define,
      outdir: "out",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
  } catch (error) {
    const errors = error && Array.isArray(error.errors) ? error.errors : [];
    const where = errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text));
    throw new Error(`${MODULE}: could not compile ${entries.map((e) => e.source).join(", ")}: ${where.length ? where.join("; ") : String(error)}`);
  }
  // The sources read, with their content now (a file that changes while esbuild reads it makes
  // the next start compile again, never a stale folder taken for fresh).
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...copies].sort()) {
    inputs[file] = sha256(fs.readFileSync(path.join(root, file)));
  }
  const files = result.outputFiles.map((f) => ({ name: path.basename(f.path), contents: f.contents }));
  for (const c of copies) files.push({ name: path.basename(c), contents: fs.readFileSync(path.join(root, c)) });
  // The .js files are ES modules whatever package.json is above the cache folder.
  files.push({ name: "package.json", contents: Buffer.from('{ "type": "module" }\n') });

  // The folder's name says what is in it, and for which project (the link below points there).
  const outputHash = createHash("sha256").update(`${root}\0`);
  for (const f of files.sort((a, b) => (a.name < b.name ? -1 : 1))) outputHash.update(`${f.name}\0`).update(f.contents).update("\0");
  const dirName = `build-${outputHash.digest("hex").slice(0, 16)}`;
  const dir = path.join(cacheDir, dirName);
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!fs.existsSync(dir)) {
    const temp = fs.mkdtempSync(path.join(cacheDir, ".tmp-"));
    fs.chmodSync(temp, 0o755);
    for (const f of files) fs.writeFileSync(path.join(temp, f.name), f.contents);
    // Packages are imported, not bundled: node looks for them from the module's folder up. Under
    // the project's node_modules it finds them; elsewhere (a temporary folder) a link leads there.
    const packages = path.join(root, "node_modules");
    if (!isInside(cacheDir, packages) && fs.existsSync(packages)) fs.symlinkSync(packages, path.join(temp, "node_modules"), "dir");
    try {
      fs.renameSync(temp, dir);
    } catch (error) {
      // Another process put the same folder there first.
      fs.rmSync(temp, { recursive: true, force: true });
      if (!fs.existsSync(dir)) throw error;
    }
  }
  const manifestText = JSON.stringify({ fingerprint, dir: dirName, inputs }, null, 1) + "\n";
  const tempManifest = path.join(cacheDir, `.${MANIFEST}.${process.pid}.${Date.now()}`);
  fs.writeFileSync(tempManifest, manifestText);
  fs.renameSync(tempManifest, path.join(cacheDir, MANIFEST));
  pruneStale(cacheDir, dirName);
  return dir;
}

/** Removes compiled and half-written folders (other than `keep`) older than STALE_MS. */
function pruneStale(cacheDir, keep) {
  const now = Date.now();
  for (const entry of fs.readdirSync(cacheDir, { withFileTypes: true })) {
    if (entry.name === keep || !(entry.name.startsWith("build-") || entry.name.startsWith(".tmp-") || entry.name.startsWith(`.${MANIFEST}.`))) continue;
    const full = path.join(cacheDir, entry.name);
    try {
      if (now - fs.statSync(full).mtimeMs > STALE_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

function isInside(file, dir) {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function touch(dir) {
  try {
    const now = new Date();
    fs.utimesSync(dir, now, now);
  } catch {
    // A read-only cache still runs.
  }
}

function sha256(content) {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * compiledEntries in the project's cache folder `name` (node_modules/.cache/<name>), or, when that cannot be
 * written, in the system's temporary folder (one per project, named by a hash of its path).
 * NEWSGRAPH_COMPILE_DIR names another folder, for every caller: each keeps its own manifest in a `<name>` folder
 * under it. Each caller has a folder of its own because a compilation prunes the folders its manifest does not name.
 * @param {Omit<CompileOptions, "cacheDir"> & { name: string }} options
 * @returns {Promise<{ dir: string; compiled: boolean }>}
 */
export async function compiledInProjectCache(options) {
  const { name, ...rest } = options;
  if (typeof name !== "string" || !/^[a-z][a-z0-9-]*$/.test(name)) throw new TypeError(`${MODULE}: name must be a folder name of lowercase letters, digits and dashes, got ${JSON.stringify(name)}`);
  const key = sha256(String(rest.root)).slice(0, 16);
  const dirs = process.env.NEWSGRAPH_COMPILE_DIR
    ? [path.join(path.resolve(process.env.NEWSGRAPH_COMPILE_DIR), name)]
    : [path.join(rest.root, "node_modules", ".cache", name), path.join(os.tmpdir(), `${name}-${key}`)];
  let lastError = null;
  for (const cacheDir of dirs) {
    try {
      return await compiledEntries({ ...rest, cacheDir });
    } catch (error) {
      lastError = error;
      // A folder that cannot be written: try the next; anything else (a syntax error) is final.
      if (!(error && typeof error === "object" && ["EACCES", "EROFS", "EPERM"].includes(/** @type {{code?: string}} */ (error).code ?? ""))) break;
    }
  }
  throw lastError;
}
