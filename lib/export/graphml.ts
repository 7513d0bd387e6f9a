// GraphML for yEd, Cytoscape and networkx. Browser-safe: builds the XML as text.
//
// Typed <key> declarations (attr.type string | int | double) for the NODE_COLUMNS plus color and
// size, and for the EDGE_COLUMNS (evidence flattened, plus the lossless JSON `evidence`); graph-level
// keys carry the article list and the conflicts as JSON. Node and edge ids are the contract keys.
// With `yed: true`, yFiles ShapeNode / PolyLineEdge graphics give yEd positions, colours and labels.
//
// graphology-graphml parses it back to the same attributes (tests/export/roundtrip.test.ts).

import type { GraphDocument } from "../contract";
import type { Column, FlatRecord, GraphmlOptions } from "./types";
import {
  EDGE_COLUMNS,
  NODE_COLUMNS,
  documentFacts,
  edgeColor,
  escapeXmlAttr,
  escapeXmlText,
  flattenEdge,
  flattenNode,
  formatNumber,
  nodeColor,
  nodeSize,
} from "./utils";

export const GRAPHML_MIME = "application/graphml+xml";

const GRAPHML_TYPES: Record<Column["type"], string> = { string: "string", integer: "int", double: "double" };

/** Extra node columns only the graph formats have. */
export const GRAPHML_NODE_COLUMNS: readonly Column[] = [
  ...NODE_COLUMNS,
  { name: "color", type: "string", description: "colour of the node type (#rrggbb)" },
  { name: "size", type: "double", description: "size from degree, as the explorer draws it" },
];
export const GRAPHML_EDGE_COLUMNS: readonly Column[] = [
  ...EDGE_COLUMNS,
  { name: "color", type: "string", description: "edge colour (#rrggbb)" },
];
export const GRAPHML_GRAPH_COLUMNS: readonly Column[] = [
  { name: "articles", type: "string", description: "the cited articles as JSON: [{id, file, title, publisher, url, date, sha256, chars}]" },
  { name: "conflicts", type: "string", description: "conflicting claims about included nodes as JSON: [{subject, field, claims}]" },
];

/** Key ids: `n_<column>`, `e_<column>`, `g_<column>` (GraphML ids are per file, so prefixes keep node and edge keys apart). */
function keyId(prefix: "n" | "e" | "g", column: string): string {
  return `${prefix}_${column}`;
}

function keyLines(domain: "graph" | "node" | "edge", columns: readonly Column[]): string[] {
  const prefix = domain === "graph" ? "g" : domain === "node" ? "n" : "e";
  return columns.map(
    (c) =>
      `  <key id="${keyId(prefix, c.name)}" for="${domain}" attr.name="${escapeXmlAttr(c.name)}" attr.type="${GRAPHML_TYPES[c.type]}">` +
      `<desc>${escapeXmlText(c.description)}</desc></key>\n`,
  );
}

function dataElements(prefix: "n" | "e" | "g", record: FlatRecord, columns: readonly Column[]): string {
  const parts: string[] = [];
  for (const c of columns) {
    const value = record[c.name];
    if (value === undefined) continue;
    const text = typeof value === "number" ? formatNumber(value) : value;
    parts.push(`<data key="${keyId(prefix, c.name)}">${escapeXmlText(text)}</data>`);
  }
  return parts.join("");
}

/** The subgraph as a GraphML document (UTF-8 text). */
export function toGraphml(doc: GraphDocument, options: GraphmlOptions = {}): string {
  const facts = documentFacts(doc);
  const yed = options.yed === true;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      (yed ? ' xmlns:y="http://www.yworks.com/xml/graphml"' : "") +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  );
  out.push(...keyLines("graph", GRAPHML_GRAPH_COLUMNS));
  out.push(...keyLines("node", GRAPHML_NODE_COLUMNS));
  out.push(...keyLines("edge", GRAPHML_EDGE_COLUMNS));
  if (yed) {
    out.push('  <key id="n_yed" for="node" yfiles.type="nodegraphics"/>\n');
    out.push('  <key id="e_yed" for="edge" yfiles.type="edgegraphics"/>\n');
  }
  out.push('  <graph id="newsgraph" edgedefault="directed">\n');
  out.push(
    "    " +
      dataElements("g", { articles: JSON.stringify(doc.articles), conflicts: JSON.stringify(doc.conflicts) }, GRAPHML_GRAPH_COLUMNS) +
      "\n",
  );
  for (const node of doc.graph.nodes) {
    const record = flattenNode(node, facts);
    const size = nodeSize(facts.degree.get(node.key) ?? 0);
    record.color = nodeColor(node.attributes.type);
    record.size = size;
    let graphics = "";
    if (yed) {
      // yEd's y axis points down; the layout's points up. Sizes are scaled to yEd's default 30 px nodes.
      const p = facts.position.get(node.key)!;
      const d = size * 4;
      graphics =
        `<data key="n_yed"><y:ShapeNode><y:Geometry x="${formatNumber(p.x * 10 - d / 2)}" y="${formatNumber(-p.y * 10 - d / 2)}" ` +
        `width="${formatNumber(d)}" height="${formatNumber(d)}"/><y:Fill color="${record.color}" transparent="false"/>` +
        `<y:BorderStyle hasColor="false" type="line" width="1.0"/>` +
        `<y:NodeLabel modelName="sides" modelPosition="s">${escapeXmlText(node.attributes.label)}</y:NodeLabel>` +
        `<y:Shape type="ellipse"/></y:ShapeNode></data>`;
    }
    out.push(`    <node id="${escapeXmlAttr(node.key)}">${dataElements("n", record, GRAPHML_NODE_COLUMNS)}${graphics}</node>\n`);
  }
  for (const edge of doc.graph.edges) {
    const record = flattenEdge(edge, facts);
    record.color = edgeColor(edge.attributes.type);
    const graphics = yed
      ? `<data key="e_yed"><y:PolyLineEdge><y:LineStyle color="${record.color}" type="line" width="1.0"/>` +
        `<y:Arrows source="none" target="${edge.attributes.type === "CO_MENTIONED" ? "none" : "standard"}"/>` +
        `<y:EdgeLabel>${escapeXmlText(edge.attributes.type)}</y:EdgeLabel></y:PolyLineEdge></data>`
      : "";
    out.push(
      `    <edge id="${escapeXmlAttr(edge.key)}" source="${escapeXmlAttr(edge.source)}" target="${escapeXmlAttr(edge.target)}">` +
        `${dataElements("e", record, GRAPHML_EDGE_COLUMNS)}${graphics}</edge>\n`,
    );
  }
  out.push("  </graph>\n</graphml>\n");
  return out.join("");
}
