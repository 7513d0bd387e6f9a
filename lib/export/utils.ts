// Shared helpers of the export formats: the error type, XML escaping, and the flattening of
// contract attributes into typed columns that GEXF, GraphML and CSV all use (one definition,
// so the three formats always agree on names, types and values). Browser-safe: no Node APIs.

import { EDGE_TYPES, type ArticleMeta, type EdgeAttributes, type GraphDocument, type NodeType, type SerializedEdge, type SerializedNode } from "../contract";
import { CO_MENTION_COLOR, EDGE_COLOR, NODE_COLORS, nodeSize } from "../view/style";
import type { Column, FlatRecord } from "./types";

export const MODULE = "newsgraph/export";

/** Every error of lib/export: the message starts with `newsgraph/export:`; `parameter` names the bad argument. */
export class ExportError extends Error {
  readonly parameter: string | undefined;
  constructor(message: string, parameter?: string) {
    super(message.startsWith("newsgraph/") ? message : `${MODULE}: ${message}`);
    this.name = "ExportError";
    this.parameter = parameter;
  }
}

/** Separator of list values in flattened string columns ("Dmitriev | Kirill Dmitriyev"). The JSON columns are the lossless form. */
export const LIST_SEPARATOR = " | ";

const CO_MENTIONED = "CO_MENTIONED";
const FALLBACK_COLOR = "#64748b";

// ---------------------------------------------------------------------------------------------
// XML

// Characters XML 1.0 cannot carry at all, even as character references: C0 controls other than
// tab/LF/CR, U+FFFE/U+FFFF, and lone surrogates (not encodable in UTF-8).
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces the characters XML 1.0 cannot represent with U+FFFD (the JSON columns keep them, escaped). */
export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, "\ufffd");
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
const ATTR_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Escapes element text. CR is written as a reference because XML parsers turn a raw CR into LF. */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

/**
 * Escapes an attribute value (double- or single-quoted). Tab, LF and CR are written as
 * references because attribute-value normalization turns raw ones into spaces.
 */
export function escapeXmlAttr(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

// ---------------------------------------------------------------------------------------------
// Numbers and colours

/** Shortest round-tripping decimal form of a finite number ("49.74", "-3", "1e-7"). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new ExportError(`cannot write the non-finite number ${value}`);
  return Object.is(value, -0) ? "0" : String(value);
}

export function hexToRgb(hex: string): { r: number; g: number; b: number } {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return { r: 100, g: 116, b: 139 };
  return { r: parseInt(match[1]!, 16), g: parseInt(match[2]!, 16), b: parseInt(match[3]!, 16) };
}

export function nodeColor(type: NodeType | string): string {
  return (NODE_COLORS as Record<string, string>)[type] ?? FALLBACK_COLOR;
}

export function edgeColor(type: string): string {
  return type === CO_MENTIONED ? CO_MENTION_COLOR : EDGE_COLOR;
}

/** Edge thickness as the explorer draws it: co-mentions thin, typed relations thicker with more passages. */
export function edgeThickness(attributes: EdgeAttributes): number {
  if (attributes.type === CO_MENTIONED) return 0.6;
  return 1 + Math.min(2, 0.5 * Math.max(0, (attributes.evidence?.length ?? 1) - 1));
}

export { nodeSize };

// ---------------------------------------------------------------------------------------------
// Layout facts computed once per document

export interface DocumentFacts {
  articles: Map<string, ArticleMeta>;
  nodes: Map<string, SerializedNode>;
  /** Distinct neighbours over typed relations (what the explorer sizes nodes by). */
  degree: Map<string, number>;
  /** Build positions, or a circle around the drawing for nodes without one (as the explorer does). */
  position: Map<string, { x: number; y: number }>;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function documentFacts(doc: GraphDocument): DocumentFacts {
  const articles = new Map(doc.articles.map((article) => [article.id, article]));
  const nodes = new Map(doc.graph.nodes.map((node) => [node.key, node]));
  const neighbours = new Map<string, Set<string>>();
  for (const edge of doc.graph.edges) {
    if (edge.attributes.type === CO_MENTIONED || edge.source === edge.target) continue;
    for (const [a, b] of [
      [edge.source, edge.target],
      [edge.target, edge.source],
    ] as const) {
      let set = neighbours.get(a);
      if (!set) neighbours.set(a, (set = new Set()));
      set.add(b);
    }
  }
  const degree = new Map<string, number>();
  for (const node of doc.graph.nodes) degree.set(node.key, neighbours.get(node.key)?.size ?? 0);

  const position = new Map<string, { x: number; y: number }>();
  const missing: string[] = [];
  let radius = 1;
  for (const node of doc.graph.nodes) {
    const { x, y } = node.attributes;
    if (isFiniteNumber(x) && isFiniteNumber(y)) {
      position.set(node.key, { x, y });
      radius = Math.max(radius, Math.hypot(x, y) * 1.1);
    } else missing.push(node.key);
  }
  missing.forEach((key, i) => {
    const angle = (2 * Math.PI * i) / missing.length;
    position.set(key, { x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
  });
  return { articles, nodes, degree, position };
}

// ---------------------------------------------------------------------------------------------
// Flattening: contract attributes → typed columns

/** Node columns shared by GEXF, GraphML and CSV (GEXF writes `label` on the element and x/y as viz:position). */
export const NODE_COLUMNS: readonly Column[] = [
  // Not "type": sigma (Gephi Lite, the explorer) reads a node's `type` as its renderer (gephi-lite#56).
  { name: "node_type", type: "string", description: "Person, Organization, Place, Meeting or Document" },
  { name: "label", type: "string", description: "canonical name" },
  { name: "aliases", type: "string", description: `other spellings, joined with "${LIST_SEPARATOR}"` },
  { name: "article_count", type: "integer", description: "distinct articles that mention the node" },
  { name: "mention_count", type: "integer", description: "number of recorded mentions" },
  { name: "articles", type: "string", description: `ids of the articles that mention the node, joined with "${LIST_SEPARATOR}"` },
  { name: "degree", type: "integer", description: "distinct neighbours over typed relations in this export" },
  { name: "description", type: "string", description: "meeting description" },
  { name: "date", type: "string", description: "meeting date as first stated" },
  { name: "date_start", type: "string", description: "normalized start of that date (ISO)" },
  { name: "date_end", type: "string", description: "normalized end of that date (ISO)" },
  { name: "roles", type: "string", description: `titles and roles as stated, joined with "${LIST_SEPARATOR}"` },
  { name: "x", type: "double", description: "layout x (ForceAtlas2 at build time)" },
  { name: "y", type: "double", description: "layout y" },
  { name: "json", type: "string", description: "every attribute of the node as JSON (mentions with offsets, roles with evidence, dates)" },
];

/** Edge columns shared by GEXF, GraphML and CSV. */
export const EDGE_COLUMNS: readonly Column[] = [
  // Not "type": reserved for edges by Gephi (directed/undirected) and sigma (renderer).
  { name: "relation", type: "string", description: "relation type (HEADS, ATTENDED, …, CO_MENTIONED)" },
  { name: "note", type: "string", description: "title or role as stated" },
  { name: "article_count", type: "integer", description: "distinct supporting articles" },
  { name: "publisher_count", type: "integer", description: "distinct supporting publishers" },
  { name: "evidence_count", type: "integer", description: "number of supporting passages" },
  { name: "articles", type: "string", description: `supporting article ids (one per passage), joined with "${LIST_SEPARATOR}"` },
  { name: "article_titles", type: "string", description: `supporting article titles (one per passage), joined with "${LIST_SEPARATOR}"` },
  { name: "publishers", type: "string", description: `distinct publishers of the supporting articles, joined with "${LIST_SEPARATOR}"` },
  { name: "starts", type: "string", description: `start offsets of the passages, joined with "${LIST_SEPARATOR}"` },
  { name: "ends", type: "string", description: `end offsets of the passages, joined with "${LIST_SEPARATOR}"` },
  { name: "quotes", type: "string", description: `the passages, joined with "${LIST_SEPARATOR}"` },
  { name: "evidence", type: "string", description: "the passages as JSON: [{article, start, end, quote}]" },
  { name: "extra", type: "string", description: "attributes the contract does not name, as JSON" },
];

const KNOWN_EDGE_ATTRIBUTES = new Set(["type", "evidence", "note", "articleCount", "publisherCount"]);

function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** Title of an article for people: its title, else its id. */
export function articleTitle(article: ArticleMeta | undefined, id: string): string {
  return article?.title ?? id;
}

/** The flattened columns of a node (absent values are left out; `omit` skips columns a format does not write). */
export function flattenNode(node: SerializedNode, facts: DocumentFacts, omit?: ReadonlySet<string>): FlatRecord {
  const a = node.attributes;
  const record: FlatRecord = {
    node_type: a.type,
    label: a.label,
    aliases: (a.aliases ?? []).join(LIST_SEPARATOR),
    article_count: a.articleCount ?? new Set((a.mentions ?? []).map((m) => m.article)).size,
    mention_count: (a.mentions ?? []).length,
    articles: distinct((a.mentions ?? []).map((m) => m.article)).join(LIST_SEPARATOR),
    degree: facts.degree.get(node.key) ?? 0,
  };
  if (typeof a.description === "string") record.description = a.description;
  if (a.date) {
    record.date = a.date.text;
    if (a.date.start) record.date_start = a.date.start;
    if (a.date.end) record.date_end = a.date.end;
  }
  if (a.roles && a.roles.length > 0) record.roles = distinct(a.roles.map((r) => r.role)).join(LIST_SEPARATOR);
  const position = facts.position.get(node.key);
  if (position) {
    record.x = position.x;
    record.y = position.y;
  }
  if (!omit?.has("json")) record.json = JSON.stringify(a);
  return record;
}

/** The flattened columns of an edge, evidence included (absent values are left out; `omit` skips columns). */
export function flattenEdge(edge: SerializedEdge, facts: DocumentFacts, omit?: ReadonlySet<string>): FlatRecord {
  const a = edge.attributes;
  const evidence = a.evidence ?? [];
  const record: FlatRecord = { relation: a.type };
  if (a.note !== undefined) record.note = a.note;
  record.article_count = a.articleCount ?? new Set(evidence.map((e) => e.article)).size;
  if (a.publisherCount !== undefined) record.publisher_count = a.publisherCount;
  record.evidence_count = evidence.length;
  record.articles = evidence.map((e) => e.article).join(LIST_SEPARATOR);
  if (!omit?.has("article_titles")) {
    record.article_titles = evidence.map((e) => articleTitle(facts.articles.get(e.article), e.article)).join(LIST_SEPARATOR);
  }
  const publishers = distinct(evidence.map((e) => facts.articles.get(e.article)?.publisher).filter((p): p is string => !!p));
  if (publishers.length > 0) record.publishers = publishers.join(LIST_SEPARATOR);
  if (!omit?.has("starts")) record.starts = evidence.map((e) => e.start).join(LIST_SEPARATOR);
  if (!omit?.has("ends")) record.ends = evidence.map((e) => e.end).join(LIST_SEPARATOR);
  if (!omit?.has("quotes")) record.quotes = evidence.map((e) => e.quote).join(LIST_SEPARATOR);
  if (!omit?.has("evidence")) record.evidence = JSON.stringify(evidence);
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(a)) if (!KNOWN_EDGE_ATTRIBUTES.has(key) && value !== undefined) extra[key] = value;
  if (Object.keys(extra).length > 0) record.extra = JSON.stringify(extra);
  return record;
}

/** Contract order of edge types, for listing relations (CO_MENTIONED last). */
export const EDGE_TYPE_ORDER = new Map<string, number>(EDGE_TYPES.map((type, index) => [type, index]));

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Node label for people, falling back to the key. */
export function labelOf(facts: DocumentFacts, key: string): string {
  return facts.nodes.get(key)?.attributes.label ?? key;
}
