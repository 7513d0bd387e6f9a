// Entities, relations and meetings → the graph.json document: one edge per (source, type,
// target) carrying every supporting passage, corroboration counts, conflicts, stable order.
import {
  edgeKey,
  type ArticleMeta,
  type Conflict,
  type Evidence,
  type GraphDocument,
  type Mention as ContractMention,
  type RoleClaim,
  type SerializedEdge,
  type SerializedNode,
  type StatedDate,
} from "../contract";
import type { RelationCandidate, ResolvedEntity } from "./types";

export interface MeetingNode {
  key: string;
  label: string;
  description: string;
  dates: StatedDate[];
  mentions: ContractMention[];
  status: "held" | "planned" | "cancelled";
}

export interface AssemblyInput {
  articles: ArticleMeta[];
  entities: Map<string, ResolvedEntity>;
  relations: { relations: RelationCandidate[]; roles: Map<string, RoleClaim[]> };
  meetings: { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] };
  texts: Map<string, string>;
}

const MODULE = "newsgraph/extract";

const byPosition = (a: { article: string; start: number; end: number }, b: { article: string; start: number; end: number }) =>
  a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start || a.end - b.end;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function assembleGraph(input: AssemblyInput): GraphDocument {
  const { articles, entities, texts } = input;
  const publisherOf = new Map(articles.map((a) => [a.id, a.publisher ? a.publisher.toLowerCase() : `article:${a.id}`]));
  const checkEvidence = (e: Evidence) => {
    const text = texts.get(e.article);
    if (text === undefined || text.slice(e.start, e.end) !== e.quote) {
      throw new Error(`${MODULE}: evidence does not match article "${e.article}" at ${e.start}-${e.end}: ${JSON.stringify(e.quote)}`);
    }
  };

  const nodes: SerializedNode[] = [];
  for (const entity of entities.values()) {
    const mentions = dedupe(entity.mentions.filter((m) => !m.coreference).map((m) => ({ article: m.article, start: m.start, end: m.end }))).sort(byPosition);
    // Every spelling keeps the articles that used it, the label's included.
    const aliasSources = [...entity.aliases.entries()]
      .map(([alias, arts]) => ({ alias, articles: [...arts].sort() }))
      .sort((a, b) => compare(a.alias, b.alias));
    const roles = (input.relations.roles.get(entity.key) ?? []).slice().sort((a, b) => byPosition(a.evidence, b.evidence));
    const articleIds = new Set(mentions.map((m) => m.article));
    nodes.push({
      key: entity.key,
      attributes: {
        type: entity.type,
        label: entity.label,
        aliases: aliasSources.map((a) => a.alias).filter((a) => a !== entity.label),
        aliasSources,
        mentions,
        ...(roles.length ? { roles } : {}),
        articleCount: articleIds.size,
      },
    });
  }
  for (const meeting of input.meetings.nodes) {
    const mentions = dedupe(meeting.mentions).sort(byPosition);
    const dates = meeting.dates.slice().sort((a, b) => compare(a.article, b.article) || compare(a.text, b.text));
    nodes.push({
      key: meeting.key,
      attributes: {
        type: "Meeting",
        label: meeting.label,
        aliases: [],
        mentions,
        description: meeting.description,
        date: dates[0] ?? null,
        dates,
        articleCount: new Set(mentions.map((m) => m.article)).size,
        ...(meeting.status !== "held" ? { status: meeting.status } : {}),
      },
    });
  }
  nodes.sort((a, b) => compare(a.key, b.key));
  const nodeKeys = new Set(nodes.map((n) => n.key));

  const grouped = new Map<string, { source: string; target: string; type: RelationCandidate["type"]; evidence: Evidence[]; notes: string[] }>();
  for (const r of [...input.relations.relations, ...input.meetings.relations]) {
    if (r.source === r.target) continue;
    if (!nodeKeys.has(r.source) || !nodeKeys.has(r.target)) continue;
    checkEvidence(r.evidence);
    const key = edgeKey(r.source, r.type, r.target);
    const g = grouped.get(key) ?? { source: r.source, target: r.target, type: r.type, evidence: [], notes: [] };
    g.evidence.push(r.evidence);
    if (r.note && !g.notes.includes(r.note)) g.notes.push(r.note);
    grouped.set(key, g);
  }
  // A typed relation makes the co-mention of the same pair redundant.
  const typedPairs = new Set<string>();
  for (const g of grouped.values()) if (g.type !== "CO_MENTIONED") typedPairs.add([g.source, g.target].sort().join("|"));

  const edges: SerializedEdge[] = [];
  for (const [key, g] of grouped) {
    if (g.type === "CO_MENTIONED" && typedPairs.has([g.source, g.target].sort().join("|"))) continue;
    const evidence = dedupe(g.evidence).sort(byPosition);
    const articleIds = new Set(evidence.map((e) => e.article));
    const publishers = new Set([...articleIds].map((a) => publisherOf.get(a) ?? `article:${a}`));
    edges.push({
      key,
      source: g.source,
      target: g.target,
      attributes: {
        type: g.type,
        evidence,
        ...(g.notes.length ? { note: g.notes.sort().join("; ") } : {}),
        articleCount: articleIds.size,
        publisherCount: publishers.size,
      },
    });
  }
  edges.sort((a, b) => compare(a.key, b.key));

  const conflicts = input.meetings.conflicts
    .concat(roleConflicts(input.relations.roles))
    .filter((c) => nodeKeys.has(c.subject))
    .map((c) => ({ ...c, claims: c.claims.slice().sort((a, b) => byPosition(a.evidence, b.evidence)) }))
    .sort((a, b) => compare(a.subject, b.subject) || compare(a.field, b.field));
  for (const c of conflicts) for (const claim of c.claims) checkEvidence(claim.evidence);

  return {
    version: 1,
    articles: articles.slice().sort((a, b) => compare(a.id, b.id)),
    graph: {
      options: { type: "directed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes,
      edges,
    },
    conflicts,
  };
}

/** Different titles for one person across articles are a conflict the analyst should see. */
function roleConflicts(roles: Map<string, RoleClaim[]>): Conflict[] {
  const out: Conflict[] = [];
  for (const [subject, claims] of roles) {
    const byArticle = new Map<string, RoleClaim>();
    for (const c of claims) if (!byArticle.has(c.evidence.article)) byArticle.set(c.evidence.article, c);
    const distinct = new Set([...byArticle.values()].map((c) => normalizeRole(c.role)));
    if (byArticle.size >= 2 && distinct.size >= 2) {
      out.push({ subject, field: "title", claims: [...byArticle.values()].map((c) => ({ value: c.role, evidence: c.evidence })) });
    }
  }
  return out;
}

function normalizeRole(role: string): string {
  return role
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/\b(?:the|a|an|of|and|his|her|its)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function dedupe<T extends { article: string; start: number; end: number }>(items: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = `${item.article}|${item.start}|${item.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}
