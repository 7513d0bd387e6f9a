// Driver records → our types, at the edge of lib/neo4j. The loader (./load.ts) writes a GraphDocument as
// properties (nested values as JSON strings, mentions grouped per article, evidence as nodes); these functions
// read them back into exactly the contract's shapes: integers as numbers, JSON strings parsed, absent
// properties left out (never `undefined` or `null` where graph.json has no field).
//
// The Cypher projections that produce these inputs are next to them (nodeProjection, edgeProjection,
// conflictProjection), so a query that returns `… AS node` or `… AS edge` can be reshaped with nodeFromRow /
// edgeFromRow. Their inner variables start with "_" so they never clash with the caller's.

import neo4j from "neo4j-driver";
import type {
  ArticleMeta,
  Conflict,
  EdgeAttributes,
  EdgeType,
  Evidence,
  Mention,
  NodeAttributes,
  NodeType,
  SerializedEdge,
  SerializedNode,
} from "@/lib/contract";
import { MODEL } from "./types";

export type Props = Record<string, unknown>;

/** A driver integer (or a number) as a JS number. */
export function toNum(v: unknown): number {
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  return typeof v === "number" ? v : Number(v ?? 0);
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** The evidence fields of an `:Evidence` or `:ConflictClaim` node's properties. */
export function evidenceOf(p: Props): Evidence {
  return { article: String(p.article), start: toNum(p.start), end: toNum(p.end), quote: String(p.quote) };
}

/** An `:Article` node's properties as ArticleMeta (null for absent optional fields, extras merged back). */
export function articleFromProps(a: Props): ArticleMeta {
  return {
    id: String(a.id),
    file: String(a.file),
    title: str(a.title) ?? null,
    publisher: str(a.publisher) ?? null,
    url: str(a.url) ?? null,
    date: str(a.date) ?? null,
    sha256: String(a.sha256),
    chars: toNum(a.chars),
    ...(a.extraJson ? (JSON.parse(String(a.extraJson)) as object) : {}),
  } as ArticleMeta;
}

/** One `MENTIONED_IN` relationship: a node's mentions in one article and their positions in its `mentions`. */
export interface MentionGroup {
  article: unknown;
  starts: unknown;
  ends: unknown;
  idx: unknown;
}

/** An `:Entity` node's properties and its mention groups as NodeAttributes (mentions back in their order). */
export function nodeAttributesFromProps(n: Props, groups: readonly MentionGroup[]): NodeAttributes {
  const mentions: Mention[] = new Array(toNum(n.mentionCount));
  for (const g of groups) {
    const starts = (g.starts as unknown[]) ?? [];
    const ends = (g.ends as unknown[]) ?? [];
    ((g.idx as unknown[]) ?? []).forEach((ix, j) => {
      mentions[toNum(ix)] = { article: String(g.article), start: toNum(starts[j]), end: toNum(ends[j]) };
    });
  }
  const attributes: NodeAttributes = {
    type: n.type as NodeType,
    label: String(n.label),
    aliases: ((n.aliases as unknown[]) ?? []).map(String),
    mentions: mentions.filter(Boolean),
  };
  if (n.aliasSourcesJson !== undefined && n.aliasSourcesJson !== null) attributes.aliasSources = JSON.parse(String(n.aliasSourcesJson));
  if (n.rolesJson !== undefined && n.rolesJson !== null) attributes.roles = JSON.parse(String(n.rolesJson));
  if (n.dateJson !== undefined && n.dateJson !== null) attributes.date = JSON.parse(String(n.dateJson));
  if (n.datesJson !== undefined && n.datesJson !== null) attributes.dates = JSON.parse(String(n.datesJson));
  if (n.description !== undefined && n.description !== null) attributes.description = String(n.description);
  if (n.x !== undefined && n.x !== null) attributes.x = toNum(n.x);
  if (n.y !== undefined && n.y !== null) attributes.y = toNum(n.y);
  if (n.articleCount !== undefined && n.articleCount !== null) attributes.articleCount = toNum(n.articleCount);
  if (n.extraJson !== undefined && n.extraJson !== null) Object.assign(attributes, JSON.parse(String(n.extraJson)));
  return attributes;
}

/** A relationship's type, properties and evidence (in graph.json order) as EdgeAttributes. */
export function edgeAttributesFromProps(type: EdgeType, r: Props, evidence: Evidence[]): EdgeAttributes {
  const attributes: EdgeAttributes = { type, evidence };
  if (r.note !== undefined && r.note !== null) attributes.note = String(r.note);
  if (r.articleCount !== undefined && r.articleCount !== null) attributes.articleCount = toNum(r.articleCount);
  if (r.publisherCount !== undefined && r.publisherCount !== null) attributes.publisherCount = toNum(r.publisherCount);
  if (r.extraJson !== undefined && r.extraJson !== null) Object.assign(attributes, JSON.parse(String(r.extraJson)));
  return attributes;
}

// ---------------------------------------------------------------------------------------------
// Projections: Cypher fragments (built from the model's constant names only) and their readers.

const { article: ARTICLE, evidence: EVIDENCE, mentionedIn: MENTIONED_IN } = MODEL;

/** `… AS node` for an entity variable: its properties and mention groups. Read with nodeFromRow. */
export function nodeProjection(v: string): string {
  return (
    `{props: properties(${v}), ` +
    `mentions: [(${v})-[_m:${MENTIONED_IN}]->(_a:${ARTICLE}) | {article: _a.id, starts: _m.starts, ends: _m.ends, idx: _m.idx}]}`
  );
}

/**
 * `… AS edge` for a relationship variable between two entity variables: key, type, ends, properties and
 * the evidence passages (from the `:Evidence` nodes keyed by the edge). Read with edgeFromRow.
 */
export function edgeProjection(r: string, s: string, t: string): string {
  return (
    `{type: type(${r}), source: ${s}.key, target: ${t}.key, props: properties(${r}), ` +
    `evidence: COLLECT { MATCH (_ev:${EVIDENCE} {edgeKey: ${r}.key}) RETURN _ev {.article, .start, .end, .quote, .ordinal} }}`
  );
}

/** Reads a nodeProjection value. */
export function nodeFromRow(value: unknown): SerializedNode {
  const row = value as { props: Props; mentions: MentionGroup[] };
  return { key: String(row.props.key), attributes: nodeAttributesFromProps(row.props, row.mentions ?? []) };
}

/** Reads an edgeProjection value (evidence put back in graph.json order). */
export function edgeFromRow(value: unknown): SerializedEdge {
  const row = value as { type: string; source: unknown; target: unknown; props: Props; evidence: Props[] };
  const evidence = [...(row.evidence ?? [])]
    .sort((a, b) => toNum(a.ordinal) - toNum(b.ordinal))
    .map(evidenceOf);
  return {
    key: String(row.props.key),
    source: String(row.source),
    target: String(row.target),
    attributes: edgeAttributesFromProps(row.type as EdgeType, row.props, evidence),
  };
}

/** `… AS conflict` for a `:Conflict` variable: its fields and claims. Read with conflictFromRow. */
export function conflictProjection(c: string): string {
  return `{props: properties(${c}), claims: [(${c})-[:${MODEL.claim}]->(_k:${MODEL.conflictClaim}) | properties(_k)]}`;
}

/** Reads a conflictProjection value (claims back in their order). */
export function conflictFromRow(value: unknown): Conflict {
  const row = value as { props: Props; claims: Props[] };
  const claims = [...(row.claims ?? [])]
    .sort((a, b) => toNum(a.ordinal) - toNum(b.ordinal))
    .map((k) => ({ value: String(k.value), evidence: evidenceOf(k) }));
  return { subject: String(row.props.subject), field: String(row.props.field), claims };
}
