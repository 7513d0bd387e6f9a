// ForceAtlas2 in the browser (a web worker runs it; see components/explorer/SigmaGraph.tsx) and camera
// framing: the settings and arithmetic, kept pure.
import type { Attributes } from "graphology-types";
import { inferSettings, type ForceAtlas2Settings } from "graphology-layout-forceatlas2";

/** The same weighting as the build's layout (lib/layout): co-mentions pull five times less than relations. */
export function layoutEdgeWeight(_edge: string, attributes: Attributes): number {
  return attributes.coMention ? 0.2 : 1;
}

/** The build's settings (lib/layout), so running the layout again continues the same picture. */
export function layoutSettings(order: number): ForceAtlas2Settings {
  return { ...inferSettings(Math.max(order, 1)), barnesHutOptimize: order > 500, gravity: 1, scalingRatio: 10, adjustSizes: false };
}

/**
 * The camera that shows a set of points given in sigma's framed-graph coordinates (where the whole graph
 * fits the unit square and ratio 1 shows it all): their centre, and a ratio leaving a margin around them.
 * One point (or points close together) gets `single` as ratio.
 */
export function fitCamera(
  points: readonly { x: number; y: number }[],
  options: { margin?: number; single?: number; min?: number; max?: number } = {},
): { x: number; y: number; ratio: number } | null {
  if (points.length === 0) return null;
  const margin = options.margin ?? 1.35;
  const single = options.single ?? 0.45;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const extent = Math.max(maxX - minX, maxY - minY);
  const ratio = points.length === 1 ? single : Math.max(extent * margin, options.min ?? 0.15);
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: Math.min(ratio, options.max ?? 1.2) };
}

/** Distance from point p to the segment [a, b] (any units, the same for all three). */
export function pointSegmentDistance(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * The edge nearest to a point, within `tolerance` (screen pixels), among `segments` given in screen pixels.
 * Thin edges are hard to hit exactly (sigma picks at half resolution): a click near one selects it.
 */
export function nearestSegment<K>(point: { x: number; y: number }, segments: Iterable<{ key: K; a: { x: number; y: number }; b: { x: number; y: number } }>, tolerance: number): K | null {
  let best: K | null = null;
  let bestDistance = tolerance;
  for (const s of segments) {
    const d = pointSegmentDistance(point, s.a, s.b);
    if (d <= bestDistance) {
      best = s.key;
      bestDistance = d;
    }
  }
  return best;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Do two boxes overlap by more than `slack` pixels both ways? */
export function boxesOverlap(a: Box, b: Box, slack = 0): boolean {
  return Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
}

/**
 * Where a label goes, as sigma's default renderer draws it: right of the node (x, y, radius in pixels),
 * text baseline a third of the font size below the centre.
 */
export function labelBox(x: number, y: number, radius: number, width: number, fontSize: number): Box {
  const left = x + radius + 3;
  return { left, top: y - fontSize * 0.67, right: left + width, bottom: y + fontSize * 0.4 };
}
