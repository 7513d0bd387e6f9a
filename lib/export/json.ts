// JSON: the subgraph as a GraphDocument (graphology serialization + articles + conflicts), exactly
// the graph.json contract, so parseGraphDocument accepts it and the explorer can open it again.
// Written like graph.json (one-space indent, trailing newline). Browser-safe.

import type { GraphDocument } from "../contract";

export const JSON_MIME = "application/json";

export function toJson(doc: GraphDocument): string {
  return JSON.stringify(doc, null, 1) + "\n";
}
