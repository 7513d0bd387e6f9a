// A small GraphDocument with every feature the Neo4j model has to carry: all node types, typed and
// co-mention edges, several evidence passages per edge, notes, meeting dates, aliases with sources, roles,
// mentions across articles, conflicts, articles with null metadata, and text that looks like Cypher.

import { edgeKey, type EdgeType, type Evidence, type GraphDocument, type NodeType, type SerializedEdge, type SerializedNode } from "@/lib/contract";

const A1 = "001_alpha";
const A2 = "002_beta";
const A3 = "003_gamma";

function ev(article: string, start: number, quote: string): Evidence {
  return { article, start, end: start + quote.length, quote };
}

function node(key: string, type: NodeType, label: string, extra: Partial<SerializedNode["attributes"]> = {}): SerializedNode {
  return {
    key,
    attributes: {
      type,
      label,
      aliases: [],
      mentions: [{ article: A1, start: 0, end: label.length }],
      ...extra,
    },
  };
}

function edge(source: string, type: EdgeType, target: string, evidence: Evidence[], extra: Partial<SerializedEdge["attributes"]> = {}): SerializedEdge {
  return { key: edgeKey(source, type, target), source, target, attributes: { type, evidence, ...extra } };
}

export function fixtureDocument(): GraphDocument {
  const nodes: SerializedNode[] = [
    node("person:kirill-dmitriev", "Person", "Kirill Dmitriev", {
      aliases: ["Dmitriev", "Kirill Dmitriyev"],
      aliasSources: [{ alias: "Kirill Dmitriyev", articles: [A2] }],
      roles: [{ role: "head of RDIF", evidence: ev(A1, 40, "head of RDIF") }],
      mentions: [
        { article: A1, start: 10, end: 25 },
        { article: A2, start: 5, end: 13 },
        { article: A1, start: 100, end: 108 },
      ],
      articleCount: 2,
      x: 1.5,
      y: -2,
    }),
    node("person:steve-witkoff", "Person", "Steve Witkoff", { aliases: ["Witkoff"], articleCount: 1, x: 0, y: 0.25 }),
    node("person:o-brien", "Person", "Seán O'Brien \"the quote\"", { aliases: ["O'Brien"], mentions: [] }),
    node("org:russian-direct-investment-fund", "Organization", "Russian Direct Investment Fund", { aliases: ["RDIF"] }),
    node("org:united-states", "Organization", "United States", { aliases: ["U.S.", "US", "America"] }),
    node("place:miami", "Place", "Miami"),
    node("meeting:miami-talks", "Meeting", "meeting in Miami", {
      date: { text: "October 24–26", start: "2025-10-24", end: "2025-10-26", article: A1 },
      dates: [
        { text: "October 24–26", start: "2025-10-24", end: "2025-10-26", article: A1 },
        { text: "last weekend", start: null, end: null, article: A3 },
      ],
      description: "meeting in Miami",
    }),
    node("meeting:undated", "Meeting", "undated talks", { date: null, dates: [] }),
    node("doc:28-point-plan", "Document", "28-point plan", {
      mentions: [{ article: A3, start: 7, end: 20 }],
      // an attribute the contract does not name yet: must survive the round trip
      customScore: 0.75,
    } as Partial<SerializedNode["attributes"]>),
    node("person:injection", "Person", "x'}) DETACH DELETE n //", { aliases: ["`; MATCH (n) DETACH DELETE n"] }),
  ];
  const edges: SerializedEdge[] = [
    edge("person:kirill-dmitriev", "HEADS", "org:russian-direct-investment-fund", [
      ev(A1, 1290, "Dmitriev, who heads the Russian Direct Investment Fund (RDIF)"),
      ev(A2, 17, "RDIF chief Kirill Dmitriev"),
    ], { note: "chief executive", articleCount: 2, publisherCount: 1 }),
    edge("person:kirill-dmitriev", "ATTENDED", "meeting:miami-talks", [ev(A1, 300, "Dmitriev flew to Miami for talks")], {
      articleCount: 1,
      publisherCount: 1,
    }),
    edge("person:steve-witkoff", "ATTENDED", "meeting:miami-talks", [
      ev(A1, 320, "met Witkoff in Miami"),
      ev(A3, 12, "Witkoff hosted the talks"),
      ev(A1, 320, "met Witkoff in Miami"), // a repeated passage stays a separate evidence item
    ]),
    edge("meeting:miami-talks", "HELD_IN", "place:miami", [ev(A1, 330, "in Miami")]),
    edge("person:steve-witkoff", "MET_WITH", "person:kirill-dmitriev", [ev(A1, 310, "Dmitriev met Witkoff")]),
    edge("person:kirill-dmitriev", "DRAFTED", "doc:28-point-plan", [ev(A3, 40, "drafted the 28-point plan")], {
      note: "",
    }),
    edge("org:united-states", "SUPPORTS", "doc:28-point-plan", [ev(A3, 60, "Washington backs the plan")]),
    edge("person:steve-witkoff", "CO_MENTIONED", "org:united-states", [ev(A2, 0, "Witkoff … United States")]),
    edge("person:injection", "MEMBER_OF", "org:united-states", [ev(A2, 50, "'}) RETURN 1 //\n\"quoted\" \\ backslash ✓")]),
  ];
  return {
    version: 1,
    articles: [
      { id: A1, file: `${A1}.txt`, title: "Talks in Miami", publisher: "Reuters", url: "https://example.org/a", date: "2025-10-27", sha256: "a".repeat(64), chars: 9641 },
      { id: A2, file: `${A2}.txt`, title: "RDIF chief", publisher: null, url: null, date: null, sha256: "b".repeat(64), chars: 1200 },
      { id: A3, file: `${A3}.md`, title: null, publisher: "AP", url: null, date: "2025-11-02", sha256: "c".repeat(64), chars: 5000 },
    ],
    graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges },
    conflicts: [
      {
        subject: "meeting:miami-talks",
        field: "date",
        claims: [
          { value: "October 24–26", evidence: ev(A1, 200, "October 24–26") },
          { value: "last weekend", evidence: ev(A3, 90, "last weekend") },
        ],
      },
      {
        subject: "person:kirill-dmitriev",
        field: "role",
        claims: [
          { value: "head of RDIF", evidence: ev(A1, 40, "head of RDIF") },
          { value: "envoy", evidence: ev(A2, 70, "envoy") },
        ],
      },
    ],
  };
}

/** A document with `n` nodes and about `m` edges (deterministic), for batching and timing. */
export function syntheticDocument(n: number, m: number): GraphDocument {
  const types: NodeType[] = ["Person", "Organization", "Place", "Meeting", "Document"];
  const relTypes: EdgeType[] = ["HEADS", "MEMBER_OF", "ADVISES", "MET_WITH", "ATTENDED", "CO_MENTIONED"];
  const articles = Array.from({ length: 20 }, (_, i) => ({
    id: `syn_${String(i).padStart(3, "0")}`,
    file: `syn_${i}.txt`,
    title: `Synthetic ${i}`,
    publisher: i % 3 === 0 ? null : `Outlet ${i % 4}`,
    url: null,
    date: null,
    sha256: "0".repeat(64),
    chars: 10_000,
  }));
  const nodes: SerializedNode[] = Array.from({ length: n }, (_, i) => ({
    key: `n:${i}`,
    attributes: {
      type: types[i % types.length]!,
      label: `Node ${i}`,
      aliases: i % 7 === 0 ? [`N${i}`] : [],
      mentions: [{ article: articles[i % 20]!.id, start: i, end: i + 5 }],
      x: i * 0.5,
      y: -i,
    },
  }));
  const edges: SerializedEdge[] = [];
  const seen = new Set<string>();
  let seed = 42; // mulberry32: deterministic, integer-exact
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  while (edges.length < m) {
    const s = Math.floor(rnd() * n);
    const t = Math.floor(rnd() * n);
    if (s === t) continue;
    const type = relTypes[Math.floor(rnd() * relTypes.length)]!;
    const key = edgeKey(`n:${s}`, type, `n:${t}`);
    if (seen.has(key)) continue;
    seen.add(key);
    const a = articles[Math.floor(rnd() * 20)]!.id;
    const evidence = [ev(a, s, `passage ${s}-${t}`)];
    if (rnd() < 0.3) evidence.push(ev(articles[(s + t) % 20]!.id, t, `second passage ${t}`));
    edges.push({ key, source: `n:${s}`, target: `n:${t}`, attributes: { type, evidence, articleCount: evidence.length } });
  }
  return {
    version: 1,
    articles,
    graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges },
    conflicts: [],
  };
}
