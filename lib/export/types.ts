// Types of lib/export: what can be exported (scopes), in which format, with which options.
// Everything here is plain data, so the explorer (browser) and the CLI share it.

import type { GraphFilters } from "../graph/types";

/**
 * A piece of the graph to export. Every scope becomes a GraphDocument (see selectScope):
 * its nodes, the edges with all their (source-filtered) evidence, only the articles those
 * nodes and edges cite, and only the conflicts about included nodes.
 *
 * - `whole`: the graph as built, CO_MENTIONED layer and every article included.
 * - `filtered`: the explorer's filtered view (GraphQueries.subgraph).
 * - `selection`: exactly these nodes plus the edges among them that pass `filters`
 *   (by default typed relations only, as the explorer shows them).
 * - `neighborhood`: the nodes within `hops` (1–3) of `key` and the edges among them.
 * - `path`: the shortest path from `from` to `to`: its nodes and the edge of each hop.
 * - `meetings`: the entity, the meetings it ATTENDED, their participants and places, and
 *   the ATTENDED / HELD_IN edges of those meetings.
 */
export type ExportScope =
  | { kind: "whole" }
  | { kind: "filtered"; filters?: GraphFilters }
  | { kind: "selection"; keys: string[]; filters?: GraphFilters }
  | { kind: "neighborhood"; key: string; hops: number; filters?: GraphFilters }
  | { kind: "path"; from: string; to: string; filters?: GraphFilters }
  | { kind: "meetings"; entity: string };

export type ExportScopeKind = ExportScope["kind"];

export const EXPORT_FORMATS = ["gexf", "graphml", "json", "csv", "cypher", "svg", "markdown", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What one export produced: the bytes or text, and how to offer it for download. */
export interface ExportFile {
  format: ExportFormat;
  /** Text formats are strings (UTF-8 when written); the CSV zip is bytes. */
  data: string | Uint8Array;
  mimeType: string;
  /** File extension without the dot ("gexf", "zip", "cypher", "md"…). */
  extension: string;
}

export interface GexfOptions {
  /** `<meta lastmodifieddate>` (YYYY-MM-DD); omitted by default so the same graph gives the same file. */
  lastModified?: string;
  /** `<meta><description>`; a one-line summary of the export by default. */
  description?: string;
}

export interface GraphmlOptions {
  /**
   * Add yFiles graphics (position, fill colour, size, label) for yEd, which otherwise shows
   * unlabeled nodes stacked at the origin. Off by default: the extra `<data>` is not a typed
   * key and other readers (graphology) report it as a string attribute. networkx reads it.
   */
  yed?: boolean;
}

export interface CsvOptions {
  /**
   * Start every CSV with a UTF-8 byte-order mark (default true). Excel only detects UTF-8
   * from the BOM (without it, "Núñez" opens as "NÃºÃ±ez"); LibreOffice, Google Sheets,
   * pandas (`encoding="utf-8-sig"`) and R's readr skip it. Pipelines that read with plain
   * `utf-8` and see "\ufeffkey" as the first header can turn it off.
   */
  bom?: boolean;
  /**
   * Prefix a cell that starts with `=`, `+`, `-`, `@`, tab or CR with a `'` so spreadsheets
   * do not run it as a formula (CSV injection; the quotes come from untrusted articles).
   * Off by default because it changes the text of such cells.
   */
  guardFormulas?: boolean;
  /** Modification time stored in the zip entries (default 1980-02-01, for reproducible files). */
  mtime?: Date;
}

export interface CypherOptions {
  /** Rows per `UNWIND [...] AS row` statement (default 500). */
  batchSize?: number;
  /** Escape every non-ASCII character as \uXXXX (default false: UTF-8 text, readable). */
  asciiOnly?: boolean;
  /** Create the loader's constraints and indexes first (default true). */
  schema?: boolean;
}

export interface SvgOptions {
  /** Canvas size in px (default 1200 × 800). */
  width?: number;
  height?: number;
  /** Margin around the drawing in px (default 40). */
  padding?: number;
  /** "auto" (default) labels every node up to 300 nodes, else the 300 of highest degree. */
  labels?: "all" | "none" | "auto";
  /** Draw a legend of node types (default true). */
  legend?: boolean;
  /** Background colour (default white); "none" for transparent. */
  background?: string;
}

export interface AppendixOptions {
  /** Heading of the appendix (default "Sources"). */
  title?: string;
}

export interface ExportOptions {
  gexf?: GexfOptions;
  graphml?: GraphmlOptions;
  csv?: CsvOptions;
  cypher?: CypherOptions;
  svg?: SvgOptions;
  appendix?: AppendixOptions;
}

/** A flattened attribute column shared by GEXF, GraphML and CSV. */
export type ColumnType = "string" | "integer" | "double";

export interface Column {
  name: string;
  type: ColumnType;
  /** Human-readable meaning (written as a comment in GraphML, documented for users). */
  description: string;
}

export type FlatValue = string | number;
/** A flattened node or edge: column name → value; an absent column means "no value". */
export type FlatRecord = Record<string, FlatValue>;
