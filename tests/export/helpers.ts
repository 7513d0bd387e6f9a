// Test helpers for lib/export: a strict RFC 4180 parser, a reference Cypher string-literal
// unescaper, a strict XML parser, graphology parsers for GEXF/GraphML, the seed graph, and a
// seeded synthetic graph generator.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DOMParser, type Document as XmlDocument } from "@xmldom/xmldom";
import { unzipSync } from "fflate";
import { MultiGraph } from "graphology";
import * as gexf from "graphology-gexf";
import * as graphml from "graphology-graphml";
import createGexfParser from "graphology-gexf/common/parser.js";
import { seededRandom } from "@/lib/layout";
import {
  EDGE_TYPES,
  NODE_TYPES,
  edgeKey,
  parseGraphDocument,
  type ArticleMeta,
  type EdgeType,
  type GraphDocument,
  type NodeType,
  type SerializedEdge,
  type SerializedNode,
} from "@/lib/contract";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEED_GRAPH = path.join(ROOT, "graph-data", "graph.json");

// ---------------------------------------------------------------------------------------------
// RFC 4180

/**
 * Parses CSV text strictly by RFC 4180: records end with CRLF (a lone LF or CR outside quotes is
 * an error), quoted fields may hold commas, CR, LF and doubled double quotes, a double quote
 * inside an unquoted field or after a closing quote is an error. A leading BOM is removed.
 */
export function parseCsv(text: string): string[][] {
  let i = text.startsWith("\ufeff") ? 1 : 0;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  let fieldStart = true;
  const fail = (why: string) => {
    throw new Error(`csv: ${why} at offset ${i} (record ${rows.length + 1})`);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      afterQuote = false;
      fieldStart = true;
      i++;
      continue;
    }
    if (c === "\r") {
      if (text[i + 1] !== "\n") fail("CR without LF");
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      afterQuote = false;
      fieldStart = true;
      i += 2;
      continue;
    }
    if (c === "\n") fail("LF without CR outside quotes");
    if (afterQuote) fail("text after a closing quote");
    if (c === '"') {
      if (!fieldStart) fail("double quote inside an unquoted field");
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    field += c;
    fieldStart = false;
    i++;
  }
  if (quoted) fail("unterminated quoted field");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header; checks every record has the header's width. */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error("csv: no header");
  return {
    header,
    rows: records.map((record, n) => {
      if (record.length !== header.length) throw new Error(`csv: record ${n + 2} has ${record.length} fields, header ${header.length}`);
      return Object.fromEntries(header.map((name, j) => [name, record[j]!]));
    }),
  };
}

export function unzip(data: Uint8Array): Record<string, string> {
  const files = unzipSync(data);
  // ignoreBOM: keep the byte-order mark in the text, so tests can see it (parseCsv skips it).
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, decoder.decode(bytes)]));
}

// ---------------------------------------------------------------------------------------------
// Cypher

/**
 * Reference reading of a single-quoted Cypher string literal (the Cypher manual's escapes:
 * \\ \' \" \t \b \n \r \f \uXXXX \UXXXXXXXX). Throws on an unescaped quote, an unknown escape,
 * a raw line break (the script must never hold one inside a literal) or trailing text.
 */
export function unescapeCypherString(literal: string): string {
  if (literal.length < 2 || literal[0] !== "'" || literal[literal.length - 1] !== "'") throw new Error(`not a quoted literal: ${literal}`);
  const body = literal.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "'") throw new Error(`unescaped quote at ${i}`);
    if (c === "\n" || c === "\r") throw new Error(`raw line break at ${i}`);
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case "\\":
      case "'":
      case '"':
        out += n;
        break;
      case "t":
        out += "\t";
        break;
      case "b":
        out += "\b";
        break;
      case "n":
        out += "\n";
        break;
      case "r":
        out += "\r";
        break;
      case "f":
        out += "\f";
        break;
      case "u": {
        const hex = body.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`bad \\u escape at ${i}`);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      case "U": {
        const hex = body.slice(i + 1, i + 9);
        if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new Error(`bad \\U escape at ${i}`);
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 8;
        break;
      }
      default:
        throw new Error(`unknown escape \\${n} at ${i}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XML

/** Parses XML with @xmldom/xmldom, throwing on any error (well-formedness check; warnings pass). */
export function strictXml(text: string, mimeType: "application/xml" | "image/svg+xml" | "application/xhtml+xml" = "application/xml"): XmlDocument {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`xml ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, mimeType);
}

type AnyGraph = InstanceType<typeof MultiGraph>;

/** GEXF parsed by graphology-gexf's Node entry point (its own xmldom). */
export function parseGexf(text: string): AnyGraph {
  return gexf.parse(MultiGraph, text) as AnyGraph;
}

const xmldomDocumentClass = new DOMParser().parseFromString("<t/>", "application/xml").constructor;

/** GEXF parsed by graphology-gexf's parser running on @xmldom/xmldom 0.9's DOMParser (what a browser does with its own). */
export function parseGexfWithXmldom(text: string): AnyGraph {
  const parse = createGexfParser(DOMParser, xmldomDocumentClass);
  return parse(MultiGraph, text) as AnyGraph;
}

export function parseGraphml(text: string): AnyGraph {
  return graphml.parse(MultiGraph, text) as AnyGraph;
}

// ---------------------------------------------------------------------------------------------
// Graphs

/** The seed graph (graph-data/graph.json), built with the project's build script when missing. */
export function loadSeedDocument(): GraphDocument {
  if (!existsSync(SEED_GRAPH)) {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/build-graph.ts", "--quiet"], {
      cwd: ROOT,
      stdio: "inherit",
    });
  }
  return parseGraphDocument(JSON.parse(readFileSync(SEED_GRAPH, "utf8")), SEED_GRAPH);
}

/** The seed node with the most typed relations (the neighbourhood used across the export tests). */
export function seedHub(doc: GraphDocument): string {
  const degree = new Map<string, number>();
  for (const e of doc.graph.edges) {
    if (e.attributes.type === "CO_MENTIONED") continue;
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  return [...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** mulberry32 (same seed, same graph, on every machine): the layout's seeded PRNG. */
export { seededRandom };

const WORDS = ["talks", "Kraków", "fund", "said", "\"quoted\"", "minister", "a, b", "Zoë", "<tag>", "&", "sanctions", "plan", "met"];

/**
 * A synthetic GraphDocument: `nodeCount` nodes of all types, `edgeCount` distinct typed edges
 * (one or two evidence passages each) over `articleCount` articles, laid out on a plane.
 */
export function syntheticDocument(nodeCount: number, edgeCount: number, seed = 7, articleCount = 200): GraphDocument {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const sentence = () => Array.from({ length: 4 + Math.floor(random() * 12) }, () => pick(WORDS)).join(" ");
  const articles: ArticleMeta[] = Array.from({ length: articleCount }, (_, i) => ({
    id: `a${i}`,
    file: `a${i}.txt`,
    title: i % 5 === 0 ? null : `Article ${i}: ${sentence()}`,
    publisher: i % 3 === 0 ? null : `Publisher ${i % 17}`,
    url: i % 4 === 0 ? null : `https://example.org/${i}`,
    date: i % 2 === 0 ? null : `2025-${String((i % 12) + 1).padStart(2, "0")}-15`,
    sha256: "0".repeat(64),
    chars: 100_000,
  }));
  const passage = () => {
    const quote = sentence();
    const start = Math.floor(random() * 90_000);
    return { article: `a${Math.floor(random() * articleCount)}`, start, end: start + quote.length, quote };
  };
  const nodes: SerializedNode[] = Array.from({ length: nodeCount }, (_, i) => {
    const type: NodeType = NODE_TYPES[i % NODE_TYPES.length]!;
    const mention = passage();
    return {
      key: `${type.toLowerCase()}:n${i}`,
      attributes: {
        type,
        label: `${type} ${i} ${pick(WORDS)}`,
        aliases: random() < 0.2 ? [`N${i}`] : [],
        mentions: [{ article: mention.article, start: mention.start, end: mention.end }],
        articleCount: 1,
        x: Math.round((random() - 0.5) * 20_000) / 100,
        y: Math.round((random() - 0.5) * 20_000) / 100,
      },
    };
  });
  const edges: SerializedEdge[] = [];
  const seen = new Set<string>();
  while (edges.length < edgeCount) {
    const source = Math.floor(random() * nodeCount);
    const target = Math.floor(random() * nodeCount);
    if (source === target) continue;
    const type: EdgeType = pick(EDGE_TYPES);
    const key = edgeKey(nodes[source]!.key, type, nodes[target]!.key);
    if (seen.has(key)) continue;
    seen.add(key);
    const evidence = random() < 0.3 ? [passage(), passage()] : [passage()];
    edges.push({
      key,
      source: nodes[source]!.key,
      target: nodes[target]!.key,
      attributes: { type, evidence, articleCount: new Set(evidence.map((e) => e.article)).size },
    });
  }
  return {
    version: 1,
    articles,
    graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges },
    conflicts: [],
  };
}
