// The questions a truncated view cannot answer from what it holds, asked of the API (which answers over the
// whole graph), their answers merged into the loaded document:
// - a search hit outside the view is brought in with its neighbourhood;
// - a neighbourhood is asked of the whole graph, so its neighbours not loaded come in;
// - a path is asked of the whole graph (/api/path), so its nodes not loaded come in;
// - a brought-in node, when selected, gets the conflicts about it (the first view has those of its own nodes).
// The explorer then computes the neighbourhood and the path on the grown document as always: with the API's
// answer in it, they are the whole graph's (same tie rules), except where a view filter has no API
// counterpart, which lib/view's completenessNote then says.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  apiFilterQuery,
  combinePieces,
  MAX_BRING_IN_AT_ONCE,
  type Coverage,
  type ExplorerModel,
  type FilterState,
  type GraphPiece,
  type NeighbourhoodState,
  type PathState,
  type RemoteCheck,
} from "@/lib/view";
import { fetchConflicts, fetchNeighbourhood, fetchPath, searchServer } from "./remote";
import type { ServerSearch } from "./useServerHits";

export interface BeyondView {
  /** The server's search, when the view is truncated (null: the loaded graph is the whole graph). */
  serverSearch: ServerSearch | null;
  /** Brings a node and its neighbourhood into the view; resolves once merged (false when it failed). */
  bringIn: (key: string, label: string) => Promise<boolean>;
  /** Brings several nodes (each with its neighbours) into the view in one merge: the first MAX_BRING_IN_AT_ONCE. */
  bringInKeys: (keys: readonly string[]) => Promise<void>;
  /** What is being brought in, or why it could not be. */
  status: { kind: "bringing" | "error"; text: string } | null;
  neighbourhood: { id: string; check: RemoteCheck | null };
  path: { id: string; check: RemoteCheck | null };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useBeyondView(
  model: ExplorerModel | null,
  coverage: Coverage | null,
  filters: FilterState,
  neighbourhood: NeighbourhoodState | null,
  path: PathState | null,
  selectedNode: string | null,
  merge: (piece: GraphPiece) => void,
): BeyondView {
  const truncated = !!coverage?.truncated;
  const modelRef = useRef(model);
  useEffect(() => {
    modelRef.current = model;
  }, [model]);
  const { query, exact } = useMemo(() => apiFilterQuery(filters), [filters]);
  const [status, setStatus] = useState<BeyondView["status"]>(null);
  const [nbCheck, setNbCheck] = useState<RemoteCheck | null>(null);
  const [pathCheck, setPathCheck] = useState<RemoteCheck | null>(null);

  const serverSearch = useMemo<ServerSearch | null>(() => (truncated ? searchServer : null), [truncated]);

  // Co-mentions come along when the layer is on (the first view of a truncated graph has none).
  const comentions = filters.showCoMentions ? "comentions=1" : "";
  const bringIn = useCallback(
    async (key: string, label: string) => {
      setStatus({ kind: "bringing", text: `Bringing in ${label} and its neighbours…` });
      try {
        const { piece } = await fetchNeighbourhood(key, 1, comentions);
        merge(piece);
        setStatus(null);
        return true;
      } catch (error) {
        setStatus({ kind: "error", text: `Could not bring in ${label}: ${message(error)}` });
        return false;
      }
    },
    [merge, comentions],
  );

  const bringInKeys = useCallback(
    async (keys: readonly string[]) => {
      const asked = keys.slice(0, MAX_BRING_IN_AT_ONCE);
      if (asked.length === 0) return;
      setStatus({ kind: "bringing", text: `Bringing in ${asked.length} entit${asked.length === 1 ? "y" : "ies"} and their neighbours…` });
      const results = await Promise.allSettled(asked.map((key) => fetchNeighbourhood(key, 1, comentions)));
      const pieces = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.piece] : []));
      if (pieces.length > 0) merge(combinePieces(pieces));
      const failed = results.length - pieces.length;
      const left = keys.length - asked.length;
      setStatus(
        failed > 0
          ? { kind: "error", text: `${failed} of ${asked.length} entities could not be brought in` }
          : left > 0
            ? { kind: "error", text: `Brought in the first ${asked.length}; ${left} more were not (search for them)` }
            : null,
      );
    },
    [merge, comentions],
  );

  const nbId = truncated && neighbourhood ? `${neighbourhood.center}|${neighbourhood.hops}|${query}` : "";
  useEffect(() => {
    if (!nbId || !neighbourhood) return;
    const controller = new AbortController();
    setNbCheck({ id: nbId, state: "checking" });
    fetchNeighbourhood(neighbourhood.center, neighbourhood.hops, query, controller.signal).then(
      ({ piece, cut }) => {
        if (controller.signal.aborted) return;
        merge(piece);
        setNbCheck({ id: nbId, state: "done", exact, cut });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setNbCheck({ id: nbId, state: "error", message: message(error) });
      },
    );
    return () => controller.abort();
    // The question is its id (the neighbourhood's cap and expanded hubs are answered locally); the filter
    // query is part of it.
  }, [nbId]);

  const from = path?.from ?? null;
  const to = path?.to ?? null;
  const pathId = truncated && from && to && from !== to ? `${from}|${to}|${query}` : "";
  useEffect(() => {
    if (!pathId || !from || !to) return;
    const controller = new AbortController();
    setPathCheck({ id: pathId, state: "checking" });
    fetchPath(from, to, query, (key) => !!modelRef.current?.data.hasNode(key), controller.signal).then(
      (piece) => {
        if (controller.signal.aborted) return;
        if (piece) merge(piece);
        setPathCheck({ id: pathId, state: "done", exact, cut: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setPathCheck({ id: pathId, state: "error", message: message(error) });
      },
    );
    return () => controller.abort();
  }, [pathId]);

  // Conflicts of a selected node that was brought in: asked once per node (a failure leaves the panel without them,
  // as the node's relations note says the view is partial).
  const conflictsAsked = useRef(new Set<string>());
  const broughtIn = !!selectedNode && !!coverage?.broughtIn.includes(selectedNode);
  useEffect(() => {
    if (!broughtIn || !selectedNode || conflictsAsked.current.has(selectedNode)) return;
    conflictsAsked.current.add(selectedNode);
    fetchConflicts(selectedNode).then(merge, () => conflictsAsked.current.delete(selectedNode));
  }, [broughtIn, selectedNode, merge]);

  return { serverSearch, bringIn, bringInKeys, status, neighbourhood: { id: nbId, check: nbCheck }, path: { id: pathId, check: pathCheck } };
}
