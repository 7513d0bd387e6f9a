// The conflicts lens: every conflict with its competing claims (grouped by value, each with its article and
// quote), and the nodes and edges "show only disputed facts" keeps.
import { foldText } from "../contract/utils";
import type { Conflict, EdgeType, Evidence, NodeType } from "../contract/types";
import { articleRef, type ArticleIndex, type EvidenceView } from "./details";
import type { DataGraph } from "./graphs";
import type { Disputed } from "./visibility";

export interface ClaimGroup {
  /** The value as the first article stating it wrote it. */
  value: string;
  claims: EvidenceView[];
  /** Distinct articles stating this value. */
  articleCount: number;
}

export interface ConflictView {
  /** Stable id: `subject|field`. */
  id: string;
  subject: { key: string; label: string; type: NodeType } | null;
  subjectKey: string;
  field: string;
  values: ClaimGroup[];
}

function evidenceView(articles: ArticleIndex, ev: Evidence): EvidenceView {
  return { ...ev, articleRef: articleRef(articles, ev.article) };
}

/** Conflicts sorted by subject label, then field; claims grouped by (folded) value, most-stated first. */
export function conflictViews(data: DataGraph, articles: ArticleIndex, conflicts: readonly Conflict[]): ConflictView[] {
  const byId = new Map<string, ConflictView>();
  for (const conflict of conflicts) {
    const id = `${conflict.subject}|${conflict.field}`;
    let view = byId.get(id);
    if (!view) {
      const attributes = data.hasNode(conflict.subject) ? data.getNodeAttributes(conflict.subject) : null;
      view = {
        id,
        subjectKey: conflict.subject,
        subject: attributes ? { key: conflict.subject, label: attributes.label, type: attributes.type } : null,
        field: conflict.field,
        values: [],
      };
      byId.set(id, view);
    }
    for (const claim of conflict.claims) {
      const folded = foldText(claim.value);
      let group = view.values.find((g) => foldText(g.value) === folded);
      if (!group) {
        group = { value: claim.value, claims: [], articleCount: 0 };
        view.values.push(group);
      }
      if (!group.claims.some((c) => c.article === claim.evidence.article && c.start === claim.evidence.start && c.end === claim.evidence.end)) {
        group.claims.push(evidenceView(articles, claim.evidence));
      }
    }
  }
  const views = [...byId.values()];
  for (const view of views) {
    for (const group of view.values) {
      group.claims.sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start));
      group.articleCount = new Set(group.claims.map((c) => c.article)).size;
    }
    view.values.sort((a, b) => b.articleCount - a.articleCount || a.value.localeCompare(b.value));
  }
  return views.sort(
    (a, b) => (a.subject?.label ?? a.subjectKey).localeCompare(b.subject?.label ?? b.subjectKey) || a.field.localeCompare(b.field),
  );
}

/** Edge types that carry a disputed field of the subject (a meeting's place is its HELD_IN edges…). */
const FIELD_EDGES: { test: RegExp; types: EdgeType[] }[] = [
  { test: /place|venue|location|city|country/i, types: ["HELD_IN"] },
  { test: /particip|attend|who/i, types: ["ATTENDED"] },
  { test: /title|role|position|office/i, types: ["HEADS", "MEMBER_OF", "ADVISES"] },
];

function overlaps(a: Evidence, b: Evidence): boolean {
  return a.article === b.article && a.start < b.end && b.start < a.end;
}

/** Does `text` contain `words` as whole words ("meeting in miami" contains "miami", "ukrainian" does not contain "ukraine")? */
function containsWords(text: string, words: string): boolean {
  return ` ${text} `.includes(` ${words} `);
}

function namesOf(data: DataGraph, key: string): string[] {
  const a = data.getNodeAttributes(key);
  return [a.label, ...(a.aliases ?? [])].map(foldText).filter((n) => n.length >= 3);
}

/**
 * The disputed facts: each conflict's subject; the neighbours a claim names (a claimed place, a claimed
 * participant) and the edges to them; and the edges of the disputed field (HELD_IN for a place…) whose
 * evidence overlaps a claim's passage.
 */
export function disputedElements(data: DataGraph, conflicts: readonly Conflict[]): Disputed {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  // Per subject, what any of its conflicts claims: an edge is disputed when one conflict about the subject
  // disputes it, so the subject's edges are walked once for all its conflicts (a hub can be the subject of
  // dozens: walking its thousands of edges once per conflict took 750 ms of the explorer's first view of a
  // 10,000-article build).
  const bySubject = new Map<string, { values: Set<string>; passages: Map<EdgeType, Map<string, Evidence[]>> }>();
  for (const conflict of conflicts) {
    if (!data.hasNode(conflict.subject)) continue;
    let entry = bySubject.get(conflict.subject);
    if (!entry) bySubject.set(conflict.subject, (entry = { values: new Set(), passages: new Map() }));
    for (const claim of conflict.claims) {
      const value = foldText(claim.value);
      if (value.length >= 3) entry.values.add(value);
    }
    // The claims' passages, by edge type of the disputed field and by article.
    for (const type of FIELD_EDGES.filter((f) => f.test.test(conflict.field)).flatMap((f) => f.types)) {
      let byArticle = entry.passages.get(type);
      if (!byArticle) entry.passages.set(type, (byArticle = new Map()));
      for (const claim of conflict.claims) {
        const list = byArticle.get(claim.evidence.article) ?? [];
        list.push(claim.evidence);
        byArticle.set(claim.evidence.article, list);
      }
    }
  }
  const names = new Map<string, string[]>();
  const namesOfNode = (key: string) => {
    let found = names.get(key);
    if (!found) names.set(key, (found = namesOf(data, key)));
    return found;
  };
  for (const [subject, { values, passages }] of bySubject) {
    nodes.add(subject);
    const claimed = [...values];
    data.forEachEdge(subject, (edge, e, source, target) => {
      const other = source === subject ? target : source;
      const named = claimed.length > 0 && namesOfNode(other).some((name) => claimed.some((v) => containsWords(v, name) || containsWords(name, v)));
      const byArticle = named ? undefined : passages.get(e.type);
      const stated = !!byArticle && (e.evidence ?? []).some((ev) => (byArticle.get(ev.article) ?? []).some((c) => overlaps(ev, c)));
      if (named || stated) {
        edges.add(edge);
        nodes.add(other);
      }
    });
  }
  return { nodes, edges };
}

/** Conflicts per subject node (for the badges on the graph). */
export function conflictCounts(conflicts: readonly Conflict[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of conflicts) counts.set(c.subject, (counts.get(c.subject) ?? 0) + 1);
  return counts;
}
