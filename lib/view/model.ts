// Everything the explorer derives once per loaded GraphDocument: the data graph, the render graph, the
// search index, and the lists the panels show (meetings, conflicts, publishers). Pure: no React, no sigma.
import { NODE_TYPES, RELATION_TYPES, type ArticleMeta, type GraphDocument, type NodeType, type RelationType } from "../contract/types";
import { conflictCounts, conflictViews, disputedElements, type ConflictView } from "./conflicts";
import { articleIndex, type ArticleIndex } from "./details";
import { buildDataGraph, buildRenderGraph, graphCounts, type DataGraph, type RenderGraph } from "./graphs";
import { meetingList, type MeetingView } from "./meetings";
import { buildSearchIndex, type SearchEntry } from "./search";
import type { Disputed, FilterContext } from "./visibility";

export interface Hub {
  key: string;
  label: string;
  type: NodeType;
  degree: number;
}

export interface ExplorerModel {
  doc: GraphDocument;
  data: DataGraph;
  render: RenderGraph;
  search: SearchEntry[];
  articles: ArticleIndex;
  /** Articles in document order. */
  articleList: readonly ArticleMeta[];
  /** Distinct publishers named by the articles, sorted. */
  publishers: string[];
  counts: { nodes: number; relations: number; coMentions: number };
  typeCounts: Record<NodeType, number>;
  relationCounts: Record<RelationType, number>;
  /** The best connected nodes (the intro's shortcuts). */
  hubs: Hub[];
  meetings: MeetingView[];
  conflicts: ConflictView[];
  conflictCounts: ReadonlyMap<string, number>;
  disputed: Disputed;
  filterContext: FilterContext;
}

export function buildModel(doc: GraphDocument): ExplorerModel {
  const data = buildDataGraph(doc);
  const render = buildRenderGraph(data);
  const articles = articleIndex(doc.articles);
  const search = buildSearchIndex(
    data.mapNodes((key, a) => ({ key, label: a.label, aliases: a.aliases, type: a.type, degree: render.getNodeAttribute(key, "degree") })),
  );
  const typeCounts = Object.fromEntries(NODE_TYPES.map((t) => [t, 0])) as Record<NodeType, number>;
  data.forEachNode((_k, a) => {
    typeCounts[a.type] = (typeCounts[a.type] ?? 0) + 1;
  });
  const relationCounts = Object.fromEntries(RELATION_TYPES.map((t) => [t, 0])) as Record<RelationType, number>;
  data.forEachEdge((_k, e) => {
    if (e.type !== "CO_MENTIONED") relationCounts[e.type] = (relationCounts[e.type] ?? 0) + 1;
  });
  const hubs = render
    .mapNodes((key, a) => ({ key, label: a.label, type: a.nodeType, degree: a.degree }))
    .filter((h) => h.degree > 0)
    .sort((x, y) => y.degree - x.degree || x.label.localeCompare(y.label))
    .slice(0, 8);
  const publishers = [...new Set(doc.articles.map((a) => a.publisher?.trim()).filter((p): p is string => !!p))].sort((a, b) => a.localeCompare(b));
  const disputed = disputedElements(data, doc.conflicts);
  return {
    doc,
    data,
    render,
    search,
    articles,
    articleList: doc.articles,
    publishers,
    counts: graphCounts(data),
    typeCounts,
    relationCounts,
    hubs,
    meetings: meetingList(data, articles),
    conflicts: conflictViews(data, articles, doc.conflicts),
    conflictCounts: conflictCounts(doc.conflicts.filter((c) => data.hasNode(c.subject))),
    disputed,
    filterContext: { data, articles, disputed },
  };
}
