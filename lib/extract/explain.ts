// The --explain report: per article, which sentence produced which entity and edge by which
// rule, and which capitalized names stayed unlinked.
import type { ArticleInput, ExtractionReport } from "./types";

export function formatExplainReport(report: ExtractionReport, articles: readonly ArticleInput[]): string {
  const lines: string[] = ["# newsgraph build explanation", ""];
  for (const article of articles) {
    const id = article.meta.id;
    lines.push(`## ${id}${article.meta.title ? ` — ${article.meta.title}` : ""}`);
    const entries = report.entries.filter((e) => e.article === id).sort((a, b) => a.sentence - b.sentence || (a.what < b.what ? -1 : 1));
    for (const e of entries) {
      const quote = e.quote === e.what || e.what.includes(`"${e.quote}"`) ? "" : `  “${e.quote.replace(/\s+/g, " ").slice(0, 160)}”`;
      lines.push(`- [sentence ${e.sentence}] ${e.what}  (rule: ${e.rule})${quote}`);
    }
    const unlinked = report.unlinked.filter((u) => u.article === id);
    if (unlinked.length) {
      lines.push("", "Unlinked capitalized names:");
      const seen = new Set<string>();
      for (const u of unlinked) {
        if (seen.has(u.text)) continue;
        seen.add(u.text);
        lines.push(`- ${u.text} @${u.start}: ${u.reason}`);
      }
    }
    lines.push("");
  }
  return lines.join("\n");
}
