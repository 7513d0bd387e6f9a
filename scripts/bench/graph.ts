// A seeded synthetic GraphDocument of a given size for the query and export benchmarks, used
// when the Neo4j benchmark's generator (scripts/neo4j/synthetic.ts, preferred so that both
// backends see the same graph) is not there. Hubs by preferential attachment, typed relations
// that fit their ends, a co-mention layer, one to three passages per edge.
import { edgeKey, type ArticleMeta, type EdgeType, type GraphDocument, type NodeType, type SerializedEdge, type SerializedNode } from "../../lib/contract";
import { Rng } from "./random";

const TYPES: Array<[NodeType, number, string]> = [
  ["Person", 0.45, "person"],
  ["Organization", 0.25, "org"],
  ["Place", 0.1, "place"],
  ["Meeting", 0.12, "meeting"],
  ["Document", 0.08, "doc"],
];

const FITS: Partial<Record<NodeType, Partial<Record<NodeType, EdgeType[]>>>> = {
  Person: { Person: ["MET_WITH", "ADVISES"], Organization: ["HEADS", "MEMBER_OF"], Meeting: ["ATTENDED"], Document: ["DRAFTED", "SUPPORTS"] },
  Organization: { Organization: ["PART_OF", "SANCTIONED"], Person: ["SANCTIONED"], Document: ["REPORTED", "OPPOSES"] },
  Meeting: { Place: ["HELD_IN"] },
};

export function syntheticGraph(options: { nodes: number; edges: number; seed?: number }): GraphDocument {
  const r = new Rng(options.seed ?? 7);
  const articles: ArticleMeta[] = Array.from({ length: Math.max(20, Math.round(options.nodes / 50)) }, (_, i) => {
    const id = `bench-${String(i).padStart(5, "0")}`;
    return { id, file: `${id}.txt`, title: `Report ${i}`, publisher: `Outlet ${i % 9}`, url: null, date: "2025-01-01", sha256: "0".repeat(64), chars: 20_000 };
  });
  const nodes: SerializedNode[] = [];
  const byType = new Map<NodeType, string[]>(TYPES.map(([t]) => [t, []]));
  for (let i = 0; i < options.nodes; i++) {
    let roll = r.float();
    const [type, , prefix] = TYPES.find(([, share]) => (roll -= share) < 0) ?? TYPES[0]!;
    const label = `${type} ${i}`;
    const key = `${prefix}:${type.toLowerCase()}-${i}`;
    const article = r.pick(articles).id;
    const start = r.int(0, 19_000);
    nodes.push({ key, attributes: { type, label, aliases: [], mentions: [{ article, start, end: start + label.length }], x: r.float() * 200 - 100, y: r.float() * 200 - 100 } });
    byType.get(type)!.push(key);
  }
  const all = nodes.map((n) => n.key);
  const typeOf = new Map(nodes.map((n) => [n.key, n.attributes.type]));
  const hub = (pool: string[]) => pool[Math.floor(pool.length * Math.pow(r.float(), 2.2))]!;
  const edges: SerializedEdge[] = [];
  const seen = new Set<string>();
  for (let guard = 0; edges.length < options.edges && guard < options.edges * 50; guard++) {
    const source = hub(all);
    const fits = FITS[typeOf.get(source)!];
    let type: EdgeType = "CO_MENTIONED";
    let target = hub(all);
    if (fits && r.chance(0.6)) {
      const targetType = r.pick(Object.keys(fits) as NodeType[]);
      type = r.pick(fits[targetType]!);
      target = hub(byType.get(targetType)!);
    }
    const key = edgeKey(source, type, target);
    if (!target || target === source || seen.has(key)) continue;
    seen.add(key);
    const evidence = Array.from({ length: r.int(1, 3) }, (_, j) => {
      const start = r.int(0, 19_000);
      const quote = `passage ${edges.length}.${j}`;
      return { article: r.pick(articles).id, start, end: start + quote.length, quote };
    });
    edges.push({ key, source, target, attributes: { type, evidence, articleCount: new Set(evidence.map((e) => e.article)).size, publisherCount: 1 } });
  }
  nodes.sort((a, b) => (a.key < b.key ? -1 : 1));
  edges.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { version: 1, articles, graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges }, conflicts: [] };
}
