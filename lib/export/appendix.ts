// Provenance appendix: the evidence of a subgraph as a list ready to paste under a story.
// One numbered line per edge ("Kirill Dmitriev — heads → RDIF [^1]") and one footnote per edge
// holding its passages as blockquotes, each with the article's title, publisher, date and offsets;
// then the conflicting claims and the list of articles. Markdown (CommonMark + footnotes, as GitHub,
// pandoc and most editors read them) or a standalone HTML page. All text is escaped. Browser-safe.

import type { ArticleMeta, Evidence, GraphDocument, SerializedEdge } from "../contract";
import { RELATION_PHRASES } from "../view/style";
import type { AppendixOptions } from "./types";
import { EDGE_TYPE_ORDER, compareStrings, documentFacts, labelOf, xmlSafe, type DocumentFacts } from "./utils";

export const MARKDOWN_MIME = "text/markdown";
export const HTML_MIME = "text/html";

const SAFE_URL = /^https?:\/\/[^\s<>"'`]+$/i;

// ---------------------------------------------------------------------------------------------
// Shared ordering and wording

interface Entry {
  n: number;
  edge: SerializedEdge;
  source: string;
  target: string;
  phrase: string;
}

function entries(doc: GraphDocument, facts: DocumentFacts): { relations: Entry[]; coMentions: Entry[] } {
  const edges = [...doc.graph.edges].sort(
    (a, b) =>
      (EDGE_TYPE_ORDER.get(a.attributes.type) ?? 99) - (EDGE_TYPE_ORDER.get(b.attributes.type) ?? 99) ||
      compareStrings(labelOf(facts, a.source), labelOf(facts, b.source)) ||
      compareStrings(labelOf(facts, a.target), labelOf(facts, b.target)) ||
      compareStrings(a.key, b.key),
  );
  const all = edges.map((edge, i) => ({
    n: i + 1,
    edge,
    source: labelOf(facts, edge.source),
    target: labelOf(facts, edge.target),
    phrase: (RELATION_PHRASES[edge.attributes.type]?.out ?? edge.attributes.type).toLowerCase(),
  }));
  return {
    relations: all.filter((e) => e.edge.attributes.type !== "CO_MENTIONED"),
    coMentions: all.filter((e) => e.edge.attributes.type === "CO_MENTIONED"),
  };
}

function summary(doc: GraphDocument, relations: number, coMentions: number): string {
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [plural(relations, "relation")];
  if (coMentions > 0) parts.push(plural(coMentions, "co-mention"));
  return `${parts.join(" and ")} among ${plural(doc.graph.nodes.length, "entity", "entities")}, from ${plural(doc.articles.length, "article")}.`;
}

function passages(n: number): string {
  return `${n} passage${n === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

/** Escapes inline Markdown (emphasis, code, links, HTML, tables, strike-through) with backslashes. */
export function escapeMarkdown(text: string): string {
  return xmlSafe(text)
    .replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+\-=>])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

/** Lines of a blockquote, each escaped (line-start markers too); blank lines keep the quote going. */
function markdownQuote(quote: string, indent: string): string[] {
  return quote
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .map((line) => (line === "" ? `${indent}>` : `${indent}> ${escapeMarkdown(line)}`));
}

function markdownSource(article: ArticleMeta | undefined, e: Evidence): string {
  const parts = [article?.title ? `*${escapeMarkdown(article.title)}*` : `article ${escapeMarkdown(e.article)}`];
  if (article?.publisher) parts.push(escapeMarkdown(article.publisher));
  if (article?.date) parts.push(escapeMarkdown(article.date));
  let line = `— ${parts.join(", ")}`;
  if (article?.url && SAFE_URL.test(article.url)) line += ` <${article.url}>`;
  return `${line} (${escapeMarkdown(e.article)}, characters ${e.start}–${e.end})`;
}

/** The appendix as Markdown with footnotes. */
export function toAppendixMarkdown(doc: GraphDocument, options: AppendixOptions = {}): string {
  const facts = documentFacts(doc);
  const { relations, coMentions } = entries(doc, facts);
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(options.title ?? "Sources")}`, "");
  out.push(`*${escapeMarkdown(summary(doc, relations.length, coMentions.length))} Every claim below cites its passages.*`, "");

  const line = (e: Entry, arrow: string) => {
    const note = e.edge.attributes.note ? ` (${escapeMarkdown(e.edge.attributes.note)})` : "";
    return `${e.n}. ${escapeMarkdown(e.source)} ${arrow} ${escapeMarkdown(e.target)}${note}[^${e.n}]`;
  };
  if (relations.length > 0) {
    out.push("## Relations", "");
    for (const e of relations) out.push(line(e, `— **${escapeMarkdown(e.phrase)}** →`));
    out.push("");
  }
  if (coMentions.length > 0) {
    out.push("## Named in the same sentence", "");
    for (const e of coMentions) out.push(line(e, "—"));
    out.push("");
  }

  if (doc.conflicts.length > 0) {
    out.push("## Conflicting claims", "");
    for (const conflict of doc.conflicts) {
      out.push(`- ${escapeMarkdown(labelOf(facts, conflict.subject))}, ${escapeMarkdown(conflict.field)}:`);
      for (const claim of conflict.claims) {
        const article = facts.articles.get(claim.evidence.article);
        out.push(`    - “${escapeMarkdown(claim.value)}” ${markdownSource(article, claim.evidence)}`);
      }
    }
    out.push("");
  }

  if (doc.articles.length > 0) {
    out.push("## Articles", "");
    for (const a of doc.articles) {
      const parts = [a.title ? `*${escapeMarkdown(a.title)}*` : escapeMarkdown(a.id)];
      if (a.publisher) parts.push(escapeMarkdown(a.publisher));
      if (a.date) parts.push(escapeMarkdown(a.date));
      if (a.url && SAFE_URL.test(a.url)) parts.push(`<${a.url}>`);
      out.push(`- ${parts.join(", ")} (${escapeMarkdown(a.id)})`);
    }
    out.push("");
  }

  for (const e of [...relations, ...coMentions].sort((a, b) => a.n - b.n)) {
    const evidence = e.edge.attributes.evidence;
    const articles = new Set(evidence.map((x) => x.article)).size;
    out.push(
      `[^${e.n}]: **${escapeMarkdown(e.source)} ${escapeMarkdown(e.phrase)} ${escapeMarkdown(e.target)}** — ` +
        `${passages(evidence.length)} from ${articles} article${articles === 1 ? "" : "s"}.`,
    );
    for (const x of evidence) {
      out.push("", ...markdownQuote(x.quote, "    "), "", `    ${markdownSource(facts.articles.get(x.article), x)}`);
    }
    out.push("");
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// HTML

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function htmlQuote(quote: string): string {
  return escapeHtml(quote.replace(/\r\n?/g, "\n")).replace(/\n/g, "<br/>\n");
}

function htmlSource(article: ArticleMeta | undefined, e: Evidence): string {
  const title = article?.title ? `<cite>${escapeHtml(article.title)}</cite>` : `article ${escapeHtml(e.article)}`;
  const linked = article?.url && SAFE_URL.test(article.url) ? `<a href="${escapeHtml(article.url)}">${title}</a>` : title;
  const parts = [linked];
  if (article?.publisher) parts.push(escapeHtml(article.publisher));
  if (article?.date) parts.push(`<time>${escapeHtml(article.date)}</time>`);
  return `— ${parts.join(", ")} <span class="offsets">(${escapeHtml(e.article)}, characters ${e.start}–${e.end})</span>`;
}

const STYLE =
  "body{font:16px/1.5 Georgia,serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1e293b}" +
  "blockquote{margin:.5rem 0 .25rem;padding-left:1rem;border-left:3px solid #cbd5e1}" +
  ".source{font-size:.9rem;color:#475569;margin:0 0 .75rem}.offsets{color:#94a3b8}" +
  "sup a{text-decoration:none}.footnotes li{margin-bottom:1rem}";

/** The appendix as a standalone HTML page (UTF-8; also well-formed XML, so XHTML tools read it too). */
export function toAppendixHtml(doc: GraphDocument, options: AppendixOptions = {}): string {
  const facts = documentFacts(doc);
  const { relations, coMentions } = entries(doc, facts);
  const title = escapeHtml(options.title ?? "Sources");
  const out: string[] = [];
  out.push(
    "<!DOCTYPE html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"/><title>${title}</title><style>${STYLE}</style></head>`,
    "<body>",
    `<h1>${title}</h1>`,
    `<p><em>${escapeHtml(summary(doc, relations.length, coMentions.length))} Every claim below cites its passages.</em></p>`,
  );
  const item = (e: Entry, arrow: string) => {
    const note = e.edge.attributes.note ? ` (${escapeHtml(e.edge.attributes.note)})` : "";
    return (
      `<li value="${e.n}" id="rel-${e.n}">${escapeHtml(e.source)} ${arrow} ${escapeHtml(e.target)}${note}` +
      `<sup><a href="#fn-${e.n}">${e.n}</a></sup></li>`
    );
  };
  if (relations.length > 0) {
    out.push("<h2>Relations</h2>", "<ol>");
    for (const e of relations) out.push(item(e, `— <strong>${escapeHtml(e.phrase)}</strong> →`));
    out.push("</ol>");
  }
  if (coMentions.length > 0) {
    out.push("<h2>Named in the same sentence</h2>", "<ol>");
    for (const e of coMentions) out.push(item(e, "—"));
    out.push("</ol>");
  }
  if (doc.conflicts.length > 0) {
    out.push("<h2>Conflicting claims</h2>", "<ul>");
    for (const conflict of doc.conflicts) {
      out.push(`<li>${escapeHtml(labelOf(facts, conflict.subject))}, ${escapeHtml(conflict.field)}:<ul>`);
      for (const claim of conflict.claims) {
        out.push(`<li>“${escapeHtml(claim.value)}” ${htmlSource(facts.articles.get(claim.evidence.article), claim.evidence)}</li>`);
      }
      out.push("</ul></li>");
    }
    out.push("</ul>");
  }
  if (doc.articles.length > 0) {
    out.push("<h2>Articles</h2>", "<ul>");
    for (const a of doc.articles) {
      const name = a.title ? `<cite>${escapeHtml(a.title)}</cite>` : escapeHtml(a.id);
      const parts = [a.url && SAFE_URL.test(a.url) ? `<a href="${escapeHtml(a.url)}">${name}</a>` : name];
      if (a.publisher) parts.push(escapeHtml(a.publisher));
      if (a.date) parts.push(`<time>${escapeHtml(a.date)}</time>`);
      out.push(`<li>${parts.join(", ")} <span class="offsets">(${escapeHtml(a.id)})</span></li>`);
    }
    out.push("</ul>");
  }
  const all = [...relations, ...coMentions].sort((a, b) => a.n - b.n);
  if (all.length > 0) {
    out.push('<section class="footnotes">', "<h2>Evidence</h2>", "<ol>");
    for (const e of all) {
      const evidence = e.edge.attributes.evidence;
      const articles = new Set(evidence.map((x) => x.article)).size;
      out.push(
        `<li value="${e.n}" id="fn-${e.n}"><p><strong>${escapeHtml(e.source)} ${escapeHtml(e.phrase)} ${escapeHtml(e.target)}</strong> — ` +
          `${passages(evidence.length)} from ${articles} article${articles === 1 ? "" : "s"}. <a href="#rel-${e.n}">↩</a></p>`,
      );
      for (const x of evidence) {
        out.push(`<blockquote>${htmlQuote(x.quote)}</blockquote>`, `<p class="source">${htmlSource(facts.articles.get(x.article), x)}</p>`);
      }
      out.push("</li>");
    }
    out.push("</ol>", "</section>");
  }
  out.push("</body>", "</html>", "");
  return out.join("\n");
}
