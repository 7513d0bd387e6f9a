// A full garbage collection where the corpus stage turns from finding meetings to assembling the
// graph, and another once the graph is assembled.
//
// Why: V8 sizes its heap from what was live at its last full collection and lets garbage grow to
// about twice that before the next. When meetings are found, the sentences and the accounts of
// meetings have just been let go (lib/extract/index.ts, release), and assembly then builds the
// document on top of what stays: without a collection there, V8 keeps sizing the heap for data that
// is gone. At 10,000 articles (2 cores, --jobs 1 and 2, measured back to back):
//   no collection                   1.68–1.92 GB peak RSS   41.8 s (2 threads), 46.7–47.5 s (1)
//   one, after meetings             1.42–1.44 GB            40.3–41.4 s,        45.9 s
//   one after every stage           1.24–1.26 GB            43.8–44.2 s,        48.9–51.2 s
// so the build took the one that costs no time. The second, once the graph is assembled, came with
// the passages of the document's edges kept as numbers (lib/extract/assemble.ts, PassageStore): the
// document then holds 120 MB less than what assembly let go, and sizing the heap for it before the
// layout is what lets the late limit below be 30% instead of 20% with the same peak.
//
// It needs node's --expose-gc, which `npm run graph` passes; without it nothing happens.
//
// A limit on the heap's growth from the corpus stage on (limitHeapGrowth). V8 otherwise picks how
// far to let garbage grow past the live heap from how fast it collects, up to several times: at
// 10,000 articles the build reached 1,376–1,397 MiB of RSS for about 730 MB live at the peak (while
// meetings are clustered). The corpus stage runs on one thread and leaves the other core to V8's
// concurrent marking, so collecting more often costs less there than it would elsewhere, though not
// nothing: 3–4 s of a one-thread build at 20% against 40% in the runs below. V8 applies the limit from its
// next full collection, so the build asks for one as the corpus stage starts: it also drops the
// per-article stage's garbage, which V8 had sized its heap for (the resolve phase used to reach
// 825–880 MiB before its first collection, and reaches 600–620 MiB now).
// Peak RSS (getrusage) at 10,000 articles, 2026-11-26 evening, after the corpus stage's memory
// was trimmed (co-mentions per sentence, compact mentions), one thread unless said:
//   V8's own growth                                  1,189 MiB          42.5 s
//   40%                                              1,013 MiB          44.8 s
//   20%, with the collection as the stage starts       931–951 MiB      48.0–48.9 s (3 runs)
//                                    two threads:      954–955 MiB      40.8–42.2 s
//   15%, with it                                       971–978 MiB      50.1–51.8 s
//   20%, with it, one collector helper thread          914–922 MiB      46.3–46.8 s (2 runs)
//     (node --v8-pool-size=1, which npm run graph passes)   two threads:  918–935 MiB   40.4–42.3 s
// The peak was then reached while meetings were found or the graph laid out (since 2026-11-27,
// below: while the graph is assembled). Before that, while names are resolved and relations found,
// the heap may grow 60% (EARLY_CORPUS_HEAP_GROWTH_PERCENT).
// Pinned to one CPU, 10,000 articles, 2026-11-27 (passages as numbers; alternating runs):
//   20%, a collection after meetings                      43.1–46.0 s (3 runs)  peak 859–878 MiB
//   30%, collections after meetings and after assembly     41.0–45.0 s (7 runs, mean 43.3)  841–877 MiB
//   40%, the same                                         41.8–43.5 s (4 runs, mean 42.4)  858–873 MiB
// (assembly 5.3–6.0 → 4.2–4.9 s); 40% let meetings reach 827–835 MiB against 790–807, nearer the
// peak for a corpus with more meetings, so the build takes 30%.
// The per-article stage keeps V8's own growth: its threads' heaps are small anyway.

import v8 from "node:v8";

/** How far (percent) the heap may grow past what was live at its last full collection, from meetings on. */
export const CORPUS_HEAP_GROWTH_PERCENT = 30;

/**
 * The same, from the corpus stage's start until relations are found. The peak is reached later
 * (while meetings are found or the graph is laid out), and resolution and relations run well
 * below it: at 10,000 articles their high-water marks were 590 and 650 MiB against 860–890 MiB
 * for the build. Letting the heap grow further there makes fewer full collections and leaves the
 * peak where it was. One thread pinned to one CPU, 10,000 articles, alternating runs (2026-11-27):
 *   20% throughout                  52.5–53.6 s   peak 862–888 MiB (relations 649–651)
 *   60% until relations, then 20%   49.2–52.8 s   peak 873–899 MiB (relations 681–682)
 *   100%                            49.3–51.1 s   peak 871–889 MiB (relations 768–770)
 *   150%                            49.8–50.5 s   peak 948–955 MiB: the limit, applied from V8's
 *                                                 next full collection, reached into meetings
 * so the build takes 60%, with room to spare for corpora whose resolution holds more.
 */
export const EARLY_CORPUS_HEAP_GROWTH_PERCENT = 60;

/** The corpus stage's heap growth limits, percent: `early` until relations are found, `late` from meetings on. */
export interface CorpusHeapGrowth {
  early: number;
  late: number;
}

/** The build's limits: the defaults, or one limit throughout when NEWSGRAPH_HEAP_GROWTH gives one; null: V8's own growth. */
export function corpusHeapGrowth(override: number | "off" | null): CorpusHeapGrowth | null {
  if (override === "off") return null;
  if (override !== null) {
    checkHeapGrowthPercent(override);
    return { early: override, late: override };
  }
  return { early: EARLY_CORPUS_HEAP_GROWTH_PERCENT, late: CORPUS_HEAP_GROWTH_PERCENT };
}

/** The corpus stage's phase callback: the late limit once relations are found (V8 applies it from its next full collection). */
export function limitGrowthAfterPhase(phase: string, growth: CorpusHeapGrowth | null): void {
  if (growth && phase === "relations" && growth.late !== growth.early) limitHeapGrowth(growth.late);
}

/** The largest heap growth limit accepted (V8 would take more; past this it is no limit at all). */
export const MAX_HEAP_GROWTH_PERCENT = 1000;

/** Whether `percent` is a heap growth limit limitHeapGrowth() takes: a whole percent from 1 to MAX_HEAP_GROWTH_PERCENT. */
export function isHeapGrowthPercent(percent: number): boolean {
  return Number.isInteger(percent) && percent >= 1 && percent <= MAX_HEAP_GROWTH_PERCENT;
}

/** Throws a RangeError naming `percent` unless isHeapGrowthPercent(percent). */
function checkHeapGrowthPercent(percent: number): void {
  if (!isHeapGrowthPercent(percent)) {
    throw new RangeError(`newsgraph/build: the heap growth limit must be a whole percent from 1 to ${MAX_HEAP_GROWTH_PERCENT}, got ${percent}`);
  }
}

/** A full collection now, when node exposes one. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === "function") gc();
}

/** The corpus stage's phase callback (extractFromAnalyses onPhase): a collection once meetings are found, and once the graph is assembled. */
export function collectAfterPhase(phase: string): void {
  if (phase === "meetings" || phase === "assemble") collectGarbage();
}

/**
 * Tells V8 to let the heap grow at most `percent` percent past what was live at its last full
 * collection (V8's --heap-growing-percent, read at every collection, so it applies from now on to
 * this process's heap and its threads').
 */
export function limitHeapGrowth(percent: number): void {
  checkHeapGrowthPercent(percent);
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
