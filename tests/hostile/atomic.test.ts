// lib/fsutil writeFileAtomic under failure: a failed write, a failed rename, a writer killed
// half-way, writers racing each other. The target always holds a whole old or whole new file.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { removeStaleTemps, writeFileAtomic } from "@/lib/fsutil";
import { cleanup, ROOT, tempDir } from "./support";

afterAll(cleanup);
afterEach(() => vi.restoreAllMocks());

const FIXTURES = path.join(ROOT, "tests/hostile/fixtures");
const temps = (dir: string) => fs.readdirSync(dir).filter((name) => name.includes(".tmp-"));

function node(script: string, args: string[]) {
  return spawn(process.execPath, ["--import", "tsx", path.join(FIXTURES, script), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

describe("writeFileAtomic", () => {
  it("writes text and bytes, replacing the previous file, leaving no temp file", () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    writeFileAtomic(file, "first");
    writeFileAtomic(file, new TextEncoder().encode("second ✓"));
    expect(fs.readFileSync(file, "utf8")).toBe("second ✓");
    expect(temps(dir)).toEqual([]);
  });

  it("keeps the previous file when the write fails (disk full)", () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    writeFileAtomic(file, "previous");
    vi.spyOn(fs, "writeFileSync").mockImplementation(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
    expect(() => writeFileAtomic(file, "next")).toThrow(/ENOSPC/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, "utf8")).toBe("previous");
    expect(temps(dir)).toEqual([]);
  });

  it("keeps the previous file when the rename fails, and when the target is a folder", () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    writeFileAtomic(file, "previous");
    vi.spyOn(fs, "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EXDEV: cross-device link not permitted, rename"), { code: "EXDEV" });
    });
    expect(() => writeFileAtomic(file, "next")).toThrow(/EXDEV/);
    vi.restoreAllMocks();
    expect(fs.readFileSync(file, "utf8")).toBe("previous");
    const folder = path.join(dir, "out.json");
    fs.mkdirSync(folder);
    expect(() => writeFileAtomic(folder, "x")).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(fs.statSync(folder).isDirectory()).toBe(true);
    expect(temps(dir)).toEqual([]);
  });

  it("a writer killed half-way leaves the previous file intact; the next write removes its temp file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    writeFileAtomic(file, "previous complete file\n");
    const child = node("stalled-writer.ts", [file, String(4 * 1024 * 1024)]);
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("half") && resolve());
      child.on("exit", (code) => reject(new Error(`the writer exited (${code}) before stalling: ${err}`)));
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    // The half-written temp file is there, the target is untouched.
    const left = temps(dir);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.graph\\.json\\.tmp-${child.pid}-[0-9a-f]+$`));
    expect(fs.statSync(path.join(dir, left[0]!)).size).toBe(2 * 1024 * 1024);
    expect(fs.readFileSync(file, "utf8")).toBe("previous complete file\n");
    // The next write cleans up after the dead writer.
    writeFileAtomic(file, "next");
    expect(temps(dir)).toEqual([]);
    expect(fs.readFileSync(file, "utf8")).toBe("next");
  });

  it("leaves the temp files of running writers and of other targets alone", () => {
    const dir = tempDir();
    const mine = path.join(dir, `.graph.json.tmp-${process.pid}-abcdef`);
    const other = path.join(dir, ".other.json.tmp-999999-abcdef");
    const dead = path.join(dir, ".graph.json.tmp-999999999-abcdef");
    for (const f of [mine, other, dead]) fs.writeFileSync(f, "x");
    expect(removeStaleTemps(path.join(dir, "graph.json"))).toEqual([path.basename(dead)]);
    expect(fs.existsSync(mine) && fs.existsSync(other)).toBe(true);
  });

  it("two writers racing: every read sees one whole file, never a mix or a half", async () => {
    const dir = tempDir();
    const file = path.join(dir, "graph.json");
    const size = 256 * 1024;
    writeFileAtomic(file, `${"0".repeat(size - 1)}\n`);
    const writers = ["a", "b"].map((letter) => node("writer.ts", [file, letter, String(size), "40"]));
    const done = Promise.all(writers.map((w) => new Promise<number | null>((resolve) => w.on("exit", resolve))));
    let finished = false;
    void done.then(() => (finished = true));
    let reads = 0;
    const seen = new Set<string>();
    while (!finished) {
      const text = fs.readFileSync(file, "utf8");
      reads++;
      expect(text.length).toBe(size);
      const letter = text[0]!;
      expect(text === `${letter.repeat(size - 1)}\n`, `read ${reads} is one whole file`).toBe(true);
      seen.add(letter);
      await new Promise((r) => setImmediate(r));
    }
    expect(await done).toEqual([0, 0]);
    expect(reads).toBeGreaterThan(5);
    expect(temps(dir)).toEqual([]);
    console.log(`[hostile] racing writers: ${reads} reads, all whole (saw ${[...seen].sort().join(", ")})`);
  });
});
