// Query cases over a GraphDocument: every GraphQueries method with arguments picked deterministically from the
// document (nodes of every type, hubs and leaves, every article and publisher, date ranges, misspelled names),
// plus filter sets that exercise every filter rule. Used by the parity tests (tests/neo4j/parity.test.ts: each
// case on both backends, results deep-equal) and by the benchmark (./bench.ts: latency per method).

import type { GraphDocument, NodeType } from "@/lib/contract";
import type { GraphFilters, GraphQueries } from "@/lib/graph/types";

export type QueryMethod =
  | "document"
  | "subgraph"
  | "node"
  | "neighborhood"
  | "shortestPath"
  | "meetingsOf"
  | "coAttendees"
  | "entitiesBySource"
  | "claimsWithFewerThan"
  | "search";

export interface QueryCase {
  method: QueryMethod;
  /** A readable name: the method and its arguments. */
  name: string;
  run(queries: GraphQueries): Promise<unknown>;
}

export interface CaseOptions {
  /** At most this many cases per method (sampled evenly); default: all. */
  perMethod?: number;
  /** Leave out the error cases (unknown keys, bad arguments); default false. */
  skipErrors?: boolean;
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: readonly T[], n: number | undefined): T[] {
  if (n === undefined || items.length <= n) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

/** Filter sets that between them use every filter (and combinations), built from what the document holds. */
export function filterSets(doc: GraphDocument): { name: string; filters: GraphFilters }[] {
  const sets: { name: string; filters: GraphFilters }[] = [
    { name: "none", filters: {} },
    { name: "comentions", filters: { includeCoMentions: true } },
    { name: "people+orgs", filters: { nodeTypes: ["Person", "Organization"] } },
    { name: "attended/held_in/heads", filters: { relationTypes: ["ATTENDED", "HELD_IN", "HEADS"] } },
    { name: "minSources2", filters: { minSources: 2, includeCoMentions: true } },
  ];
  const articles = doc.articles.map((a) => a.id);
  if (articles.length > 0) {
    sets.push({ name: `article ${articles[0]}`, filters: { articles: [articles[0]!], includeCoMentions: true } });
  }
  if (articles.length > 2) {
    sets.push({ name: "two articles", filters: { articles: [articles[1]!, articles[articles.length - 1]!] } });
  }
  const publishers = [...new Set(doc.articles.map((a) => a.publisher).filter((p): p is string => !!p))].sort();
  if (publishers.length > 0) {
    // upper-cased: publishers compare case- and accent-insensitively
    sets.push({ name: `publisher ${publishers[0]}`, filters: { publishers: [publishers[0]!.toUpperCase()], includeCoMentions: true } });
  }
  const dates = [
    ...doc.articles.map((a) => a.date),
    ...doc.graph.nodes.flatMap((n) => (n.attributes.dates ?? []).flatMap((d) => [d.start, d.end])),
  ]
    .filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  if (dates.length > 0) {
    const mid = dates[Math.floor(dates.length / 2)]!;
    sets.push({ name: `from ${mid}`, filters: { dateFrom: mid, includeCoMentions: true } });
    sets.push({ name: `to ${mid}`, filters: { dateTo: mid } });
    sets.push({ name: `day ${mid}`, filters: { dateFrom: mid, dateTo: mid, nodeTypes: ["Person", "Meeting", "Place"] } });
  }
  sets.push({
    name: "mixed",
    filters: { includeCoMentions: true, minSources: 2, nodeTypes: ["Person", "Organization", "Meeting", "Place", "Document"] },
  });
  return sets;
}

/** Search texts: labels, prefixes, word prefixes, aliases, accent-stripped and upper-cased forms, misspellings, no match. */
function searchTexts(doc: GraphDocument, n: number | undefined): string[] {
  const rnd = random(7);
  const texts = new Set<string>();
  const nodes = sample(doc.graph.nodes, n === undefined ? 40 : Math.max(4, Math.ceil(n / 6)));
  for (const node of nodes) {
    const label = node.attributes.label;
    texts.add(label);
    texts.add(label.slice(0, Math.max(2, Math.ceil(label.length / 2))).toUpperCase());
    const words = label.split(/\s+/);
    if (words.length > 1) texts.add(words[words.length - 1]!.slice(0, 4));
    if (node.attributes.aliases[0]) texts.add(node.attributes.aliases[0]);
    const long = words.find((w) => w.length >= 6);
    if (long) {
      const i = 1 + Math.floor(rnd() * (long.length - 2));
      texts.add(long.slice(0, i) + long.slice(i + 1)); // one letter dropped: fuzzy
    }
    texts.add(label.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase());
  }
  texts.add("zzzz no such name");
  texts.add("a");
  return [...texts].filter((t) => /[\p{L}\p{N}]/u.test(t));
}

/**
 * The cases for one document. Node and path arguments are sampled evenly over the nodes sorted by key, hubs
 * (most edges) first, so a small sample still covers the busy part of the graph.
 */
export function queryCases(doc: GraphDocument, options: CaseOptions = {}): QueryCase[] {
  const per = options.perMethod;
  const cases: QueryCase[] = [];
  const add = (method: QueryMethod, name: string, run: (q: GraphQueries) => Promise<unknown>) =>
    cases.push({ method, name: `${method}(${name})`, run });

  const degree = new Map<string, number>();
  for (const e of doc.graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const byKey = doc.graph.nodes.map((n) => n.key).sort();
  const hubs = [...byKey].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || (a < b ? -1 : 1));
  const typeOf = new Map(doc.graph.nodes.map((n) => [n.key, n.attributes.type as NodeType]));
  const interleaved = [...new Set(hubs.slice(0, 5).concat(byKey))];
  const filters = filterSets(doc);

  add("document", "", (q) => q.document());
  for (const f of sample(filters, per)) add("subgraph", f.name, (q) => q.subgraph(f.filters));

  for (const key of sample(interleaved, per)) add("node", key, (q) => q.node(key));

  const nbCases: [string, number, { name: string; filters: GraphFilters }][] = [];
  for (const [i, key] of interleaved.entries()) {
    for (let hops = 1; hops <= 3; hops++) nbCases.push([key, hops, filters[(i + hops) % filters.length]!]);
  }
  for (const [key, hops, f] of sample(nbCases, per)) {
    add("neighborhood", `${key}, ${hops}, ${f.name}`, (q) => q.neighborhood(key, hops, f.filters));
  }

  const rnd = random(42);
  const pathCases: [string, string, { name: string; filters: GraphFilters }][] = [];
  const pairCount = per ?? Math.min(250, byKey.length * 3);
  for (let i = 0; i < pairCount; i++) {
    const a = i < hubs.length && i < 10 ? hubs[i]! : byKey[Math.floor(rnd() * byKey.length)]!;
    const b = byKey[Math.floor(rnd() * byKey.length)]!;
    pathCases.push([a, b, filters[i % filters.length]!]);
  }
  for (const [a, b, f] of pathCases) add("shortestPath", `${a} → ${b}, ${f.name}`, (q) => q.shortestPath(a, b, f.filters));

  const entities = interleaved.filter((k) => typeOf.get(k) !== "Meeting");
  for (const key of sample(entities, per)) add("meetingsOf", key, (q) => q.meetingsOf(key));
  for (const key of sample(entities, per)) add("coAttendees", key, (q) => q.coAttendees(key));
  for (const a of sample(doc.articles, per)) add("entitiesBySource", a.id, (q) => q.entitiesBySource(a.id));
  for (const n of sample([1, 2, 3, 4, 10], per)) add("claimsWithFewerThan", String(n), (q) => q.claimsWithFewerThan(n));
  const texts = searchTexts(doc, per);
  for (const [i, text] of sample(texts, per).entries()) {
    const limit = i % 3 === 0 ? 5 : i % 3 === 1 ? undefined : 100;
    add("search", `${JSON.stringify(text)}, ${limit ?? "default"}`, (q) => q.search(text, limit));
  }

  if (!options.skipErrors) {
    const meeting = byKey.find((k) => typeOf.get(k) === "Meeting");
    const any = byKey[0] ?? "person:nobody";
    const bad: [QueryMethod, string, (q: GraphQueries) => Promise<unknown>][] = [
      ["node", "unknown", (q) => q.node("person:nobody-at-all")],
      ["node", "empty", (q) => q.node("")],
      ["neighborhood", "unknown", (q) => q.neighborhood("person:nobody-at-all", 1)],
      ["neighborhood", "hops 4", (q) => q.neighborhood(any, 4)],
      ["neighborhood", "hops 0 on unknown", (q) => q.neighborhood("person:nobody-at-all", 0)],
      ["neighborhood", "unknown article filter", (q) => q.neighborhood(any, 1, { articles: ["no-such-article"] })],
      ["neighborhood", "bad filter key", (q) => q.neighborhood(any, 1, { colour: "red" } as unknown as GraphFilters)],
      ["neighborhood", "bad relation type", (q) => q.neighborhood(any, 1, { relationTypes: ["LOVES"] } as unknown as GraphFilters)],
      ["neighborhood", "dates reversed", (q) => q.neighborhood(any, 1, { dateFrom: "2025-02-01", dateTo: "2025-01-01" })],
      ["shortestPath", "unknown from", (q) => q.shortestPath("person:nobody-at-all", any)],
      ["shortestPath", "unknown to", (q) => q.shortestPath(any, "person:nobody-at-all")],
      ["shortestPath", "same node", (q) => q.shortestPath(any, any)],
      ["shortestPath", "minSources 0", (q) => q.shortestPath(any, any, { minSources: 0 })],
      ["meetingsOf", "unknown", (q) => q.meetingsOf("person:nobody-at-all")],
      ["coAttendees", "unknown", (q) => q.coAttendees("person:nobody-at-all")],
      ["entitiesBySource", "unknown", (q) => q.entitiesBySource("../etc/passwd")],
      ["entitiesBySource", "empty", (q) => q.entitiesBySource("")],
      ["claimsWithFewerThan", "0", (q) => q.claimsWithFewerThan(0)],
      ["claimsWithFewerThan", "1.5", (q) => q.claimsWithFewerThan(1.5)],
      ["search", "punctuation only", (q) => q.search("?!")],
      ["search", "limit 0", (q) => q.search("a", 0)],
      ["search", "limit 101", (q) => q.search("a", 101)],
      ["subgraph", "bad filters", (q) => q.subgraph("types" as unknown as GraphFilters)],
    ];
    if (meeting) {
      bad.push(["meetingsOf", "a meeting", (q) => q.meetingsOf(meeting)]);
      bad.push(["coAttendees", "a meeting", (q) => q.coAttendees(meeting)]);
    }
    for (const [method, name, run] of bad) add(method, `error: ${name}`, run);
  }
  return cases;
}
