// GEXF 1.3 for Gephi and Gephi Lite. Browser-safe: builds the XML as text.
//
//   <node id label>  attvalues: the NODE_COLUMNS (label and x/y excepted), viz:color by node type,
//                    viz:size by degree (as the explorer), viz:position from the build layout
//   <edge id source target label=<type> kind=<type> weight=<distinct articles>>
//                    attvalues: the EDGE_COLUMNS (evidence flattened: evidence_count, articles,
//                    starts, ends, quotes, and the lossless JSON `evidence`), viz:color, viz:thickness
//
// graphology-gexf parses it back to the same attributes (tests/export/roundtrip.test.ts).

import type { GraphDocument } from "../contract";
import type { Column, FlatRecord, GexfOptions } from "./types";
import {
  EDGE_COLUMNS,
  NODE_COLUMNS,
  documentFacts,
  edgeColor,
  edgeThickness,
  escapeXmlAttr,
  escapeXmlText,
  flattenEdge,
  flattenNode,
  formatNumber,
  hexToRgb,
  nodeColor,
  nodeSize,
} from "./utils";

export const GEXF_MIME = "application/gexf+xml";

const GEXF_TYPES: Record<Column["type"], string> = { string: "string", integer: "integer", double: "double" };

// GEXF 1.3 notes: `mode` is no longer an attribute of <attributes>; `kind` on <edge> names the relation so
// Gephi keeps parallel edges of different types; "id", "pid" and "label" are reserved, and the node/edge
// columns avoid "type" (Gephi's edge direction, sigma's renderer in Gephi Lite).

/** Node columns written as attvalues (label is the element's label, x/y go to viz:position). */
export const GEXF_NODE_COLUMNS = NODE_COLUMNS.filter((c) => c.name !== "label" && c.name !== "x" && c.name !== "y");
export const GEXF_EDGE_COLUMNS = EDGE_COLUMNS;

function declarations(cls: "node" | "edge", columns: readonly Column[]): string {
  const lines = columns.map(
    (c) => `      <attribute id="${escapeXmlAttr(c.name)}" title="${escapeXmlAttr(c.name)}" type="${GEXF_TYPES[c.type]}"/>`,
  );
  return `    <attributes class="${cls}">\n${lines.join("\n")}\n    </attributes>\n`;
}

function attvalues(record: FlatRecord, columns: readonly Column[]): string {
  const parts: string[] = [];
  for (const c of columns) {
    const value = record[c.name];
    if (value === undefined) continue;
    const text = typeof value === "number" ? formatNumber(value) : value;
    parts.push(`<attvalue for="${c.name}" value="${escapeXmlAttr(text)}"/>`);
  }
  return parts.length ? `<attvalues>${parts.join("")}</attvalues>` : "";
}

function color(hex: string): string {
  const { r, g, b } = hexToRgb(hex);
  return `<viz:color r="${r}" g="${g}" b="${b}"/>`;
}

/** The subgraph as a GEXF 1.3 document (UTF-8 text). */
export function toGexf(doc: GraphDocument, options: GexfOptions = {}): string {
  const facts = documentFacts(doc);
  const nodes = doc.graph.nodes;
  const edges = doc.graph.edges;
  const description =
    options.description ??
    `newsgraph export: ${nodes.length} nodes, ${edges.length} edges, ${doc.articles.length} articles; ` +
      `every edge carries its evidence (quotes, article ids, offsets) in its attributes`;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n',
  );
  const modified = options.lastModified ? ` lastmodifieddate="${escapeXmlAttr(options.lastModified)}"` : "";
  out.push(`  <meta${modified}>\n    <creator>newsgraph</creator>\n    <description>${escapeXmlText(description)}</description>\n  </meta>\n`);
  out.push('  <graph defaultedgetype="directed" mode="static">\n');
  out.push(declarations("node", GEXF_NODE_COLUMNS));
  out.push(declarations("edge", GEXF_EDGE_COLUMNS));

  out.push("    <nodes>\n");
  for (const node of nodes) {
    const record = flattenNode(node, facts);
    const position = facts.position.get(node.key)!;
    const size = nodeSize(facts.degree.get(node.key) ?? 0);
    out.push(
      `      <node id="${escapeXmlAttr(node.key)}" label="${escapeXmlAttr(node.attributes.label)}">` +
        attvalues(record, GEXF_NODE_COLUMNS) +
        color(nodeColor(node.attributes.type)) +
        `<viz:size value="${formatNumber(size)}"/>` +
        `<viz:position x="${formatNumber(position.x)}" y="${formatNumber(position.y)}"/>` +
        "</node>\n",
    );
  }
  out.push("    </nodes>\n");

  out.push("    <edges>\n");
  for (const edge of edges) {
    const record = flattenEdge(edge, facts);
    const type = escapeXmlAttr(edge.attributes.type);
    out.push(
      `      <edge id="${escapeXmlAttr(edge.key)}" source="${escapeXmlAttr(edge.source)}" target="${escapeXmlAttr(edge.target)}" ` +
        `label="${type}" kind="${type}" weight="${formatNumber(Number(record.article_count))}">` +
        attvalues(record, GEXF_EDGE_COLUMNS) +
        color(edgeColor(edge.attributes.type)) +
        `<viz:thickness value="${formatNumber(edgeThickness(edge.attributes))}"/>` +
        "</edge>\n",
    );
  }
  out.push("    </edges>\n  </graph>\n</gexf>\n");
  return out.join("");
}
