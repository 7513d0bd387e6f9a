// lib/export: any piece of the graph, with its sources, in GEXF, GraphML, JSON, CSV (zip), Cypher,
// SVG, and a Markdown / HTML provenance appendix. Everything here is browser-safe (no Node APIs):
// the explorer's download menu calls exportScope() / exportDocument() and saves `data` as a Blob;
// scripts/export.ts does the same from the command line and writes the file.
//
//   const doc = await selectScope(queries, { kind: "neighborhood", key, hops: 2 });
//   const file = exportDocument(doc, "gexf");          // { data, mimeType, extension, format }
//   // or in one step: await exportScope(queries, scope, "csv")

import type { GraphDocument } from "../contract";
import type { GraphQueries } from "../graph/types";
import { HTML_MIME, MARKDOWN_MIME, toAppendixHtml, toAppendixMarkdown } from "./appendix";
import { ZIP_MIME, toCsvZip } from "./csv";
import { CYPHER_MIME, toCypher } from "./cypher";
import { GEXF_MIME, toGexf } from "./gexf";
import { GRAPHML_MIME, toGraphml } from "./graphml";
import { JSON_MIME, toJson } from "./json";
import { selectScope } from "./scope";
import { SVG_MIME, toSvg } from "./svg";
import { EXPORT_FORMATS, type ExportFile, type ExportFormat, type ExportOptions, type ExportScope } from "./types";
import { ExportError } from "./utils";

export * from "./types";
export { ExportError, LIST_SEPARATOR, NODE_COLUMNS, EDGE_COLUMNS, escapeXmlAttr, escapeXmlText, xmlSafe } from "./utils";
export { parseScope, formatScope, selectScope, selectScopeFromDocument } from "./scope";
export { toGexf, GEXF_NODE_COLUMNS, GEXF_EDGE_COLUMNS } from "./gexf";
export { toGraphml, GRAPHML_NODE_COLUMNS, GRAPHML_EDGE_COLUMNS, GRAPHML_GRAPH_COLUMNS } from "./graphml";
export { toJson } from "./json";
export type { CsvTableData, CsvCell } from "./csv";
export {
  toCsvTables,
  toCsvFiles,
  toCsvZip,
  csvField,
  csvTable,
  NODES_CSV_COLUMNS,
  EDGES_CSV_COLUMNS,
  EVIDENCE_CSV_COLUMNS,
  ARTICLES_CSV_COLUMNS,
  CONFLICTS_CSV_COLUMNS,
} from "./csv";
export {
  toCypher,
  cypherStatements,
  cypherSections,
  splitCypherScript,
  cypherString,
  cypherLiteral,
  cypherName,
  CypherFloat,
  evidenceKey,
  conflictKeys,
} from "./cypher";
export type { CypherSection, CypherValue } from "./cypher";
export { toSvg } from "./svg";
export { toAppendixMarkdown, toAppendixHtml, escapeMarkdown, escapeHtml } from "./appendix";

/** MIME type and file extension of each format. */
export const FORMAT_INFO: Readonly<Record<ExportFormat, { mimeType: string; extension: string; label: string }>> = {
  gexf: { mimeType: GEXF_MIME, extension: "gexf", label: "GEXF (Gephi)" },
  graphml: { mimeType: GRAPHML_MIME, extension: "graphml", label: "GraphML (yEd, Cytoscape, networkx)" },
  json: { mimeType: JSON_MIME, extension: "json", label: "JSON (newsgraph / graphology)" },
  csv: { mimeType: ZIP_MIME, extension: "zip", label: "CSV (nodes, edges, evidence; zip)" },
  cypher: { mimeType: CYPHER_MIME, extension: "cypher", label: "Cypher script (Neo4j)" },
  svg: { mimeType: SVG_MIME, extension: "svg", label: "SVG image" },
  markdown: { mimeType: MARKDOWN_MIME, extension: "md", label: "Evidence appendix (Markdown)" },
  html: { mimeType: HTML_MIME, extension: "html", label: "Evidence appendix (HTML)" },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** A GraphDocument (e.g. from selectScope) in one format. */
export function exportDocument(doc: GraphDocument, format: ExportFormat, options: ExportOptions = {}): ExportFile {
  if (!isExportFormat(format)) {
    throw new ExportError(`format must be one of ${EXPORT_FORMATS.join(", ")}, got ${JSON.stringify(format)}`, "format");
  }
  const data = (() => {
    switch (format) {
      case "gexf":
        return toGexf(doc, options.gexf);
      case "graphml":
        return toGraphml(doc, options.graphml);
      case "json":
        return toJson(doc);
      case "csv":
        return toCsvZip(doc, options.csv);
      case "cypher":
        return toCypher(doc, options.cypher);
      case "svg":
        return toSvg(doc, options.svg);
      case "markdown":
        return toAppendixMarkdown(doc, options.appendix);
      case "html":
        return toAppendixHtml(doc, options.appendix);
    }
  })();
  const info = FORMAT_INFO[format];
  return { format, data, mimeType: info.mimeType, extension: info.extension };
}

/** selectScope + exportDocument. */
export async function exportScope(
  queries: GraphQueries,
  scope: ExportScope,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportFile> {
  if (!isExportFormat(format)) {
    throw new ExportError(`format must be one of ${EXPORT_FORMATS.join(", ")}, got ${JSON.stringify(format)}`, "format");
  }
  return exportDocument(await selectScope(queries, scope), format, options);
}

/** A download name such as `newsgraph-neighborhood-person-kirill-dmitriev-2.gexf`. */
export function exportFileName(scope: ExportScope, format: ExportFormat): string {
  const parts: string[] = ["newsgraph", scope.kind];
  if (scope.kind === "neighborhood") parts.push(scope.key, String(scope.hops));
  else if (scope.kind === "path") parts.push(scope.from, "to", scope.to);
  else if (scope.kind === "meetings") parts.push(scope.entity);
  else if (scope.kind === "selection") parts.push(`${scope.keys.length}-nodes`);
  const base = parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 120)
    .replace(/-$/, "");
  return `${base}.${FORMAT_INFO[format].extension}`;
}
