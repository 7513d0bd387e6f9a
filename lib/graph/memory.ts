// The in-memory backend: GraphQueries over a graphology MultiDirectedGraph imported from
// graph.json's serialization. This is the default backend (the explorer needs no server).
//
// Results are built from copies of the attributes, never from the graph's own objects, so a
// caller that mutates a result cannot corrupt the graph shared by later requests.

import { MultiDirectedGraph } from "graphology";
import type { SerializedGraph as GraphologySerializedGraph } from "graphology-types";
import type { ArticleMeta, Conflict, EdgeAttributes, GraphDocument, NodeAttributes, RelationType } from "../contract";
import { buildAdjacency, edgesBetween, neighborhoodIndices, shortestNodePath, traversalFilter, type AdjacencyIndex } from "./adjacency";
import { BadRequestError, NotFoundError } from "./errors";
import { createFilterView, normalizeFilters, type FilterView } from "./filters";
import { rankSearch, searchLimit, searchQuery } from "./search";
import type {
  Claim,
  CoAttendee,
  GraphEdge,
  GraphFilters,
  GraphQueries,
  MeetingSummary,
  NeighborhoodLimits,
  NeighborhoodNode,
  NeighborhoodResult,
  NodeRef,
  NodeRelation,
  PathEdge,
  PathHop,
  RelatedNode,
  RelationGroup,
  SearchHit,
  SourceEntity,
} from "./types";
import {
  compareEvidence,
  compareStrings,
  distinctArticles,
  MAX_HOPS,
  meetingSortDate,
  nodeRef,
  requireInteger,
  show,
  sortEvidence,
  sortRelationGroups,
} from "./utils";

type Graph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/**
 * A deep copy of plain JSON-like data (what every result is made of). Not structuredClone: it
 * goes through V8's serializer and took 7 times as long on a 500-node neighbourhood, where
 * copying was most of the query.
 */
function clone<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = clone(value[i]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = clone((value as Record<string, unknown>)[key]);
  return copy as T;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** Builds the graphology graph from a parsed GraphDocument (see parseGraphDocument). */
export function graphFromDocument(doc: GraphDocument): Graph {
  if (!doc || typeof doc !== "object" || !doc.graph || !Array.isArray(doc.graph.nodes)) {
    const got = doc === null || typeof doc !== "object" ? show(doc) : "an object without graph.nodes";
    throw new BadRequestError(`expected a GraphDocument, got ${got}`, "doc");
  }
  const graph: Graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: false });
  try {
    graph.import(doc.graph as unknown as GraphologySerializedGraph<NodeAttributes, EdgeAttributes>);
  } catch (error) {
    // parseGraphDocument does not catch everything graphology refuses (a self-loop, a
    // duplicate edge key); say so in the module's words.
    throw new BadRequestError(`cannot import the graph: ${error instanceof Error ? error.message : String(error)}`, "doc");
  }
  return graph;
}


/** Checks neighbourhood limits: the center always fits, so at least one node. */
function neighborhoodCaps(limits: NeighborhoodLimits): NeighborhoodLimits {
  if (!limits || typeof limits !== "object") throw new BadRequestError(`limits must be { maxNodes, maxEdges }, got ${show(limits)}`, "limits");
  return {
    maxNodes: requireInteger(limits.maxNodes, "maxNodes", 1, Number.POSITIVE_INFINITY),
    maxEdges: requireInteger(limits.maxEdges, "maxEdges", 0, Number.POSITIVE_INFINITY),
  };
}

/**
 * GraphQueries over an in-memory graphology graph. The queries take ownership of `doc`
 * (graphology keeps its attribute objects): do not change it afterwards.
 */
export function createMemoryQueries(doc: GraphDocument): GraphQueries {
  const graph = graphFromDocument(doc);
  // document() hands out `doc` itself, deep-frozen on first use: the queries own it and never
  // change it (graphology keeps its attribute objects, and nothing here sets an attribute), and a
  // frozen object fails loudly if a caller tries to. A copy would cost a second graph's memory
  // (300 MB and 2.5 s for a 10,000-article build).
  let documentSnapshot: GraphDocument | null = null;
  // The traversals' index (lib/graph/adjacency.ts), built on the first neighbourhood or path
  // query for the same reason: a graph loaded for the explorer alone never needs it.
  let adjacency: AdjacencyIndex | null = null;
  const traversalIndex = (): AdjacencyIndex => (adjacency ??= buildAdjacency(graph));
  // search() ranks every node on each call; one list instead of one per call.
  let searchNodes: Array<{ key: string; attributes: NodeAttributes }> | null = null;
  const articlesById = new Map<string, ArticleMeta>(doc.articles.map((article) => [article.id, article]));
  const articleIds = new Set(articlesById.keys());
  const conflictsBySubject = new Map<string, Conflict[]>();
  for (const conflict of doc.conflicts) {
    const list = conflictsBySubject.get(conflict.subject) ?? [];
    list.push(conflict);
    conflictsBySubject.set(conflict.subject, list);
  }

  function requireNode(key: unknown, parameter = "key"): string {
    if (typeof key !== "string" || key.length === 0) {
      throw new BadRequestError(`${parameter} must be a node key such as "person:kirill-dmitriev", got ${show(key)}`, parameter);
    }
    if (!graph.hasNode(key)) throw new NotFoundError(`unknown node ${show(key)}`);
    return key;
  }

  function requireEntity(key: unknown, parameter: string): string {
    requireNode(key, parameter);
    const attributes = graph.getNodeAttributes(key as string);
    if (attributes.type === "Meeting") {
      throw new BadRequestError(`${parameter} must be an entity, not a Meeting, got ${show(key)}`, parameter);
    }
    return key as string;
  }

  function view(filters: GraphFilters | undefined): FilterView {
    return createFilterView(normalizeFilters(filters, articleIds), articlesById);
  }

  function ref(key: string): NodeRef {
    return nodeRef(key, graph.getNodeAttributes(key));
  }

  /** The caller clones the finished result once, so this may share the graph's objects. */
  function serializedEdge(key: string, attributes: EdgeAttributes): GraphEdge {
    return {
      key,
      source: graph.source(key),
      target: graph.target(key),
      attributes,
    };
  }

  /** Per-call memo of filtered edge attributes (each edge is seen from both ends). */
  function edgeFilter(v: FilterView): (edge: string) => EdgeAttributes | null {
    const memo = new Map<string, EdgeAttributes | null>();
    return (edge) => {
      let value = memo.get(edge);
      if (value === undefined) {
        value = v.edgeAttributes(graph.getEdgeAttributes(edge));
        memo.set(edge, value);
      }
      return value;
    };
  }

  function rankPathEdge(edgeOf: (edge: string) => EdgeAttributes | null) {
    return (a: string, b: string): number => {
      const ea = edgeOf(a)!;
      const eb = edgeOf(b)!;
      const coA = ea.type === "CO_MENTIONED" ? 1 : 0;
      const coB = eb.type === "CO_MENTIONED" ? 1 : 0;
      return coA - coB || distinctArticles(eb.evidence) - distinctArticles(ea.evidence) || compareStrings(a, b);
    };
  }

  function relatedNodes(meeting: string, type: RelationType, side: "in" | "out"): RelatedNode[] {
    const byKey = new Map<string, RelatedNode>();
    const visit = (edge: string, attributes: EdgeAttributes, source: string, target: string) => {
      if (attributes.type !== type) return;
      const other = side === "out" ? target : source;
      const existing = byKey.get(other);
      if (existing) existing.evidence.push(...clone(attributes.evidence));
      else byKey.set(other, { ...ref(other), evidence: clone(attributes.evidence) });
    };
    if (side === "out") graph.forEachOutEdge(meeting, visit);
    else graph.forEachInEdge(meeting, visit);
    return [...byKey.values()]
      .map((item) => ({ ...item, evidence: sortEvidence(item.evidence) }))
      .sort((a, b) => compareStrings(a.key, b.key));
  }

  async function meetingsOf(entity: string): Promise<MeetingSummary[]> {
    requireEntity(entity, "entity");
    const attendance = new Map<string, EdgeAttributes["evidence"]>();
    graph.forEachOutEdge(entity, (_edge, attributes, _source, target) => {
      if (attributes.type !== "ATTENDED" || graph.getNodeAttribute(target, "type") !== "Meeting") return;
      attendance.set(target, [...(attendance.get(target) ?? []), ...attributes.evidence]);
    });
    const meetings = [...attendance.entries()].map(([meeting, evidence]): MeetingSummary => {
      const attributes = graph.getNodeAttributes(meeting);
      const summary: MeetingSummary = {
        key: meeting,
        label: attributes.label,
        date: clone(attributes.date ?? null),
        dates: clone(attributes.dates ?? (attributes.date ? [attributes.date] : [])),
        places: relatedNodes(meeting, "HELD_IN", "out"),
        participants: relatedNodes(meeting, "ATTENDED", "in"),
        evidence: sortEvidence(evidence),
      };
      if (attributes.description !== undefined) summary.description = attributes.description;
      return summary;
    });
    return meetings.sort(
      (a, b) =>
        compareStrings(meetingSortDate(graph.getNodeAttributes(a.key)), meetingSortDate(graph.getNodeAttributes(b.key))) ||
        compareStrings(a.key, b.key),
    );
  }

  const queries: GraphQueries = {
    backend: "memory",

    async document() {
      documentSnapshot ??= deepFreeze(doc);
      return documentSnapshot;
    },

    async subgraph(filters) {
      const v = view(filters);
      const candidates = new Set<string>();
      graph.forEachNode((key, attributes) => {
        if (v.nodePasses(attributes)) candidates.add(key);
      });
      const edges: GraphEdge[] = [];
      const touched = new Set<string>();
      graph.forEachEdge((key, attributes, source, target) => {
        if (!candidates.has(source) || !candidates.has(target)) return;
        const kept = v.edgeAttributes(attributes);
        if (!kept) return;
        edges.push(serializedEdge(key, kept));
        touched.add(source);
        touched.add(target);
      });
      const nodes = [...candidates]
        .filter((key) => !v.sourceFiltered || touched.has(key) || v.nodeMentioned(graph.getNodeAttributes(key)))
        .sort(compareStrings)
        .map((key) => ({ key, attributes: v.nodeAttributes(graph.getNodeAttributes(key)) }));
      const kept = new Set(nodes.map((node) => node.key));
      const conflicts = doc.conflicts
        .filter((conflict) => kept.has(conflict.subject))
        .map((conflict) => ({ ...conflict, claims: conflict.claims.filter((claim) => v.articlePasses(claim.evidence.article)) }))
        .filter((conflict) => new Set(conflict.claims.map((claim) => claim.value)).size >= 2);
      return clone({
        version: 1,
        articles: doc.articles.filter((article) => v.articlePasses(article.id)),
          graph: {
          options: doc.graph.options,
          attributes: doc.graph.attributes,
          nodes,
          edges: edges.sort((a, b) => compareStrings(a.key, b.key)),
        },
        conflicts,
      });
    },

    async node(key) {
      requireNode(key);
      const groups = new Map<string, RelationGroup>();
      graph.forEachEdge(key, (edge, attributes, source, target) => {
        const direction = source === key ? "out" : "in";
        const other = direction === "out" ? target : source;
        const relation: NodeRelation = {
          key: edge,
          type: attributes.type,
          direction,
          other: ref(other),
          articleCount: distinctArticles(attributes.evidence),
          evidence: sortEvidence(attributes.evidence),
        };
        if (attributes.note !== undefined) relation.note = attributes.note;
        const groupKey = `${attributes.type}|${direction}`;
        const group = groups.get(groupKey) ?? { type: attributes.type, direction, relations: [] };
        group.relations.push(relation);
        groups.set(groupKey, group);
      });
      const relations = sortRelationGroups(groups.values());
      return {
        key,
        attributes: clone(graph.getNodeAttributes(key)),
        relations,
        conflicts: clone(conflictsBySubject.get(key) ?? []),
      };
    },

    async neighborhood(key, hops, filters, limits) {
      requireNode(key);
      requireInteger(hops, "hops", 1, MAX_HOPS);
      const caps = limits === undefined ? undefined : neighborhoodCaps(limits);
      const v = view(filters);
      const index = traversalIndex();
      // Synchronous from the filter to the last read of the index (see Scratch).
      const found = neighborhoodIndices(index, traversalFilter(index, v), index.indexOf(key), hops, caps);
      const nodes: NeighborhoodNode[] = found.nodes.map((node, i) => ({
        key: index.nodeKeys[node]!,
        attributes: v.nodeAttributes(index.nodeAttributes[node]!),
        distance: found.distances[i]!,
      }));
      const edges: GraphEdge[] = found.edges.map((edge) => ({
        key: index.edgeKeys[edge]!,
        source: index.nodeKeys[index.edgeSource[edge]!]!,
        target: index.nodeKeys[index.edgeTarget[edge]!]!,
        // Not null: the traversal kept only passing edges.
        attributes: v.edgeAttributes(index.edgeAttributes[edge]!)!,
      }));
      const result: NeighborhoodResult = { center: key, hops, nodes, edges };
      if (caps) result.truncated = found.truncated;
      return clone(result);
    },

    async shortestPath(from, to, filters) {
      requireNode(from, "from");
      requireNode(to, "to");
      const v = view(filters);
      if (from === to) return { from, to, length: 0, nodes: [ref(from)], hops: [] };
      const index = traversalIndex();
      // Synchronous from the filter to the last read of the index (see Scratch). Intermediate
      // nodes obey the node filters; the two ends are always allowed.
      const filter = traversalFilter(index, v);
      const route = shortestNodePath(index, filter, index.indexOf(from), index.indexOf(to));
      if (!route) return null;
      const edgeOf = edgeFilter(v);
      const rank = rankPathEdge(edgeOf);
      const hops: PathHop[] = [];
      for (let i = 1; i < route.length; i++) {
        const previous = index.nodeKeys[route[i - 1]!]!;
        const node = index.nodeKeys[route[i]!]!;
        const parallel = edgesBetween(index, filter, route[i - 1]!, route[i]!).map((edge) => index.edgeKeys[edge]!);
        const edge = parallel.sort(rank)[0]!;
        const attributes = edgeOf(edge)!;
        const pathEdge: PathEdge = {
          key: edge,
          type: attributes.type,
          source: graph.source(edge),
          target: graph.target(edge),
          direction: graph.source(edge) === previous ? "forward" : "backward",
          articleCount: distinctArticles(attributes.evidence),
          evidence: sortEvidence(attributes.evidence),
        };
        if (attributes.note !== undefined) pathEdge.note = attributes.note;
        hops.push({ from: previous, to: node, edge: pathEdge });
      }
      return { from, to, length: hops.length, nodes: [ref(from), ...hops.map((hop) => ref(hop.to))], hops };
    },

    meetingsOf,

    async coAttendees(entity) {
      const meetings = await meetingsOf(entity);
      const shared = new Map<string, NodeRef[]>();
      for (const meeting of meetings) {
        for (const participant of meeting.participants) {
          if (participant.key === entity) continue;
          const list = shared.get(participant.key) ?? [];
          list.push({ key: meeting.key, type: "Meeting", label: meeting.label });
          shared.set(participant.key, list);
        }
      }
      return [...shared.entries()]
        .map(([key, list]): CoAttendee => ({ ...ref(key), meetings: list.sort((a, b) => compareStrings(a.key, b.key)) }))
        .sort((a, b) => b.meetings.length - a.meetings.length || compareStrings(a.key, b.key));
    },

    async entitiesBySource(article) {
      if (typeof article !== "string" || article.length === 0) {
        throw new BadRequestError(`article must be an article id, got ${show(article)}`, "article");
      }
      const meta = articlesById.get(article);
      if (!meta) throw new NotFoundError(`unknown article ${show(article)}`);
      const found = new Map<string, SourceEntity>();
      const entry = (key: string): SourceEntity => {
        let item = found.get(key);
        if (!item) {
          item = { ...ref(key), mentions: [], relations: 0, firstOffset: Number.POSITIVE_INFINITY };
          found.set(key, item);
        }
        return item;
      };
      graph.forEachNode((key, attributes) => {
        for (const mention of attributes.mentions) {
          if (mention.article !== article) continue;
          const item = entry(key);
          item.mentions.push({ ...mention });
          item.firstOffset = Math.min(item.firstOffset, mention.start);
        }
      });
      // Reading order is where the article names the node; a node it only evidences (no
      // recorded mention) is placed at its first supporting passage.
      const evidenced = new Map<string, number>();
      graph.forEachEdge((_edge, attributes, source, target) => {
        const local = attributes.evidence.filter((evidence) => evidence.article === article);
        if (local.length === 0) return;
        const first = local.reduce((min, evidence) => Math.min(min, evidence.start), Infinity);
        for (const key of [source, target]) {
          const item = entry(key);
          if (attributes.type !== "CO_MENTIONED") item.relations += 1;
          evidenced.set(key, Math.min(evidenced.get(key) ?? Number.POSITIVE_INFINITY, first));
        }
      });
      for (const [key, first] of evidenced) {
        const item = entry(key);
        if (item.mentions.length === 0) item.firstOffset = first;
      }
      const entities = [...found.values()]
        .map((item) => ({ ...item, mentions: item.mentions.sort(compareEvidence) }))
        .sort((a, b) => a.firstOffset - b.firstOffset || compareStrings(a.key, b.key));
      return { article: clone(meta), entities };
    },

    async claimsWithFewerThan(n) {
      requireInteger(n, "n", 1, Number.POSITIVE_INFINITY);
      const claims: Claim[] = [];
      graph.forEachEdge((edge, attributes, source, target) => {
        if (attributes.type === "CO_MENTIONED") return;
        const articleCount = distinctArticles(attributes.evidence);
        if (articleCount >= n) return;
        const claim: Claim = {
          key: edge,
          type: attributes.type,
          source: ref(source),
          target: ref(target),
          articleCount,
          evidence: sortEvidence(attributes.evidence),
        };
        if (attributes.note !== undefined) claim.note = attributes.note;
        claims.push(claim);
      });
      return claims.sort((a, b) => a.articleCount - b.articleCount || compareStrings(a.key, b.key));
    },

    async search(text, limit): Promise<SearchHit[]> {
      const query = searchQuery(text);
      const max = searchLimit(limit);
      searchNodes ??= graph.mapNodes((key, attributes) => ({ key, attributes }));
      return rankSearch(query, searchNodes, max);
    },
  };
  return queries;
}
