// Atomic file writes: the new content goes to a temp file beside the target, is flushed to
// disk, then renamed over the target, so readers see the old file or the new one, never half.
import fs from "node:fs";
import path from "node:path";

export function writeFileAtomic(file: string, content: string): void {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${Date.now()}`);
  const fd = fs.openSync(temp, "w");
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
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
}
