// What the side panel shows for a node: its facts, and its relations grouped by type and direction,
// each relation with the passages that support it and the article each passage comes from.
import { RELATION_TYPES, type ArticleMeta, type EdgeType, type Evidence, type NodeType, type StatedDate } from "../contract/types";
import { CO_MENTIONED, type DataGraph } from "./graphs";
import { RELATION_PHRASES } from "./style";

export interface ArticleRef {
  id: string;
  /** Title when the article has one, else its id. */
  name: string;
  publisher: string | null;
  date: string | null;
  url: string | null;
}

export interface EvidenceView extends Evidence {
  articleRef: ArticleRef;
}

export interface RelationView {
  edge: string;
  other: { key: string; label: string; type: NodeType };
  note: string | null;
  evidence: EvidenceView[];
  /** Distinct articles and publishers supporting the relation. */
  articleCount: number;
  publisherCount: number;
}

export interface RelationGroup {
  /** Stable id, e.g. "HEADS:out". */
  id: string;
  type: EdgeType;
  direction: "out" | "in" | "both";
  title: string;
  relations: RelationView[];
}

export interface DateView {
  text: string;
  start: string | null;
  end: string | null;
  articles: ArticleRef[];
}

export interface NodeDetails {
  key: string;
  label: string;
  type: NodeType;
  aliases: string[];
  roles: { role: string; evidence: EvidenceView }[];
  date: StatedDate | null;
  /** Meeting dates as stated, one entry per distinct statement, with the articles stating it. */
  dates: DateView[];
  description: string | null;
  /** Distinct articles that mention the node. */
  articles: ArticleRef[];
  /** Each mentioning article with its first mention (opens the article at the name). */
  sources: { article: ArticleRef; start: number; end: number; mentions: number }[];
  groups: RelationGroup[];
  /** Co-mentions left out because the layer is off. */
  hiddenCoMentions: number;
}

export type ArticleIndex = ReadonlyMap<string, ArticleMeta>;

export function articleIndex(articles: readonly ArticleMeta[]): Map<string, ArticleMeta> {
  return new Map(articles.map((a) => [a.id, a]));
}

export function articleRef(articles: ArticleIndex, id: string): ArticleRef {
  const meta = articles.get(id);
  return {
    id,
    name: meta?.title?.trim() ? meta.title.trim() : id,
    publisher: meta?.publisher ?? null,
    date: meta?.date ?? null,
    url: meta?.url ?? null,
  };
}

const TYPE_ORDER: EdgeType[] = [...RELATION_TYPES, CO_MENTIONED];

function distinctPublishers(evidence: readonly EvidenceView[]): number {
  // An article with no publisher counts as its own publisher (the contract's rule).
  return new Set(evidence.map((e) => (e.articleRef.publisher ? `p:${e.articleRef.publisher}` : `a:${e.article}`))).size;
}

/** Stated dates, one entry per distinct statement (text and normalized range), with the articles stating it. */
export function groupDates(dates: readonly StatedDate[], articles: ArticleIndex): DateView[] {
  const byStatement = new Map<string, { text: string; start: string | null; end: string | null; ids: Set<string> }>();
  for (const d of dates) {
    const id = `${d.text}\u0000${d.start ?? ""}\u0000${d.end ?? ""}`;
    const entry = byStatement.get(id) ?? { text: d.text, start: d.start, end: d.end, ids: new Set<string>() };
    entry.ids.add(d.article);
    byStatement.set(id, entry);
  }
  return [...byStatement.values()].map((e) => ({
    text: e.text,
    start: e.start,
    end: e.end,
    articles: [...e.ids].sort().map((id) => articleRef(articles, id)),
  }));
}

export function nodeDetails(
  graph: DataGraph,
  articles: ArticleIndex,
  key: string,
  options: { showCoMentions?: boolean } = {},
): NodeDetails | null {
  if (!graph.hasNode(key)) return null;
  const a = graph.getNodeAttributes(key);
  const groups = new Map<string, RelationGroup>();
  let hiddenCoMentions = 0;

  graph.forEachEdge(key, (edge, e, source, target) => {
    const type = e.type;
    if (type === CO_MENTIONED && !options.showCoMentions) {
      hiddenCoMentions++;
      return;
    }
    const phrases = RELATION_PHRASES[type] ?? { out: type, in: type };
    const direction: RelationGroup["direction"] = phrases.symmetric ? "both" : source === key ? "out" : "in";
    const id = `${type}:${direction}`;
    let group = groups.get(id);
    if (!group) {
      group = { id, type, direction, title: direction === "in" ? phrases.in : phrases.out, relations: [] };
      groups.set(id, group);
    }
    const otherKey = source === key ? target : source;
    const o = graph.getNodeAttributes(otherKey);
    const evidence = (e.evidence ?? []).map((ev) => ({ ...ev, articleRef: articleRef(articles, ev.article) }));
    evidence.sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : x.start - y.start));
    group.relations.push({
      edge,
      other: { key: otherKey, label: o.label, type: o.type },
      note: e.note ?? null,
      evidence,
      articleCount: e.articleCount ?? new Set(evidence.map((ev) => ev.article)).size,
      publisherCount: e.publisherCount ?? distinctPublishers(evidence),
    });
  });

  const ordered = [...groups.values()].sort((x, y) => {
    const t = TYPE_ORDER.indexOf(x.type) - TYPE_ORDER.indexOf(y.type);
    if (t !== 0) return t;
    const order = { out: 0, both: 1, in: 2 };
    return order[x.direction] - order[y.direction];
  });
  for (const group of ordered) {
    group.relations.sort(
      (x, y) => y.evidence.length - x.evidence.length || x.other.label.localeCompare(y.other.label) || (x.edge < y.edge ? -1 : 1),
    );
  }

  const mentionArticles = [...new Set((a.mentions ?? []).map((m) => m.article))].sort();
  const firstMention = new Map<string, { start: number; end: number; mentions: number }>();
  for (const m of a.mentions ?? []) {
    const seen = firstMention.get(m.article);
    if (!seen) firstMention.set(m.article, { start: m.start, end: m.end, mentions: 1 });
    else {
      seen.mentions++;
      if (m.start < seen.start) Object.assign(seen, { start: m.start, end: m.end });
    }
  }
  return {
    key,
    label: a.label,
    type: a.type,
    aliases: (a.aliases ?? []).filter((alias) => alias !== a.label),
    roles: (a.roles ?? []).map((r) => ({ role: r.role, evidence: { ...r.evidence, articleRef: articleRef(articles, r.evidence.article) } })),
    date: a.date ?? null,
    dates: groupDates(a.dates?.length ? a.dates : a.date ? [a.date] : [], articles),
    description: a.description ?? null,
    articles: mentionArticles.map((id) => articleRef(articles, id)),
    sources: mentionArticles.map((id) => ({ article: articleRef(articles, id), ...firstMention.get(id)! })),
    groups: ordered,
    hiddenCoMentions,
  };
}

export interface EdgeDetails {
  key: string;
  type: EdgeType;
  /** "Heads", "Attended"… as read from the source's side. */
  phrase: string;
  source: { key: string; label: string; type: NodeType };
  target: { key: string; label: string; type: NodeType };
  note: string | null;
  evidence: EvidenceView[];
  articleCount: number;
  publisherCount: number;
}

/** What the side panel shows for a selected edge: both ends, the relation, and every supporting passage. */
export function edgeDetails(graph: DataGraph, articles: ArticleIndex, key: string): EdgeDetails | null {
  if (!graph.hasEdge(key)) return null;
  const e = graph.getEdgeAttributes(key);
  const ref = (node: string) => {
    const a = graph.getNodeAttributes(node);
    return { key: node, label: a.label, type: a.type };
  };
  const evidence = (e.evidence ?? [])
    .map((ev) => ({ ...ev, articleRef: articleRef(articles, ev.article) }))
    .sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : x.start - y.start));
  return {
    key,
    type: e.type,
    phrase: (RELATION_PHRASES[e.type] ?? { out: e.type }).out,
    source: ref(graph.source(key)),
    target: ref(graph.target(key)),
    note: e.note ?? null,
    evidence,
    articleCount: e.articleCount ?? new Set(evidence.map((ev) => ev.article)).size,
    publisherCount: e.publisherCount ?? distinctPublishers(evidence),
  };
}
