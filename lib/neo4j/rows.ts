// The graph document reshaped into Neo4j property maps: ONE definition for the loader
// (lib/neo4j/load.ts, which sends them as parameters) and the Cypher export (lib/export/cypher.ts,
// which writes them as literals), so a database made by either is the same. Pure and
// browser-safe (no driver): how numbers are represented is the caller's codec.
import { EDGE_TYPES, type ArticleMeta, type Conflict, type NodeAttributes, type SerializedEdge, type SerializedNode } from "../contract";
import { compareStrings, statedDates, statedRange } from "../graph/utils";
import { EDGE_REL_TYPE, MODEL } from "./types";

const { entity: ENTITY, article: ARTICLE, evidence: EVIDENCE, conflict: CONFLICT, conflictClaim: CLAIM_NODE } = MODEL;

/** The constraints and indexes of the model (the loader runs them; the Cypher export writes them). */
export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT newsgraph_entity_key IF NOT EXISTS FOR (n:${ENTITY}) REQUIRE n.key IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_article_id IF NOT EXISTS FOR (n:${ARTICLE}) REQUIRE n.id IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_evidence_key IF NOT EXISTS FOR (n:${EVIDENCE}) REQUIRE n.key IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_conflict_key IF NOT EXISTS FOR (n:${CONFLICT}) REQUIRE n.key IS UNIQUE`,
  `CREATE CONSTRAINT newsgraph_conflict_claim_key IF NOT EXISTS FOR (n:${CLAIM_NODE}) REQUIRE n.key IS UNIQUE`,
  ...EDGE_TYPES.map(
    (t) =>
      `CREATE CONSTRAINT newsgraph_rel_${EDGE_REL_TYPE[t].toLowerCase()}_key IF NOT EXISTS ` +
      `FOR ()-[r:${EDGE_REL_TYPE[t]}]-() REQUIRE r.key IS UNIQUE`,
  ),
  `CREATE INDEX newsgraph_evidence_edge IF NOT EXISTS FOR (n:${EVIDENCE}) ON (n.edgeKey)`,
  `CREATE INDEX newsgraph_evidence_article IF NOT EXISTS FOR (n:${EVIDENCE}) ON (n.article)`,
  `CREATE INDEX newsgraph_entity_label IF NOT EXISTS FOR (n:${ENTITY}) ON (n.label)`,
];

/** A property map (values as the caller's codec made them). */
export type Props = { [key: string]: unknown };

/** How numbers become property values: integers and floats apart (Cypher tells 1021 from 1021.0). */
export interface NumberCodec {
  int(value: number): unknown;
  float(value: number): unknown;
}

export const KNOWN_NODE_ATTRS = new Set([
  "type", "label", "aliases", "aliasSources", "mentions", "roles", "date", "dates", "description", "x", "y", "articleCount",
]);
export const KNOWN_EDGE_ATTRS = new Set(["type", "evidence", "note", "articleCount", "publisherCount"]);
export const KNOWN_ARTICLE_FIELDS = new Set(["id", "file", "title", "publisher", "url", "date", "sha256", "chars"]);

/** Attributes the model has no property for, kept as one JSON string so nothing is lost. */
function extras(obj: object, known: Set<string>): string | undefined {
  const rest: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj)) {
    if (!known.has(k) && v !== undefined) {
      rest[k] = v;
      any = true;
    }
  }
  return any ? JSON.stringify(rest) : undefined;
}

/** Drops undefined and null values: Neo4j does not store nulls. */
function compact(p: Props): Props {
  for (const k of Object.keys(p)) if (p[k] === undefined || p[k] === null) delete p[k];
  return p;
}

/** Evidence node key: `<edge key>#<ordinal>`. */
export function evidenceKey(edgeKey: string, ordinal: number): string {
  return `${edgeKey}#${ordinal}`;
}

/** Conflict keys: `subject|field`, with `#n` for a repeated pair. */
export function conflictKeys(conflicts: readonly Conflict[]): string[] {
  const seen = new Map<string, number>();
  return conflicts.map((c) => {
    const base = `${c.subject}|${c.field}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}

export function articleProps(a: ArticleMeta, ordinal: number, num: NumberCodec): Props {
  return compact({
    id: a.id,
    ordinal: num.int(ordinal),
    file: a.file,
    title: a.title,
    publisher: a.publisher,
    url: a.url,
    date: a.date,
    sha256: a.sha256,
    chars: typeof a.chars === "number" ? num.int(a.chars) : undefined,
    extraJson: extras(a, KNOWN_ARTICLE_FIELDS),
  });
}

/** The ISO day ranges a node's stated dates cover (what the date filter compares), as two parallel lists. */
function dateRanges(a: NodeAttributes): { starts?: string[]; ends?: string[] } {
  const ranges = statedDates(a)
    .map(statedRange)
    .filter((r): r is { start: string; end: string } => r !== null);
  return ranges.length === 0 ? {} : { starts: ranges.map((r) => r.start), ends: ranges.map((r) => r.end) };
}

export function entityProps(n: SerializedNode, ordinal: number, num: NumberCodec): Props {
  const a = n.attributes;
  const date = a.date ?? undefined;
  const ranges = dateRanges(a);
  return compact({
    key: n.key,
    ordinal: num.int(ordinal),
    rangeStarts: ranges.starts,
    rangeEnds: ranges.ends,
    type: a.type,
    label: a.label,
    aliases: a.aliases,
    mentionCount: num.int(a.mentions.length),
    aliasSourcesJson: a.aliasSources !== undefined ? JSON.stringify(a.aliasSources) : undefined,
    rolesJson: a.roles !== undefined ? JSON.stringify(a.roles) : undefined,
    dateJson: "date" in a && a.date !== undefined ? JSON.stringify(a.date) : undefined,
    datesJson: a.dates !== undefined ? JSON.stringify(a.dates) : undefined,
    // Queryable copies of the meeting date (the JSON above is what reads back).
    dateText: date?.text,
    dateStart: date?.start,
    dateEnd: date?.end,
    description: typeof a.description === "string" ? a.description : undefined,
    x: typeof a.x === "number" ? num.float(a.x) : undefined,
    y: typeof a.y === "number" ? num.float(a.y) : undefined,
    articleCount: typeof a.articleCount === "number" ? num.int(a.articleCount) : undefined,
    extraJson: extras(a, KNOWN_NODE_ATTRS),
  });
}

/** One MENTIONED_IN row per (node, article): the mentions' offsets as parallel lists. */
export function mentionRows(n: SerializedNode, num: NumberCodec): Props[] {
  const byArticle = new Map<string, { starts: unknown[]; ends: unknown[]; idx: unknown[] }>();
  n.attributes.mentions.forEach((m, i) => {
    let g = byArticle.get(m.article);
    if (!g) byArticle.set(m.article, (g = { starts: [], ends: [], idx: [] }));
    g.starts.push(num.int(m.start));
    g.ends.push(num.int(m.end));
    g.idx.push(num.int(i));
  });
  return [...byArticle].map(([article, g]) => ({ key: n.key, article, props: g }));
}

export function edgeProps(e: SerializedEdge, ordinal: number, num: NumberCodec): Props {
  const a = e.attributes;
  return compact({
    key: e.key,
    ordinal: num.int(ordinal),
    // Distinct article ids of the evidence, sorted: what source filters and claim counts test.
    articles: [...new Set(a.evidence.map((ev) => ev.article))].sort(compareStrings),
    note: a.note,
    articleCount: typeof a.articleCount === "number" ? num.int(a.articleCount) : undefined,
    publisherCount: typeof a.publisherCount === "number" ? num.int(a.publisherCount) : undefined,
    evidenceCount: num.int(a.evidence.length),
    extraJson: extras(a, KNOWN_EDGE_ATTRS),
  });
}

/** One Evidence node row per passage of an edge. */
export function evidenceRows(e: SerializedEdge, num: NumberCodec): Props[] {
  return e.attributes.evidence.map((ev, i) => {
    const key = evidenceKey(e.key, i);
    return {
      key,
      article: ev.article,
      source: e.source,
      target: e.target,
      props: {
        key,
        edgeKey: e.key,
        edgeType: e.attributes.type,
        source: e.source,
        target: e.target,
        ordinal: num.int(i),
        article: ev.article,
        start: num.int(ev.start),
        end: num.int(ev.end),
        quote: ev.quote,
      },
    };
  });
}

/** Conflict and ConflictClaim rows, keyed as conflictKeys() says. */
export function conflictRows(conflicts: readonly Conflict[], num: NumberCodec): { conflicts: Props[]; claims: Props[] } {
  const keys = conflictKeys(conflicts);
  const out: { conflicts: Props[]; claims: Props[] } = { conflicts: [], claims: [] };
  conflicts.forEach((c, i) => {
    const key = keys[i]!;
    out.conflicts.push({ key, subject: c.subject, props: { key, subject: c.subject, field: c.field, ordinal: num.int(i), claimCount: num.int(c.claims.length) } });
    c.claims.forEach((cl, j) => {
      const ck = `${key}#${j}`;
      out.claims.push({
        key: ck,
        conflict: key,
        article: cl.evidence.article,
        props: {
          key: ck,
          conflict: key,
          subject: c.subject,
          field: c.field,
          ordinal: num.int(j),
          value: cl.value,
          article: cl.evidence.article,
          start: num.int(cl.evidence.start),
          end: num.int(cl.evidence.end),
          quote: cl.evidence.quote,
        },
      });
    });
  });
  return out;
}
