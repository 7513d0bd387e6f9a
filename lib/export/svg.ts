// SVG of the subgraph from its build positions: edges as lines (arrows on typed relations, thin grey
// co-mentions), nodes as circles coloured by type and sized by degree (the explorer's vocabulary),
// labels as text, a legend of node types. Every text is XML-escaped. Browser-safe.
//
// The explorer's PNG/SVG of the current view (camera, hidden nodes) comes from sigma in the browser;
// this renderer draws a whole export so the CLI can write `--format svg` too.

import { NODE_TYPES, type GraphDocument } from "../contract";
import type { SvgOptions } from "./types";
import { documentFacts, edgeColor, edgeThickness, escapeXmlAttr, escapeXmlText, ExportError, formatNumber, nodeColor, nodeSize } from "./utils";

export const SVG_MIME = "image/svg+xml";

const AUTO_LABELS = 300;

function round(value: number): string {
  return formatNumber(Math.round(value * 100) / 100);
}

function dimension(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0 || v > 100_000) throw new ExportError(`svg ${name} must be a number from 1 to 100000, got ${v}`, name);
  return v;
}

/** The subgraph drawn as a standalone SVG document. */
export function toSvg(doc: GraphDocument, options: SvgOptions = {}): string {
  const width = dimension(options.width, 1200, "width");
  const height = dimension(options.height, 800, "height");
  const padding = Math.min(dimension(options.padding ?? 40, 40, "padding"), Math.min(width, height) / 3);
  const facts = documentFacts(doc);
  const nodes = doc.graph.nodes;

  // Fit the layout into the canvas, keeping its aspect ratio; y points up in the layout, down in SVG.
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const { x, y } of facts.position.values()) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  if (!Number.isFinite(minX)) minX = maxX = minY = maxY = 0;
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const point = (key: string) => {
    const p = facts.position.get(key) ?? { x: 0, y: 0 };
    return { x: offsetX + (p.x - minX) * scale, y: height - (offsetY + (p.y - minY) * scale) };
  };
  // Radii: the explorer's sizes (5–18 px on a ~1000 px canvas), scaled with the canvas.
  const radiusScale = Math.max(0.3, Math.min(width, height) / 1000);
  const radius = (key: string) => nodeSize(facts.degree.get(key) ?? 0) * radiusScale * 0.6;

  const labelMode = options.labels ?? "auto";
  const labelled = new Set<string>();
  if (labelMode === "all" || (labelMode === "auto" && nodes.length <= AUTO_LABELS)) for (const n of nodes) labelled.add(n.key);
  else if (labelMode === "auto") {
    [...nodes]
      .sort((a, b) => (facts.degree.get(b.key) ?? 0) - (facts.degree.get(a.key) ?? 0) || (a.key < b.key ? -1 : 1))
      .slice(0, AUTO_LABELS)
      .forEach((n) => labelled.add(n.key));
  }

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">\n`,
  );
  out.push(
    `<title>newsgraph: ${nodes.length} nodes, ${doc.graph.edges.length} edges</title>\n` +
      '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">' +
      `<path d="M0,0L10,5L0,10z" fill="${edgeColor("HEADS")}"/></marker></defs>\n`,
  );
  const background = options.background ?? "#ffffff";
  if (background !== "none") out.push(`<rect width="100%" height="100%" fill="${escapeXmlAttr(background)}"/>\n`);

  // Co-mentions below typed relations.
  const edges = [...doc.graph.edges].sort((a, b) => Number(b.attributes.type === "CO_MENTIONED") - Number(a.attributes.type === "CO_MENTIONED"));
  out.push('<g class="edges" fill="none">\n');
  for (const edge of edges) {
    const s = point(edge.source);
    const t = point(edge.target);
    const typed = edge.attributes.type !== "CO_MENTIONED";
    // End typed arrows at the target's rim.
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length = Math.hypot(dx, dy) || 1;
    const r = typed ? radius(edge.target) : 0;
    const end = { x: t.x - (dx / length) * r, y: t.y - (dy / length) * r };
    const n = edge.attributes.evidence.length;
    out.push(
      `<line x1="${round(s.x)}" y1="${round(s.y)}" x2="${round(end.x)}" y2="${round(end.y)}" ` +
        `stroke="${edgeColor(edge.attributes.type)}" stroke-width="${round(edgeThickness(edge.attributes) * radiusScale)}"` +
        (typed ? ' marker-end="url(#arrow)"' : "") +
        `><title>${escapeXmlText(`${edge.attributes.type}${edge.attributes.note ? ` (${edge.attributes.note})` : ""}: ${n} passage${n === 1 ? "" : "s"}`)}</title></line>\n`,
    );
  }
  out.push("</g>\n");

  out.push('<g class="nodes" stroke="#ffffff" stroke-width="1">\n');
  for (const node of nodes) {
    const p = point(node.key);
    out.push(
      `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="${round(radius(node.key))}" fill="${nodeColor(node.attributes.type)}">` +
        `<title>${escapeXmlText(`${node.attributes.label} (${node.attributes.type})`)}</title></circle>\n`,
    );
  }
  out.push("</g>\n");

  const fontSize = round(Math.max(9, 12 * radiusScale));
  out.push(`<g class="labels" font-size="${fontSize}" fill="#1e293b" stroke="#ffffff" stroke-width="3" paint-order="stroke">\n`);
  for (const node of nodes) {
    if (!labelled.has(node.key)) continue;
    const p = point(node.key);
    out.push(`<text x="${round(p.x + radius(node.key) + 3)}" y="${round(p.y + 4)}">${escapeXmlText(node.attributes.label)}</text>\n`);
  }
  out.push("</g>\n");

  if (options.legend !== false) {
    const present = NODE_TYPES.filter((t) => nodes.some((n) => n.attributes.type === t));
    out.push(`<g class="legend" font-size="${fontSize}" fill="#334155">\n`);
    present.forEach((t, i) => {
      const y = 16 + i * 18;
      out.push(`<circle cx="14" cy="${y}" r="5" fill="${nodeColor(t)}"/><text x="24" y="${y + 4}">${escapeXmlText(t)}</text>\n`);
    });
    out.push("</g>\n");
  }
  out.push("</svg>\n");
  return out.join("");
}
