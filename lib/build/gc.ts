// A full garbage collection where the corpus stage turns from finding meetings to assembling the graph.
//
// Why: V8 sizes its heap from what was live at its last full collection and lets garbage grow to
// about twice that before the next. When meetings are found, the sentences and the accounts of
// meetings have just been let go (lib/extract/index.ts, release), and assembly then builds the
// document on top of what stays: without a collection there, V8 keeps sizing the heap for data that
// is gone. At 10,000 articles (2 cores, --jobs 1 and 2, measured back to back):
//   no collection                   1.68–1.92 GB peak RSS   41.8 s (2 threads), 46.7–47.5 s (1)
//   one, after meetings             1.42–1.44 GB            40.3–41.4 s,        45.9 s
//   one after every stage           1.24–1.26 GB            43.8–44.2 s,        48.9–51.2 s
// so the build takes the one that costs no time.
//
// It needs node's --expose-gc, which `npm run graph` passes; without it nothing happens.

/** A full collection now, when node exposes one. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === "function") gc();
}

/** The corpus stage's phase callback (extractFromAnalyses onPhase): a collection once meetings are found. */
export function collectAfterPhase(phase: string): void {
  if (phase === "meetings") collectGarbage();
}
