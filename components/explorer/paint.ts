// Scheduling around the browser's frames: long synchronous steps (reading a large graph, sigma's first frame)
// go after a paint, so that what the page shows before them (the progress indicator) is on screen first.

/**
 * Runs `fn` once the frame that shows the page as it is now has been produced: the next animation frame,
 * then a task (the frame's commit runs between the two). The task is a message, not a timer: while the page
 * loads, Chromium holds zero-delay timers back behind rendering work (by tens of milliseconds). Frames do not
 * come in a hidden tab: with `fallbackMs`, `fn` runs after that long anyway. Returns a function that cancels it.
 */
export function afterPaint(fn: () => void, fallbackMs: number | null = null): () => void {
  let done = false;
  let frame = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const channel = new MessageChannel();
  const cancel = () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    channel.port1.onmessage = null;
    channel.port1.close();
  };
  const run = () => {
    if (done) return;
    cancel();
    fn();
  };
  channel.port1.onmessage = run;
  frame = requestAnimationFrame(() => {
    if (!done) channel.port2.postMessage(null);
  });
  if (fallbackMs !== null) fallback = setTimeout(run, fallbackMs);
  return cancel;
}

/** `afterPaint` as a promise (for async code); a hidden tab waits at most `fallbackMs`. */
export function nextPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    afterPaint(resolve, fallbackMs);
  });
}
