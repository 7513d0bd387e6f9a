// The build's memory budget: how large a heap to give V8 for a corpus of a given size.
//
// Why it exists: V8 grows its heap to about twice what is live before it collects the old
// generation, so a 10,000-article build whose live heap peaks near 800 MB (while meetings are
// clustered) reached 1.8–1.9 GB of RSS, most of it garbage. Told a limit (--max-old-space-size),
// V8 collects earlier: 1.1–1.2 GB plus ~100 MB for the launching process, 7–15% slower. The build
// used it by default where memory was short. Since lib/build/gc.ts limits the heap's growth from
// the corpus stage on, the default build takes less than that (1,096–1,180 MiB at 10,000 articles,
// 42.7–44.4 s on 2 threads, against 1,090 MiB + 105 MiB launcher and 48.6 s under the budget), so the budget is
// only used when asked for: NEWSGRAPH_HEAP_MB=auto (made for the corpus) or =<MB>, for a hard cap.
//
// Too low a limit stops the build ("heap out of memory"), so it is made from the corpus. The live
// heap grows linearly with the text: 96, 222, 684 and 1,064 MB at the end of the meetings phase for
// 4.6, 13, 43.5 and 70 MiB of synthetic news text, and about 110 MB more inside it (≈ 18.5 MB per
// MiB at 10,000 articles); the budget is ≈ 1.2 times that plus a base. scripts/build-graph.ts runs
// the build under it and, should V8 still run out, once more without it.

import fs from "node:fs";
import path from "node:path";
import { isHeapGrowthPercent, MAX_HEAP_GROWTH_PERCENT } from "./gc";

/** Below this much text the build is small and V8's defaults are fine (no second process). */
export const HEAP_BUDGET_MIN_TEXT_BYTES = 16 * 1024 * 1024;

const BUDGET_BASE_MB = 64;
const BUDGET_MB_PER_TEXT_MIB = 21.5;

function checkBytes(textBytes: number): void {
  if (!Number.isFinite(textBytes) || textBytes < 0) throw new Error(`newsgraph/build: textBytes must be a size in bytes, got ${textBytes}`);
}

/** The old-generation limit, in MB, for a corpus of `textBytes` bytes; null below HEAP_BUDGET_MIN_TEXT_BYTES. */
export function heapBudgetMb(textBytes: number): number | null {
  checkBytes(textBytes);
  if (textBytes < HEAP_BUDGET_MIN_TEXT_BYTES) return null;
  return Math.ceil(BUDGET_BASE_MB + (BUDGET_MB_PER_TEXT_MIB * textBytes) / (1024 * 1024));
}

/** Whether node was already told a heap limit, on its command line or in NODE_OPTIONS (the user's choice wins). */
export function hasHeapLimit(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const flag = /^--max[-_](old[-_]space|heap)[-_]size(=|$)/;
  return execArgv.some((a) => flag.test(a)) || (nodeOptions ?? "").split(/\s+/).some((a) => flag.test(a));
}

/**
 * NEWSGRAPH_HEAP_MB: a number of MB to use as the budget; "auto" for the corpus's budget; 0 or
 * "off" for none. Unset (null): none.
 * Throws on anything else, naming the value.
 */
export function heapBudgetOverride(value: string | undefined): number | "auto" | "off" | null {
  const v = settingOf(value);
  if (v === null) return null;
  if (v === "off" || v === "0") return "off";
  if (v === "auto") return "auto";
  if (!/^\d+$/.test(v) || Number(v) < 16) throw new Error(`newsgraph/build: NEWSGRAPH_HEAP_MB must be a number of MB (at least 16), "auto", 0 or "off", got ${JSON.stringify(value)}`);
  return Number(v);
}

/**
 * NEWSGRAPH_HEAP_GROWTH: a whole percent (1–1000) for limitHeapGrowth() in the corpus stage, or
 * "off" to leave V8's own growth. Unset (null): the build's default. Throws on anything else, naming the value.
 */
export function heapGrowthOverride(value: string | undefined): number | "off" | null {
  const v = settingOf(value);
  if (v === null) return null;
  if (v === "off") return "off";
  if (!/^\d+$/.test(v) || !isHeapGrowthPercent(Number(v))) {
    throw new Error(`newsgraph/build: NEWSGRAPH_HEAP_GROWTH must be a whole percent from 1 to ${MAX_HEAP_GROWTH_PERCENT}, or "off", got ${JSON.stringify(value)}`);
  }
  return Number(v);
}

/** An environment setting as compared: trimmed and lower case; null when unset or blank. */
function settingOf(value: string | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

/**
 * The bytes of the article files (*.txt, *.md, not hidden) directly in `dir`: what the budget is
 * computed from, without reading them. Null when the folder cannot be listed (the build then
 * reports the problem itself).
 */
export function corpusTextBytes(dir: string): number | null {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return null;
  }
  let bytes = 0;
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const ext = path.extname(name).toLowerCase();
    if (ext !== ".txt" && ext !== ".md") continue;
    try {
      const info = fs.statSync(path.join(dir, name));
      if (info.isFile()) bytes += info.size;
    } catch {
      // Gone or unreadable: the build will say so.
    }
  }
  return bytes;
}

/** Did a child node process stop because V8 ran out of heap (it aborts: SIGABRT, or 134 through a shell)? */
export function ranOutOfHeap(code: number | null, signal: NodeJS.Signals | null): boolean {
  return signal === "SIGABRT" || code === 134;
}
