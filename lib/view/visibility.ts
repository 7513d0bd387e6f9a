// Which nodes and edges pass the filters, and the counts the explorer shows. A pure function of the
// data graph and FilterState: the reducers draw what it says (hidden or faded), the panels count with it.
//
// The rules (close to lib/graph's GraphFilters, with the date window made explicit):
// - Entity types switched off: their nodes, and every edge touching them, are out.
// - Relation types: only typed relations of the listed types (empty list: all). CO_MENTIONED follows
//   `showCoMentions` alone.
// - Source filters (articles, publishers, and a publication-date window): an edge keeps only the evidence
//   from passing articles and is out when none is left; a node is kept when an article that passes
//   mentions it or one of its edges is kept. Undated articles pass a publication window when
//   `includeUndated`.
// - Event-date window: meetings whose stated dates all fall outside the window are out; undated meetings
//   stay when `includeUndated`. (Other entities carry no event date.)
// - minSources: edges need that many distinct supporting articles (after the source filters).
// - disputedOnly: only the nodes and edges of the conflicts (see disputedElements).
// - hideIsolated: nodes left without any kept edge are out.
import { foldText } from "../contract/utils";
import { NODE_TYPES, RELATION_TYPES, type ArticleMeta, type NodeType, type RelationType } from "../contract/types";
import { statedDates, statedRange } from "../graph/utils";
import { CO_MENTIONED, type DataGraph } from "./graphs";
import type { FilterState } from "./state";

export interface Disputed {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** What the filters need besides the graph; built once per loaded document. */
export interface FilterContext {
  data: DataGraph;
  articles: ReadonlyMap<string, ArticleMeta>;
  disputed: Disputed;
}

export interface VisibilityCounts {
  nodes: number;
  relations: number;
  coMentions: number;
  byNodeType: Record<NodeType, number>;
  /** Per relation type: edges that pass every filter but the relation-type one (what choosing that type would show). */
  byRelationType: Record<RelationType, number>;
}

export interface Visibility {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
  /** Distinct supporting articles of each kept edge, counted over the evidence the source filters keep. */
  edgeSources: ReadonlyMap<string, number>;
  counts: VisibilityCounts;
  /** Does an article pass the source filters? */
  articlePasses: (id: string) => boolean;
}

/** ISO day ranges a meeting states (normalized dates only). */
export function meetingRanges(attributes: Parameters<typeof statedDates>[0]): { start: string; end: string }[] {
  return statedDates(attributes)
    .map(statedRange)
    .filter((r): r is { start: string; end: string } => r !== null);
}

function windowOverlaps(range: { start: string; end: string }, from: string | null, to: string | null): boolean {
  return (!to || range.start <= to) && (!from || range.end >= from);
}

export function articlePredicate(articles: ReadonlyMap<string, ArticleMeta>, filters: FilterState): { sourceFiltered: boolean; passes: (id: string) => boolean } {
  const byArticle = filters.articles.length > 0 ? new Set(filters.articles) : null;
  const byPublisher = filters.publishers.length > 0 ? new Set(filters.publishers.map(foldText)) : null;
  const window = filters.dateField === "publication" && (filters.dateFrom !== null || filters.dateTo !== null);
  const sourceFiltered = byArticle !== null || byPublisher !== null || window;
  const cache = new Map<string, boolean>();
  const passes = (id: string): boolean => {
    if (!sourceFiltered) return true;
    let pass = cache.get(id);
    if (pass !== undefined) return pass;
    const meta = articles.get(id);
    pass = true;
    if (byArticle && !byArticle.has(id)) pass = false;
    if (pass && byPublisher) pass = !!meta?.publisher && byPublisher.has(foldText(meta.publisher));
    if (pass && window) {
      const date = meta?.date?.slice(0, 10) ?? null;
      pass = date === null ? filters.includeUndated : windowOverlaps({ start: date, end: date }, filters.dateFrom, filters.dateTo);
    }
    cache.set(id, pass);
    return pass;
  };
  return { sourceFiltered, passes };
}

function zeroCounts<T extends string>(keys: readonly T[]): Record<T, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
}

export function computeVisibility(ctx: FilterContext, filters: FilterState): Visibility {
  const { data, disputed } = ctx;
  const { sourceFiltered, passes: articlePasses } = articlePredicate(ctx.articles, filters);
  const hiddenTypes = new Set(filters.hiddenNodeTypes);
  const onlyRelations = filters.relationTypes.length > 0 ? new Set<string>(filters.relationTypes) : null;
  const eventWindow = filters.dateField === "event" && (filters.dateFrom !== null || filters.dateTo !== null);

  const candidate = new Set<string>();
  data.forEachNode((key, a) => {
    if (hiddenTypes.has(a.type)) return;
    if (filters.disputedOnly && !disputed.nodes.has(key)) return;
    if (eventWindow && a.type === "Meeting") {
      const ranges = meetingRanges(a);
      if (ranges.length === 0 ? !filters.includeUndated : !ranges.some((r) => windowOverlaps(r, filters.dateFrom, filters.dateTo))) return;
    }
    candidate.add(key);
  });

  const edges = new Set<string>();
  const edgeSources = new Map<string, number>();
  const touched = new Set<string>();
  const byRelationType = zeroCounts(RELATION_TYPES);
  let relations = 0;
  let coMentions = 0;
  data.forEachEdge((key, e, source, target) => {
    if (!candidate.has(source) || !candidate.has(target)) return;
    const co = e.type === CO_MENTIONED;
    if (co && !filters.showCoMentions) return;
    if (filters.disputedOnly && !disputed.edges.has(key)) return;
    const evidence = e.evidence ?? [];
    const kept = sourceFiltered ? evidence.filter((ev) => articlePasses(ev.article)) : evidence;
    if (kept.length === 0 && evidence.length > 0) return;
    const sources = new Set(kept.map((ev) => ev.article)).size;
    if (sources < filters.minSources) return;
    if (!co) byRelationType[e.type as RelationType] += 1;
    if (!co && onlyRelations && !onlyRelations.has(e.type)) return;
    edges.add(key);
    edgeSources.set(key, sources);
    touched.add(source);
    touched.add(target);
    if (co) coMentions++;
    else relations++;
  });

  const nodes = new Set<string>();
  const byNodeType = zeroCounts(NODE_TYPES);
  for (const key of candidate) {
    const touches = touched.has(key);
    if (filters.hideIsolated && !touches) continue;
    if (sourceFiltered && !touches && !(data.getNodeAttribute(key, "mentions") ?? []).some((m) => articlePasses(m.article))) continue;
    nodes.add(key);
    byNodeType[data.getNodeAttribute(key, "type")] += 1;
  }

  return {
    nodes,
    edges,
    edgeSources,
    counts: { nodes: nodes.size, relations, coMentions, byNodeType, byRelationType },
    articlePasses,
  };
}

/** What is drawn once the neighbourhood (if any) restricts the filtered graph: nodes, relations, co-mentions. */
export function drawnCounts(
  data: DataGraph,
  visibility: Visibility,
  neighbourhood: ReadonlyMap<string, number> | null,
): { nodes: number; relations: number; coMentions: number } {
  if (!neighbourhood) return { nodes: visibility.counts.nodes, relations: visibility.counts.relations, coMentions: visibility.counts.coMentions };
  let nodes = 0;
  for (const key of neighbourhood.keys()) if (visibility.nodes.has(key)) nodes++;
  let relations = 0;
  let coMentions = 0;
  for (const edge of visibility.edges) {
    if (!neighbourhood.has(data.source(edge)) || !neighbourhood.has(data.target(edge))) continue;
    if (data.getEdgeAttribute(edge, "type") === CO_MENTIONED) coMentions++;
    else relations++;
  }
  return { nodes, relations, coMentions };
}
