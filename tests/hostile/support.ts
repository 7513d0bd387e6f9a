// Shared helpers for the hostile-input tests: temp corpora, realistic generated text, the build
// command run as a child process, and the offset checks every built graph must pass.
import { spawn, type ChildProcess, type ChildProcessByStdio } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import type { GraphDocument } from "@/lib/contract";

export const ROOT = path.resolve(__dirname, "../..");
export const TSX = path.join(ROOT, "node_modules/.bin/tsx");
export const BUILD_SCRIPT = path.join(ROOT, "scripts/build-graph.ts");

const made: string[] = [];

/** A fresh temp folder, removed by cleanup(). */
export function tempDir(prefix = "newsgraph-hostile-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A corpus folder holding these files (string → UTF-8, Buffer → bytes as given). */
export function corpus(files: Record<string, string | Buffer>, dir = tempDir("newsgraph-corpus-")): string {
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

// Generated people, bodies and places (not real people), plus real cities: the sentence shapes
// the extractor reads (titles, appositions, meetings, sanctions, reports).
const PEOPLE = ["Marta Kowalczyk", "Daniel Okafor", "Ingrid Solberg", "Tomasz Wierzbicki", "Amara Nwosu", "Henrik Dahl", "Lucia Ferrante", "Yusuf Demir"];
const BODIES = ["the Baltic Energy Council", "the Nordic Shipping Authority", "the Adriatic Development Bank", "the Ministry of Finance"];
const PLACES = ["Warsaw", "Oslo", "Rome", "Ankara", "Lisbon", "Helsinki"];
const TEMPLATES = [
  (p: string, q: string, b: string, c: string) => `${p}, the head of ${b}, met ${q} in ${c} on Tuesday.`,
  (p: string, q: string, b: string) => `${q} said ${b} would support the plan drafted by ${p}.`,
  (p: string, _q: string, b: string, c: string) => `Speaking in ${c}, ${p} told reporters that ${b} opposed the new sanctions.`,
  (p: string, q: string) => `${p} and ${q} discussed the pipeline agreement for two hours, officials said.`,
  (p: string, _q: string, b: string) => `According to ${b}, ${p} advised the government on energy policy last year.`,
  () => `The talks ended without a joint statement, and no date was set for another round.`,
];

/** Deterministic realistic news sentences: `count` of them, cycling through names and shapes. */
export function newsSentences(count: number, seed = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = i + seed;
    const p = PEOPLE[n % PEOPLE.length]!;
    const q = PEOPLE[(n * 3 + 1) % PEOPLE.length]!;
    const b = BODIES[(n >> 1) % BODIES.length]!;
    const c = PLACES[(n * 5) % PLACES.length]!;
    out.push(TEMPLATES[n % TEMPLATES.length]!(p === q ? PEOPLE[(n + 1) % PEOPLE.length]! : p, q, b, c));
  }
  return out;
}

/** A small article: headline, paragraphs of generated sentences. */
export function newsArticle(seed = 0, paragraphs = 3, eol = "\n"): string {
  const lines = [`Energy Talks Continue in ${PLACES[seed % PLACES.length]}`, ""];
  for (let p = 0; p < paragraphs; p++) {
    lines.push(newsSentences(3, seed * 7 + p * 3).join(" "), "");
  }
  return lines.join(eol);
}

export interface BuildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The build command (`tsx scripts/build-graph.ts …args`) as a child process, async so several
 * can run at once. Run as `node --import tsx` so that the pid is the build itself (the tsx CLI
 * would put a second process in between, which a SIGKILL would not reach).
 */
export function spawnBuild(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", BUILD_SCRIPT, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}

export function runBuild(args: string[], env: Record<string, string> = {}, timeoutMs = 300_000): Promise<BuildResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawnBuild(args, env) as ChildProcessByStdio<null, Readable, Readable>;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Lines of output, blank ones dropped. */
export function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/** True when the output holds a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[(:]\d+/m.test(text) || /^\w*Error: /m.test(text) || /node:internal/.test(text);
}

/**
 * Every offset the document carries, checked against the texts: evidence (edges, roles,
 * conflicts) slices to its quote, mentions slice to non-blank text inside the article, and
 * stated dates name an article of the document. Returns the problems (empty when all hold).
 */
export function offsetProblems(doc: GraphDocument, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const evidence = (where: string, e: { article: string; start: number; end: number; quote: string }) => {
    const text = texts.get(e.article);
    if (text === undefined) return void problems.push(`${where}: unknown article ${JSON.stringify(e.article)}`);
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && 0 <= e.start && e.start < e.end && e.end <= text.length)) {
      return void problems.push(`${where}: bad range ${e.start}-${e.end} (article length ${text.length})`);
    }
    if (text.slice(e.start, e.end) !== e.quote) {
      problems.push(`${where}: quote ${JSON.stringify(e.quote)} ≠ slice ${JSON.stringify(text.slice(e.start, e.end))}`);
    }
    if (/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(e.quote)) problems.push(`${where}: quote cuts a surrogate pair: ${JSON.stringify(e.quote)}`);
  };
  for (const node of doc.graph.nodes) {
    for (const m of node.attributes.mentions) {
      const text = texts.get(m.article);
      const where = `node ${node.key} mention ${m.start}-${m.end}`;
      if (text === undefined) {
        problems.push(`${where}: unknown article ${JSON.stringify(m.article)}`);
        continue;
      }
      if (!(Number.isInteger(m.start) && Number.isInteger(m.end) && 0 <= m.start && m.start < m.end && m.end <= text.length)) {
        problems.push(`${where}: bad range (article length ${text.length})`);
        continue;
      }
      const slice = text.slice(m.start, m.end);
      if (!slice.trim()) problems.push(`${where}: slices to blank text ${JSON.stringify(slice)}`);
      // A slice must not cut a surrogate pair in half.
      if (/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(slice)) problems.push(`${where}: cuts a surrogate pair: ${JSON.stringify(slice)}`);
    }
    for (const role of node.attributes.roles ?? []) evidence(`node ${node.key} role ${JSON.stringify(role.role)}`, role.evidence);
    for (const d of node.attributes.dates ?? []) {
      if (!texts.has(d.article)) problems.push(`node ${node.key} date ${JSON.stringify(d.text)}: unknown article`);
    }
  }
  for (const edge of doc.graph.edges) {
    for (const e of edge.attributes.evidence) evidence(`edge ${edge.key}`, e);
  }
  for (const conflict of doc.conflicts) {
    for (const claim of conflict.claims) evidence(`conflict ${conflict.subject}.${conflict.field}`, claim.evidence);
  }
  return problems;
}
