// The benchmark's one table: figure, size, value, comparison, ratio.

export interface Row {
  figure: string;
  size: string;
  value: string;
  comparison: string;
  ratio: string;
}

export function row(figure: string, size: string, value: string, comparison = "—", ratio = "—"): Row {
  return { figure, size, value, comparison, ratio };
}

export function notMeasured(figure: string, size: string, reason: string): Row {
  return row(figure, size, `not measured: ${reason}`);
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "?";
  if (value >= 10_000) return `${(value / 1000).toFixed(0)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(bytes: number): string {
  return bytes >= 100e6 ? `${(bytes / 1e6).toFixed(0)} MB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

export function times(ratio: number): string {
  if (!Number.isFinite(ratio)) return "?";
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}

/** "meets (0.4× the limit)" for a ≤ target (kind max), "misses (0.3× the floor)" for a ≥ target (kind min). */
export function vsTarget(value: number, target: number, kind: "max" | "min"): string {
  if (!Number.isFinite(value)) return "?";
  const ok = kind === "max" ? value <= target : value >= target;
  return `${ok ? "meets" : "misses"} (${times(value / target)} the ${kind === "max" ? "limit" : "floor"})`;
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** A Markdown table (readable as plain text too). */
/**
 * Where a build reached its peak RSS, from its high-water marks by phase in build order (a build's
 * --stats peakRssByPhase): the first phase whose mark is the highest. Null when there are none.
 */
export function peakPhase(peakRssByPhase: Record<string, number> | undefined): string | null {
  const marks = Object.entries(peakRssByPhase ?? {});
  if (marks.length === 0) return null;
  const peak = Math.max(...marks.map(([, v]) => v));
  return marks.find(([, v]) => v === peak)![0];
}

export function formatTable(rows: Row[]): string {
  const header: Row = { figure: "figure", size: "size", value: "value", comparison: "comparison", ratio: "ratio" };
  const cols = ["figure", "size", "value", "comparison", "ratio"] as const;
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const widths = cols.map((c) => Math.max(3, ...[header, ...rows].map((r) => cell(r[c]).length)));
  const line = (r: Row) => `| ${cols.map((c, i) => cell(r[c]).padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
