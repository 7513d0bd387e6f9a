// Atomic file writes: the new content goes to a temp file beside the target, is flushed to
// disk, then renamed over the target, so readers see the old file or the new one, never half.
// A process killed mid-write leaves only its temp file (`.<name>.tmp-<pid>-<random>`); the next
// write to the same target removes the temp files of processes that no longer run.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const TEMP_RE = /^\.(.+)\.tmp-(\d+)-[0-9a-f]+$/;

/** A fresh temp file name beside `target`, of the kind removeStaleTemps removes once its process is gone. */
export function tempName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temp files left beside `file` by writers that were killed; returns their names. */
export function removeStaleTemps(file: string): string[] {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const base = path.basename(target);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_RE.exec(name);
    if (!match || match[1] !== base || isRunning(Number(match[2]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // best effort: another writer may have removed it
    }
  }
  return removed;
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // already closed or the disk failed: the write error is the one to report
  }
}

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  // writeFileSync on a descriptor loops until everything is written (writeSync may write less).
  writeAtomicWith(file, (fd) => fs.writeFileSync(fd, content));
}

/**
 * The atomic-write skeleton shared by every writer: stale temps of dead writers removed, a fresh
 * temp opened with "wx" (never following or reusing a name), `write` fills it, fsync, rename over
 * the target, then the folder fsynced so the rename itself is durable. On any failure the temp is
 * removed and the previous file is left as it was.
 */
export function writeAtomicWith(file: string, write: (fd: number) => void): void {
  const target = path.resolve(file);
  removeStaleTemps(target);
  const temp = tempName(target);
  const fd = fs.openSync(temp, "wx", 0o644);
  try {
    write(fd);
    fs.fsyncSync(fd);
  } catch (error) {
    closeQuietly(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  // Best effort: not every file system lets a folder be fsynced.
  try {
    const dirFd = fs.openSync(path.dirname(target), "r");
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // ignore
  }
}
