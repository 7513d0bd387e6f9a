// Scopes → GraphDocument. Works over the GraphQueries interface, so the same scope exports
// from the in-memory backend (the explorer, the CLI) or from Neo4j. Browser-safe.
//
// Every scope gives a document that parseGraphDocument accepts and the Neo4j loader can load:
// nodes sorted by key, edges by key, every article a kept node or edge cites (mentions,
// evidence, roles, dates, alias sources, conflict claims) and no other (`whole` keeps all),
// and the conflicts about kept nodes.

import type { ArticleMeta, Conflict, EdgeAttributes, GraphDocument, NodeAttributes, SerializedEdge, SerializedNode } from "../contract";
import { createFilterView, normalizeFilters } from "../graph/filters";
import { createMemoryQueries } from "../graph/memory";
import { parseGraphFilters } from "../graph/params";
import type { GraphFilters, GraphQueries } from "../graph/types";
import { MAX_HOPS } from "../graph/utils";
import type { ExportScope } from "./types";
import { compareStrings, ExportError } from "./utils";

const SCOPE_KINDS = ["whole", "filtered", "selection", "neighborhood", "path", "meetings"] as const;

const SCOPE_HELP =
  "whole | filtered[:<filters>] | selection:<key>,<key>… | neighborhood:<key>:<hops> | path:<from>:<to> | meetings:<entity>";

function show(value: string): string {
  return JSON.stringify(value);
}

/** A node key as the contract writes it (`type:slug`). */
const KEY = /^[^\s:,]+:[^\s:,]+$/;

function requireKey(raw: string, scope: string, what: string): string {
  const key = raw.trim();
  if (!KEY.test(key)) {
    throw new ExportError(`scope ${show(scope)}: ${what} must be a node key such as "person:kirill-dmitriev", got ${show(key)}`, "scope");
  }
  return key;
}

function parseFilterQuery(query: string, scope: string, parameter: "scope" | "filters"): GraphFilters {
  try {
    return parseGraphFilters(new URLSearchParams(query));
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^newsgraph\/graph: /, "") : String(error);
    throw new ExportError(parameter === "scope" ? `scope ${show(scope)}: ${message}` : `filters ${show(query)}: ${message}`, parameter);
  }
}

/**
 * Parses a scope as the CLI writes it:
 *
 *   whole
 *   filtered                                   the explorer's default view (typed relations)
 *   filtered:types=Person,Organization&relations=HEADS&minSources=2   (the API's filter parameters)
 *   selection:person:a,org:b,place:c
 *   neighborhood:person:kirill-dmitriev:2      (hops 1–3; `neighbourhood` and a missing hops = 1 work too)
 *   path:person:a:org:b
 *   meetings:person:steve-witkoff
 *
 * `filters` (the API's filter parameters, e.g. "types=Person&comentions=1") apply to the
 * filtered, selection, neighborhood and path scopes.
 * Throws ExportError(`newsgraph/export: unknown scope "x" …`, "scope") and the like.
 */
export function parseScope(text: string, filters?: string): ExportScope {
  const scope = text.trim();
  const colon = scope.indexOf(":");
  const head = (colon < 0 ? scope : scope.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? "" : scope.slice(colon + 1);
  const kind = head === "neighbourhood" ? "neighborhood" : head;
  if (!(SCOPE_KINDS as readonly string[]).includes(kind)) {
    throw new ExportError(`unknown scope ${show(text)}; use ${SCOPE_HELP}`, "scope");
  }
  const extra = filters === undefined || filters.trim() === "" ? undefined : parseFilterQuery(filters, scope, "filters");
  const withFilters = <T extends object>(value: T, own?: GraphFilters): T & { filters?: GraphFilters } => {
    const merged = own || extra ? { ...(own ?? {}), ...(extra ?? {}) } : undefined;
    return merged ? { ...value, filters: merged } : value;
  };

  switch (kind) {
    case "whole":
      if (rest !== "") throw new ExportError(`scope ${show(scope)}: "whole" takes no argument`, "scope");
      if (extra) throw new ExportError(`scope "whole" takes no filters; use "filtered" to export the filtered view`, "filters");
      return { kind: "whole" };
    case "filtered":
      return withFilters({ kind: "filtered" as const }, rest === "" ? undefined : parseFilterQuery(rest, scope, "scope"));
    case "selection": {
      const keys = rest
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key !== "");
      if (keys.length === 0) throw new ExportError(`scope ${show(scope)}: selection needs node keys, e.g. selection:person:a,org:b`, "scope");
      return withFilters({ kind: "selection" as const, keys: [...new Set(keys.map((key) => requireKey(key, scope, "every selected key")))] });
    }
    case "neighborhood": {
      const parts = rest.split(":");
      let hops = 1;
      if (parts.length === 3) {
        const raw = parts.pop()!;
        hops = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) {
          throw new ExportError(`scope ${show(scope)}: hops must be an integer from 1 to ${MAX_HOPS}, got ${show(raw)}`, "scope");
        }
      } else if (parts.length !== 2) {
        throw new ExportError(`scope ${show(scope)}: use neighborhood:<key>:<hops>, e.g. neighborhood:person:kirill-dmitriev:2`, "scope");
      }
      return withFilters({ kind: "neighborhood" as const, key: requireKey(parts.join(":"), scope, "the center"), hops });
    }
    case "path": {
      const parts = rest.split(":");
      if (parts.length !== 4) {
        throw new ExportError(`scope ${show(scope)}: use path:<from>:<to> with two node keys, e.g. path:person:a:org:b`, "scope");
      }
      return withFilters({
        kind: "path" as const,
        from: requireKey(`${parts[0]}:${parts[1]}`, scope, "the start"),
        to: requireKey(`${parts[2]}:${parts[3]}`, scope, "the end"),
      });
    }
    default: {
      if (extra) throw new ExportError(`scope "meetings" takes no filters`, "filters");
      return { kind: "meetings", entity: requireKey(rest, scope, "the entity") };
    }
  }
}

/** The scope written back as a CLI string (filters not included). */
export function formatScope(scope: ExportScope): string {
  switch (scope.kind) {
    case "whole":
    case "filtered":
      return scope.kind;
    case "selection":
      return `selection:${scope.keys.join(",")}`;
    case "neighborhood":
      return `neighborhood:${scope.key}:${scope.hops}`;
    case "path":
      return `path:${scope.from}:${scope.to}`;
    case "meetings":
      return `meetings:${scope.entity}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Assembling a document from kept nodes and edges

function citedArticles(nodes: readonly SerializedNode[], edges: readonly SerializedEdge[], conflicts: readonly Conflict[]): Set<string> {
  const ids = new Set<string>();
  for (const { attributes: a } of nodes) {
    for (const m of a.mentions ?? []) ids.add(m.article);
    for (const r of a.roles ?? []) ids.add(r.evidence.article);
    for (const d of a.dates ?? []) ids.add(d.article);
    if (a.date) ids.add(a.date.article);
    for (const use of a.aliasSources ?? []) for (const id of use.articles) ids.add(id);
  }
  for (const { attributes: a } of edges) for (const e of a.evidence) ids.add(e.article);
  for (const c of conflicts) for (const claim of c.claims) ids.add(claim.evidence.article);
  return ids;
}

/**
 * A GraphDocument of `nodes` and `edges` (taken as they are), the articles they cite (in the
 * order of `base.articles`; ids not in `base` are ignored) and `conflicts`.
 */
function assemble(
  base: GraphDocument,
  nodes: SerializedNode[],
  edges: SerializedEdge[],
  conflicts: Conflict[],
): GraphDocument {
  const cited = citedArticles(nodes, edges, conflicts);
  const articles: ArticleMeta[] = base.articles.filter((article) => cited.has(article.id));
  return structuredClone({
    version: 1,
    articles,
    graph: {
      options: { type: "directed", multi: true, allowSelfLoops: false },
      attributes: { ...base.graph.attributes },
      nodes: [...nodes].sort((a, b) => compareStrings(a.key, b.key)),
      edges: [...edges].sort((a, b) => compareStrings(a.key, b.key)),
    },
    conflicts,
  } satisfies GraphDocument);
}

/** Conflicts about kept nodes, claims restricted to kept articles, kept while two differing values remain. */
function keptConflicts(base: GraphDocument, keys: ReadonlySet<string>, articlePasses: (id: string) => boolean): Conflict[] {
  return base.conflicts
    .filter((conflict) => keys.has(conflict.subject))
    .map((conflict) => ({ ...conflict, claims: conflict.claims.filter((claim) => articlePasses(claim.evidence.article)) }))
    .filter((conflict) => new Set(conflict.claims.map((claim) => claim.value)).size >= 2);
}

/** A filter view over the base document (the same rules as the query backends). */
function viewOf(base: GraphDocument, filters: GraphFilters | undefined) {
  try {
    return createFilterView(normalizeFilters(filters, new Set(base.articles.map((a) => a.id))), base.articles);
  } catch (error) {
    throw new ExportError(error instanceof Error ? error.message : String(error), "filters");
  }
}

/**
 * The GraphDocument of a scope (see ExportScope). Unknown node keys and bad filters throw the
 * query layer's errors (NotFoundError, BadRequestError); a path between unconnected nodes throws
 * ExportError.
 */
export async function selectScope(queries: GraphQueries, scope: ExportScope): Promise<GraphDocument> {
  if (!scope || typeof scope !== "object") throw new ExportError(`scope must be an object such as { kind: "whole" }`, "scope");
  switch (scope.kind) {
    case "whole":
      return structuredClone(await queries.document());

    case "filtered": {
      const sub = await queries.subgraph(scope.filters);
      // subgraph() keeps every article passing the source filters; an export keeps the cited ones.
      return assemble(sub, sub.graph.nodes, sub.graph.edges, sub.conflicts);
    }

    case "selection": {
      if (!Array.isArray(scope.keys) || scope.keys.length === 0) throw new ExportError("a selection needs at least one node key", "keys");
      const base = await queries.document();
      const v = viewOf(base, scope.filters);
      const byKey = new Map(base.graph.nodes.map((node) => [node.key, node]));
      const keys = new Set<string>();
      for (const key of scope.keys) {
        if (!byKey.has(key)) await queries.node(key); // throws the backend's NotFoundError
        keys.add(key);
      }
      const nodes = [...keys].map((key) => {
        const node = byKey.get(key)!;
        return { key, attributes: v.nodeAttributes(node.attributes) };
      });
      const edges: SerializedEdge[] = [];
      for (const edge of base.graph.edges) {
        if (!keys.has(edge.source) || !keys.has(edge.target)) continue;
        const attributes = v.edgeAttributes(edge.attributes);
        if (attributes) edges.push({ ...edge, attributes });
      }
      return assemble(base, nodes, edges, keptConflicts(base, keys, v.articlePasses));
    }

    case "neighborhood": {
      const result = await queries.neighborhood(scope.key, scope.hops, scope.filters);
      const base = await queries.document();
      const v = viewOf(base, scope.filters);
      const nodes = result.nodes.map(({ key, attributes }) => ({ key, attributes }));
      return assemble(base, nodes, result.edges, keptConflicts(base, new Set(nodes.map((n) => n.key)), v.articlePasses));
    }

    case "path": {
      const result = await queries.shortestPath(scope.from, scope.to, scope.filters);
      if (!result) {
        throw new ExportError(`no path from ${show(scope.from)} to ${show(scope.to)} with these filters`, "scope");
      }
      const base = await queries.document();
      const v = viewOf(base, scope.filters);
      const nodeByKey = new Map(base.graph.nodes.map((node) => [node.key, node]));
      const edgeByKey = new Map(base.graph.edges.map((edge) => [edge.key, edge]));
      const keys = new Set(result.nodes.map((node) => node.key));
      const nodes = [...keys].map((key) => ({ key, attributes: v.nodeAttributes(nodeByKey.get(key)!.attributes) }));
      const edges: SerializedEdge[] = result.hops.map((hop) => {
        const edge = edgeByKey.get(hop.edge.key)!;
        // The path only walks edges that pass the filters, so this is never null.
        const attributes = v.edgeAttributes(edge.attributes) as EdgeAttributes;
        return { ...edge, attributes };
      });
      return assemble(base, nodes, edges, keptConflicts(base, keys, v.articlePasses));
    }

    case "meetings": {
      const meetings = await queries.meetingsOf(scope.entity);
      const base = await queries.document();
      const meetingKeys = new Set(meetings.map((meeting) => meeting.key));
      const keys = new Set<string>([scope.entity, ...meetingKeys]);
      for (const meeting of meetings) {
        for (const place of meeting.places) keys.add(place.key);
        for (const participant of meeting.participants) keys.add(participant.key);
      }
      const nodes: SerializedNode[] = base.graph.nodes
        .filter((node) => keys.has(node.key))
        .map((node) => ({ key: node.key, attributes: node.attributes as NodeAttributes }));
      const edges = base.graph.edges.filter(
        (edge) =>
          (edge.attributes.type === "ATTENDED" && meetingKeys.has(edge.target) && keys.has(edge.source)) ||
          (edge.attributes.type === "HELD_IN" && meetingKeys.has(edge.source) && keys.has(edge.target)),
      );
      return assemble(base, nodes, edges, keptConflicts(base, keys, () => true));
    }

    default:
      throw new ExportError(`unknown scope kind ${show(String((scope as { kind?: unknown }).kind))}`, "scope");
  }
}

/** selectScope over a GraphDocument (an in-memory backend made for the call). */
export async function selectScopeFromDocument(doc: GraphDocument, scope: ExportScope): Promise<GraphDocument> {
  return selectScope(createMemoryQueries(doc), scope);
}
