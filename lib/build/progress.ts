// Build progress on stderr: a bar with articles/s and ETA on a terminal, plain lines (at most
// one every few seconds) when stderr is a file or pipe, nothing when quiet. Short builds print
// nothing: the first line comes after `quietForMs`.

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  quiet?: boolean;
  /** Force the terminal (bar) or plain (lines) form; default: stream.isTTY. */
  tty?: boolean;
  /** Nothing is printed until a stage has run this long (ms). */
  quietForMs?: number;
  /** Plain lines: at most one per this many ms. */
  lineEveryMs?: number;
  now?: () => number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export class Progress {
  private readonly stream: ProgressStream;
  private readonly quiet: boolean;
  private readonly tty: boolean;
  private readonly quietForMs: number;
  private readonly lineEveryMs: number;
  private readonly now: () => number;
  private label = "";
  private unit = "articles";
  private total = 0;
  private done = 0;
  private note = "";
  private started = 0;
  private lastDraw = -Infinity;
  private drawn = false;
  private printedLine = false;

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.quiet = options.quiet ?? false;
    this.tty = options.tty ?? Boolean(this.stream.isTTY);
    this.quietForMs = options.quietForMs ?? 2000;
    this.lineEveryMs = options.lineEveryMs ?? 5000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts a counted stage (10000 "articles"; speed in `unit`/s). */
  start(label: string, total: number, note = "", unit = "articles"): void {
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.done = 0;
    this.note = note;
    this.started = this.now();
    this.lastDraw = -Infinity;
    this.drawn = false;
    this.printedLine = false;
  }

  setNote(note: string): void {
    this.note = note;
  }

  tick(n = 1): void {
    this.done += n;
    if (this.quiet) return;
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed < this.quietForMs) return;
    if (this.tty) {
      if (t - this.lastDraw < 100 && this.done < this.total) return;
      this.lastDraw = t;
      this.drawn = true;
      this.stream.write(`\r\x1b[2K${this.render(elapsed, true)}`);
    } else if (t - this.lastDraw >= this.lineEveryMs) {
      this.lastDraw = t;
      this.printedLine = true;
      this.stream.write(`${this.render(elapsed, false)}\n`);
    }
  }

  /** Ends the counted stage; prints a closing line if anything was shown. */
  finish(summary?: string): void {
    if (this.quiet) return;
    if (this.drawn) this.stream.write("\r\x1b[2K");
    if ((this.drawn || this.printedLine) && summary) this.stream.write(`newsgraph: ${summary}\n`);
    this.drawn = false;
    this.printedLine = false;
  }

  /** A one-off line ("corpus stage: resolving 10000 articles …"), printed when `show` (a long build). */
  line(text: string, show = true): void {
    if (this.quiet || !show) return;
    this.stream.write(`newsgraph: ${text}\n`);
  }

  render(elapsed: number, bar: boolean): string {
    const rate = elapsed > 0 ? (this.done * 1000) / elapsed : 0;
    const eta = rate > 0 && this.done >= Math.min(10, this.total) ? ((this.total - this.done) / rate) * 1000 : NaN;
    const pct = this.total > 0 ? this.done / this.total : 1;
    const counts = `${this.done}/${this.total} ${this.label}`;
    const speed = `${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} ${this.unit}/s`;
    const tail = `${speed}, ETA ${formatDuration(eta)}${this.note ? ` (${this.note})` : ""}`;
    if (!bar) return `newsgraph: ${counts} (${(pct * 100).toFixed(0)}%), ${tail}`;
    const width = Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 70));
    const full = Math.round(pct * width);
    return `newsgraph [${"█".repeat(full)}${"░".repeat(width - full)}] ${(pct * 100).toFixed(0).padStart(3)}% ${counts}, ${tail}`;
  }
}
