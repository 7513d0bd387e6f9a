// CSV for spreadsheets: nodes.csv, edges.csv, evidence.csv (one row per quote), articles.csv and
// conflicts.csv, zipped into one .zip with fflate. Browser-safe.
//
// RFC 4180: CRLF between records, a field holding a comma, double quote, CR or LF is quoted and
// its double quotes doubled, so quotes with commas, quotes and line breaks survive a spreadsheet.
// UTF-8 with a byte-order mark by default (see CsvOptions.bom for why).

import { zipSync } from "fflate";
import type { GraphDocument } from "../contract";
import type { CsvOptions, FlatRecord } from "./types";
import { EDGE_COLUMNS, NODE_COLUMNS, articleTitle, documentFacts, flattenEdge, flattenNode, formatNumber, labelOf } from "./utils";

export const CSV_MIME = "text/csv";
export const ZIP_MIME = "application/zip";

const BOM = "\ufeff";
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null | undefined;

/** One RFC 4180 field: quoted when it holds a comma, double quote, CR or LF (double quotes doubled). */
export function csvField(value: CsvCell, guardFormulas = false): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? formatNumber(value) : value;
  if (guardFormulas && typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV text: header, then one CRLF-terminated record per row. */
export function csvTable(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvOptions = {}): string {
  const guard = options.guardFormulas === true;
  const out: string[] = [options.bom === false ? "" : BOM, header.map((h) => csvField(h)).join(","), "\r\n"];
  for (const row of rows) {
    out.push(row.map((cell) => csvField(cell, guard)).join(","), "\r\n");
  }
  return out.join("");
}

const NODE_CSV_OMIT = new Set(["json"]);
export const NODES_CSV_COLUMNS = ["key", ...NODE_COLUMNS.filter((c) => !NODE_CSV_OMIT.has(c.name)).map((c) => c.name)];

const EDGE_CSV_OMIT = new Set(["starts", "ends", "quotes", "evidence", "article_titles"]);
export const EDGES_CSV_COLUMNS = [
  "key",
  "source",
  "source_label",
  "target",
  "target_label",
  ...EDGE_COLUMNS.filter((c) => !EDGE_CSV_OMIT.has(c.name)).map((c) => c.name),
];

export const EVIDENCE_CSV_COLUMNS = [
  "edge_key",
  "source",
  "source_label",
  "relation",
  "target",
  "target_label",
  "article",
  "article_title",
  "publisher",
  "article_date",
  "start",
  "end",
  "quote",
];

export const ARTICLES_CSV_COLUMNS = ["id", "file", "title", "publisher", "url", "date", "sha256", "chars"];

export const CONFLICTS_CSV_COLUMNS = ["subject", "subject_label", "field", "value", "article", "article_title", "start", "end", "quote"];

function pick(record: FlatRecord, columns: readonly string[]): CsvCell[] {
  return columns.map((c) => record[c]);
}

/** A CSV table before serialization. */
export interface CsvTableData {
  header: readonly string[];
  rows: CsvCell[][];
}

/** The five tables of the subgraph, by file name (nodes, edges, evidence, articles, conflicts). */
export function toCsvTables(doc: GraphDocument): Record<string, CsvTableData> {
  const facts = documentFacts(doc);

  const nodeRows = doc.graph.nodes.map((node) => pick({ key: node.key, ...flattenNode(node, facts, NODE_CSV_OMIT) }, NODES_CSV_COLUMNS));

  const edgeRows = doc.graph.edges.map((edge) =>
    pick(
      {
        key: edge.key,
        source: edge.source,
        source_label: labelOf(facts, edge.source),
        target: edge.target,
        target_label: labelOf(facts, edge.target),
        ...flattenEdge(edge, facts, EDGE_CSV_OMIT),
      },
      EDGES_CSV_COLUMNS,
    ),
  );

  const evidenceRows: CsvCell[][] = [];
  for (const edge of doc.graph.edges) {
    const sourceLabel = labelOf(facts, edge.source);
    const targetLabel = labelOf(facts, edge.target);
    for (const e of edge.attributes.evidence) {
      const article = facts.articles.get(e.article);
      evidenceRows.push([
        edge.key,
        edge.source,
        sourceLabel,
        edge.attributes.type,
        edge.target,
        targetLabel,
        e.article,
        articleTitle(article, e.article),
        article?.publisher,
        article?.date,
        e.start,
        e.end,
        e.quote,
      ]);
    }
  }

  const articleRows = doc.articles.map((a) => [a.id, a.file, a.title, a.publisher, a.url, a.date, a.sha256, a.chars]);

  const conflictRows: CsvCell[][] = [];
  for (const conflict of doc.conflicts) {
    for (const claim of conflict.claims) {
      const e = claim.evidence;
      conflictRows.push([
        conflict.subject,
        labelOf(facts, conflict.subject),
        conflict.field,
        claim.value,
        e.article,
        articleTitle(facts.articles.get(e.article), e.article),
        e.start,
        e.end,
        e.quote,
      ]);
    }
  }

  return {
    "nodes.csv": { header: NODES_CSV_COLUMNS, rows: nodeRows },
    "edges.csv": { header: EDGES_CSV_COLUMNS, rows: edgeRows },
    "evidence.csv": { header: EVIDENCE_CSV_COLUMNS, rows: evidenceRows },
    "articles.csv": { header: ARTICLES_CSV_COLUMNS, rows: articleRows },
    "conflicts.csv": { header: CONFLICTS_CSV_COLUMNS, rows: conflictRows },
  };
}

/** The five CSV files of the subgraph, by file name. */
export function toCsvFiles(doc: GraphDocument, options: CsvOptions = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, table] of Object.entries(toCsvTables(doc))) files[name] = csvTable(table.header, table.rows, options);
  return files;
}

/** The reproducible default time of the zip entries (as reproducible-builds tools use). */
const DEFAULT_MTIME = new Date(1980, 1, 1, 0, 0, 0);

/** The CSV files in one zip (deflated). */
export function toCsvZip(doc: GraphDocument, options: CsvOptions = {}): Uint8Array {
  const files = toCsvFiles(doc, options);
  const encoder = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(files)) entries[name] = encoder.encode(text);
  return zipSync(entries, { level: 6, mtime: options.mtime ?? DEFAULT_MTIME });
}
