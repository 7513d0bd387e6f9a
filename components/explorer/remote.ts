// What the explorer asks the API about the graph beyond its loaded view (lib/view/coverage.ts makes the
// URLs and merges the answers): search over the whole graph, a node's neighbourhood, a path. Plain
// functions over fetch; errors carry the API's own `{ error }` message.
import type { SerializedNode } from "@/lib/contract";
import type { NeighborhoodResult, PathResult } from "@/lib/graph/types";
import type { Conflict } from "@/lib/contract";
import {
  conflictsPiece,
  neighbourhoodUrl,
  nodeDetailUrl,
  nodeUrl,
  pathUrl,
  pieceFromNeighborhood,
  pieceFromPath,
  searchUrl,
  type GraphPiece,
  type ServerSearchHit,
} from "@/lib/view";
import { readApiError } from "./useGraphDocument";

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(await readApiError(response));
  return (await response.json()) as T;
}

/** The whole graph's search hits for `text`. */
export async function searchServer(text: string, limit: number, signal?: AbortSignal): Promise<ServerSearchHit[]> {
  return (await getJson<{ hits: ServerSearchHit[] }>(searchUrl(text, limit), signal)).hits;
}

/** `hops` around `key` in the whole graph (filters as an API query), as a piece to merge, and whether the server cut it. */
export async function fetchNeighbourhood(key: string, hops: number, filterQuery: string, signal?: AbortSignal): Promise<{ piece: GraphPiece; cut: boolean }> {
  const result = await getJson<NeighborhoodResult>(neighbourhoodUrl(key, hops, filterQuery), signal);
  return { piece: pieceFromNeighborhood(result), cut: result.truncated === true };
}

/**
 * The shortest path in the whole graph (filters as an API query), as a piece to merge: its hops, and the
 * attributes of its nodes the view does not hold (one small request each: a path is a few hops).
 */
export async function fetchPath(from: string, to: string, filterQuery: string, holds: (key: string) => boolean, signal?: AbortSignal): Promise<GraphPiece | null> {
  const { path } = await getJson<{ path: PathResult | null }>(pathUrl(from, to, filterQuery), signal);
  if (!path) return null;
  const missing = path.nodes.filter((node) => !holds(node.key));
  const nodes: SerializedNode[] = await Promise.all(
    missing.map(async (node) => {
      const result = await getJson<NeighborhoodResult>(nodeUrl(node.key), signal);
      const found = result.nodes.find((n) => n.key === node.key);
      if (!found) throw new Error(`newsgraph/explorer: the API did not return node "${node.key}" of the path`);
      return { key: found.key, attributes: found.attributes };
    }),
  );
  return pieceFromPath(path, nodes);
}

/** The conflicts about one node (GET /api/nodes/<key>), as a piece to merge. */
export async function fetchConflicts(key: string, signal?: AbortSignal): Promise<GraphPiece> {
  return conflictsPiece(await getJson<{ conflicts: Conflict[] }>(nodeDetailUrl(key), signal));
}
