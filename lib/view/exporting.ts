// What a download contains, as node and edge sets of the loaded document: the whole graph, what the view
// draws (filters, neighbourhood), the selection with its relations, or the neighbourhood / path in view.
// lib/export turns the resulting GraphDocument into files (it keeps the cited articles and the conflicts).
import type { ArticleMeta, EdgeAttributes, GraphDocument, NodeAttributes } from "../contract/types";
import type { DataGraph } from "./graphs";
import type { NeighbourhoodView } from "./neighbourhood";
import type { PathView } from "./path";
import type { ViewState } from "./state";
import type { Visibility } from "./visibility";

export type DownloadScope = "whole" | "view" | "selection" | "focus";

export interface ScopeChoice {
  scope: DownloadScope;
  label: string;
  /** Why it cannot be chosen now (null: it can). */
  disabled: string | null;
  nodes: number;
  edges: number;
}

export interface ScopeSets {
  nodes: Set<string>;
  edges: Set<string>;
}

/** Nodes and edges drawn now (filters, then the neighbourhood). */
function drawn(data: DataGraph, visibility: Visibility, neighbourhood: NeighbourhoodView | null): ScopeSets {
  const nodes = new Set([...visibility.nodes].filter((n) => !neighbourhood || neighbourhood.nodes.has(n)));
  const edges = new Set([...visibility.edges].filter((e) => nodes.has(data.source(e)) && nodes.has(data.target(e))));
  return { nodes, edges };
}

export function scopeSets(
  scope: DownloadScope,
  data: DataGraph,
  view: Pick<ViewState, "selectedNode" | "selectedEdge">,
  visibility: Visibility,
  neighbourhood: NeighbourhoodView | null,
  path: PathView | null,
): ScopeSets | null {
  switch (scope) {
    case "whole":
      return { nodes: new Set(data.nodes()), edges: new Set(data.edges()) };
    case "view":
      return drawn(data, visibility, neighbourhood);
    case "selection": {
      if (view.selectedEdge && data.hasEdge(view.selectedEdge)) {
        return { nodes: new Set([data.source(view.selectedEdge), data.target(view.selectedEdge)]), edges: new Set([view.selectedEdge]) };
      }
      const key = view.selectedNode;
      if (!key || !data.hasNode(key)) return null;
      const nodes = new Set([key]);
      const edges = new Set<string>();
      data.forEachEdge(key, (edge, _a, source, target) => {
        if (!visibility.edges.has(edge)) return;
        edges.add(edge);
        nodes.add(source === key ? target : source);
      });
      return { nodes, edges };
    }
    case "focus":
      if (path) return { nodes: new Set(path.nodes), edges: new Set(path.edges) };
      if (neighbourhood) return drawn(data, visibility, neighbourhood);
      return null;
  }
}

export function scopeChoices(
  data: DataGraph,
  view: Pick<ViewState, "selectedNode" | "selectedEdge">,
  visibility: Visibility,
  neighbourhood: NeighbourhoodView | null,
  path: PathView | null,
  labelOf: (key: string) => string,
  /** The whole graph's node count when the loaded document is part of it (lib/view/coverage.ts): "whole" is then the loaded part, and says so. */
  wholeNodes: number | null = null,
): ScopeChoice[] {
  const choice = (scope: DownloadScope, label: string, why: string): ScopeChoice => {
    const sets = scopeSets(scope, data, view, visibility, neighbourhood, path);
    const empty = !sets || sets.nodes.size === 0;
    return { scope, label, disabled: empty ? why : null, nodes: sets?.nodes.size ?? 0, edges: sets?.edges.size ?? 0 };
  };
  const selection = view.selectedEdge ? "the selected relation" : view.selectedNode ? `${labelOf(view.selectedNode)} and its relations` : "the selection";
  const focus = path ? "the path" : neighbourhood ? `the neighbourhood of ${labelOf(neighbourhood.center)}` : "the neighbourhood or path";
  return [
    choice(
      "whole",
      wholeNodes === null
        ? "the whole graph"
        : `the loaded graph: ${data.order.toLocaleString("en-US")} of ${wholeNodes.toLocaleString("en-US")} entities (load the whole graph for all)`,
      "the graph is empty",
    ),
    choice("view", "the current view (filters applied)", "nothing is shown"),
    choice("selection", selection, "select a node or an edge first"),
    choice("focus", focus, "show a neighbourhood or a path first"),
  ];
}

function publisherCount(evidence: EdgeAttributes["evidence"], articles: ReadonlyMap<string, ArticleMeta>): number {
  return new Set(evidence.map((e) => articles.get(e.article)?.publisher ?? `article:${e.article}`)).size;
}

function restrictNode(attributes: NodeAttributes, passes: (id: string) => boolean): NodeAttributes {
  const next: NodeAttributes = { ...attributes, mentions: attributes.mentions.filter((m) => passes(m.article)) };
  if (attributes.roles) next.roles = attributes.roles.filter((r) => passes(r.evidence.article));
  if (attributes.dates) next.dates = attributes.dates.filter((d) => passes(d.article));
  if (attributes.date && !passes(attributes.date.article)) next.date = next.dates?.[0] ?? null;
  if (attributes.aliasSources) {
    next.aliasSources = attributes.aliasSources
      .map((a) => ({ alias: a.alias, articles: a.articles.filter(passes) }))
      .filter((a) => a.articles.length > 0);
  }
  if (attributes.articleCount !== undefined) next.articleCount = new Set(next.mentions.map((m) => m.article)).size;
  return next;
}

/**
 * The document restricted to these nodes and edges (edges also need both ends). With a source filter,
 * what comes from the articles it leaves out goes too: evidence (the corroboration counts follow), mentions,
 * roles, stated dates, and conflict claims (a conflict left with one value is no conflict). lib/export's
 * scope selection then keeps only the articles the rest cites.
 */
export function subDocument(doc: GraphDocument, sets: ScopeSets, articlePasses?: (id: string) => boolean): GraphDocument {
  const passes = articlePasses ?? (() => true);
  const articles = new Map(doc.articles.map((a) => [a.id, a]));
  const nodes = doc.graph.nodes
    .filter((n) => sets.nodes.has(n.key))
    .map((n) => (articlePasses ? { key: n.key, attributes: restrictNode(n.attributes, passes) } : n));
  const edges = doc.graph.edges.flatMap((e) => {
    if (!sets.edges.has(e.key) || !sets.nodes.has(e.source) || !sets.nodes.has(e.target)) return [];
    const evidence = e.attributes.evidence.filter((ev) => passes(ev.article));
    if (evidence.length === 0) return [];
    if (evidence.length === e.attributes.evidence.length) return [e];
    const attributes: EdgeAttributes = { ...e.attributes, evidence };
    if (attributes.articleCount !== undefined) attributes.articleCount = new Set(evidence.map((ev) => ev.article)).size;
    if (attributes.publisherCount !== undefined) attributes.publisherCount = publisherCount(evidence, articles);
    return [{ ...e, attributes }];
  });
  const conflicts = articlePasses
    ? doc.conflicts
        .map((c) => ({ ...c, claims: c.claims.filter((claim) => passes(claim.evidence.article)) }))
        .filter((c) => new Set(c.claims.map((claim) => claim.value)).size >= 2)
    : doc.conflicts;
  return { ...doc, graph: { ...doc.graph, nodes, edges }, conflicts };
}

/** A file name for a download: `newsgraph-view.gexf`, `newsgraph-selection-person-x.json`… */
export function downloadName(scope: DownloadScope, extension: string, subject: string | null): string {
  const base = ["newsgraph", scope === "focus" ? "focus" : scope, subject ?? ""]
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 100)
    .replace(/-$/, "");
  return `${base}.${extension}`;
}
