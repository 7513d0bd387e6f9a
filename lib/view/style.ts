// Visual vocabulary of the explorer: colours per node type, sizes, relation phrases.
import type { EdgeType, NodeType } from "../contract/types";

/** Node colours (distinct in hue and lightness; readable on white). */
export const NODE_COLORS: Record<NodeType, string> = {
  Person: "#2563eb",
  Organization: "#ea580c",
  Place: "#16a34a",
  Meeting: "#9333ea",
  Document: "#a16207",
};

export const NODE_TYPE_LABELS: Record<NodeType, string> = {
  Person: "Person",
  Organization: "Organization",
  Place: "Place",
  Meeting: "Meeting",
  Document: "Document",
};

/** Relations supported by two or more articles. */
export const EDGE_COLOR = "#7b8aa0";
/** Relations supported by one article only: paler (the legend says so). */
export const SINGLE_SOURCE_EDGE_COLOR = "#c9d2de";
export const CO_MENTION_COLOR = "#d7dde5";
export const FADED_NODE_COLOR = "#e2e8f0";
export const FADED_EDGE_COLOR = "#eef1f5";
export const HIGHLIGHT_EDGE_COLOR = "#334155";
/** The path between two entities (nodes ringed, edges drawn thick). */
export const PATH_COLOR = "#e11d48";
export const SELECTED_EDGE_COLOR = "#0f172a";
/** The conflict badge on disputed nodes. */
export const CONFLICT_COLOR = "#dc2626";

export const MIN_NODE_SIZE = 5;
export const MAX_NODE_SIZE = 18;

/** Node size from its degree (distinct neighbours over typed relations): grows with the square root, capped. */
export function nodeSize(degree: number): number {
  const d = Math.max(0, degree);
  return Math.min(MAX_NODE_SIZE, MIN_NODE_SIZE + 2.2 * Math.sqrt(d));
}

/** How a relation reads from the source's side and from the target's side. */
export const RELATION_PHRASES: Record<EdgeType, { out: string; in: string; symmetric?: true }> = {
  HEADS: { out: "Heads", in: "Headed by" },
  MEMBER_OF: { out: "Member of", in: "Members" },
  ADVISES: { out: "Advises", in: "Advised by" },
  RELATIVE_OF: { out: "Relative of", in: "Relative of", symmetric: true },
  ATTENDED: { out: "Attended", in: "Attended by" },
  HELD_IN: { out: "Held in", in: "Venue of" },
  SANCTIONED: { out: "Sanctioned", in: "Sanctioned by" },
  DRAFTED: { out: "Drafted", in: "Drafted by" },
  MET_WITH: { out: "Met with", in: "Met with", symmetric: true },
  PART_OF: { out: "Part of", in: "Includes" },
  REPORTED: { out: "Reported", in: "Reported by" },
  SUPPORTS: { out: "Supports", in: "Supported by" },
  OPPOSES: { out: "Opposes", in: "Opposed by" },
  CO_MENTIONED: { out: "Mentioned in the same sentence as", in: "Mentioned in the same sentence as", symmetric: true },
};
