// A synthetic GraphDocument of any size for the benchmark (./bench.ts): deterministic (seeded), shaped like a
// news graph — every node type, hubs (preferential attachment), meetings with stated dates (some unnormalized,
// some conflicting), typed relations chosen by the types of their ends, a co-mention layer, several passages
// per edge from articles with publishers and dates, aliases and mentions. Not real data: names are made of
// syllables, quotes are placeholders of the right length.

import {
  edgeKey,
  type ArticleMeta,
  type Conflict,
  type EdgeType,
  type Evidence,
  type GraphDocument,
  type NodeType,
  type SerializedEdge,
  type SerializedNode,
  type StatedDate,
} from "@/lib/contract";

function mulberry32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ["ka", "ro", "mi", "len", "sta", "vor", "da", "ni", "el", "tur", "bas", "ko", "ri", "an", "zel", "mar", "to", "vi", "sha", "pe"];
const OUTLETS = ["Daily Ledger", "Wire Service", "Morning Post", "Le Courrier", "Der Bote", "Global Times", "Kyiv Herald", "The Observer"];
const TYPE_SHARE: [NodeType, number][] = [
  ["Person", 0.45],
  ["Organization", 0.25],
  ["Place", 0.1],
  ["Meeting", 0.12],
  ["Document", 0.08],
];

/** Relation types that fit a (source type, target type) pair; CO_MENTIONED fits any pair. */
const FITS: Partial<Record<NodeType, Partial<Record<NodeType, EdgeType[]>>>> = {
  Person: {
    Person: ["MET_WITH", "RELATIVE_OF", "ADVISES"],
    Organization: ["HEADS", "MEMBER_OF", "ADVISES"],
    Meeting: ["ATTENDED"],
    Document: ["DRAFTED", "SUPPORTS", "OPPOSES"],
  },
  Organization: {
    Organization: ["PART_OF", "SANCTIONED", "MEMBER_OF"],
    Person: ["SANCTIONED"],
    Meeting: ["ATTENDED", "REPORTED"],
    Document: ["DRAFTED", "SUPPORTS", "OPPOSES", "REPORTED"],
  },
  Meeting: { Place: ["HELD_IN"] },
  Place: { Place: ["PART_OF"] },
};

function isoDay(base: number, offsetDays: number): string {
  return new Date(base + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export interface SyntheticOptions {
  nodes: number;
  edges: number;
  articles?: number;
  seed?: number;
}

export function syntheticGraph(options: SyntheticOptions): GraphDocument {
  const rnd = mulberry32(options.seed ?? 2024);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const base = Date.UTC(2024, 0, 1);

  const articleCount = options.articles ?? Math.max(20, Math.round(options.nodes / 50));
  const articles: ArticleMeta[] = Array.from({ length: articleCount }, (_, i) => ({
    id: `syn-${String(i).padStart(5, "0")}`,
    file: `syn-${String(i).padStart(5, "0")}.txt`,
    title: `Synthetic report ${i}`,
    publisher: i % 9 === 0 ? null : OUTLETS[i % OUTLETS.length]!,
    url: null,
    date: i % 11 === 0 ? null : isoDay(base, Math.floor(rnd() * 700)),
    sha256: "0".repeat(64),
    chars: 20_000,
  }));
  const publisherOf = new Map(articles.map((a) => [a.id, a.publisher]));

  const name = (words: number) =>
    Array.from({ length: words }, () => {
      const w = Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => pick(SYLLABLES)).join("");
      return w[0]!.toUpperCase() + w.slice(1);
    }).join(" ");

  const pools = new Map<NodeType, string[]>(TYPE_SHARE.map(([t]) => [t, []]));
  const nodes: SerializedNode[] = [];
  const usedKeys = new Set<string>();
  for (let i = 0; i < options.nodes; i++) {
    let r = rnd();
    let type: NodeType = "Person";
    for (const [t, share] of TYPE_SHARE) {
      if (r < share) {
        type = t;
        break;
      }
      r -= share;
    }
    const label = type === "Person" ? name(2) : type === "Meeting" ? `talks ${i}` : name(1 + Math.floor(rnd() * 2));
    const prefix = { Person: "person", Organization: "org", Place: "place", Meeting: "meeting", Document: "doc" }[type];
    let key = `${prefix}:${label.toLowerCase().replace(/\s+/g, "-")}`;
    if (usedKeys.has(key)) key = `${key}-${i}`;
    usedKeys.add(key);
    const mentions = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
      const start = Math.floor(rnd() * 19_000);
      return { article: pick(articles).id, start, end: start + label.length };
    });
    const attributes: SerializedNode["attributes"] = {
      type,
      label,
      aliases: rnd() < 0.15 ? [label.split(" ").pop()!] : [],
      mentions,
      articleCount: new Set(mentions.map((m) => m.article)).size,
      x: Math.round(rnd() * 20_000) / 100 - 100,
      y: Math.round(rnd() * 20_000) / 100 - 100,
    };
    if (type === "Meeting") {
      const day = Math.floor(rnd() * 700);
      const dates: StatedDate[] = [{ text: `day ${day}`, start: isoDay(base, day), end: isoDay(base, day + Math.floor(rnd() * 3)), article: mentions[0]!.article }];
      if (rnd() < 0.3) dates.push({ text: "last week", start: null, end: null, article: pick(articles).id });
      attributes.date = dates[0]!;
      attributes.dates = dates;
      attributes.description = `meeting ${i}`;
    }
    nodes.push({ key, attributes });
    pools.get(type)!.push(key);
  }
  const typeOf = new Map(nodes.map((n) => [n.key, n.attributes.type]));

  // Preferential attachment: low indexes are picked far more often (hubs).
  const hubPick = (pool: string[]) => pool[Math.floor(pool.length * rnd() ** 2.2)]!;
  const allKeys = nodes.map((n) => n.key);
  const edges: SerializedEdge[] = [];
  const seen = new Set<string>();
  const passage = (article: string, tag: string): Evidence => {
    const start = Math.floor(rnd() * 19_000);
    const quote = `passage ${tag}`;
    return { article, start, end: start + quote.length, quote };
  };
  let guard = 0;
  while (edges.length < options.edges && guard++ < options.edges * 50) {
    const source = hubPick(allKeys);
    const sourceType = typeOf.get(source)!;
    let type: EdgeType = "CO_MENTIONED";
    let target: string;
    const fits = FITS[sourceType];
    if (rnd() < 0.6 && fits) {
      const targetType = pick(Object.keys(fits) as NodeType[]);
      type = pick(fits[targetType]!);
      target = hubPick(pools.get(targetType)!);
    } else {
      target = hubPick(allKeys);
    }
    if (!target || target === source) continue;
    const key = edgeKey(source, type, target);
    if (seen.has(key)) continue;
    seen.add(key);
    const evidence = Array.from({ length: 1 + Math.floor(rnd() ** 2 * 3) }, (_, j) => passage(pick(articles).id, `${edges.length}.${j}`));
    const attributes: SerializedEdge["attributes"] = {
      type,
      evidence,
      articleCount: new Set(evidence.map((e) => e.article)).size,
      publisherCount: new Set(evidence.map((e) => publisherOf.get(e.article) ?? `article:${e.article}`)).size,
    };
    if (type === "HEADS" && rnd() < 0.5) attributes.note = "chief executive";
    edges.push({ key, source, target, attributes });
  }

  const conflicts: Conflict[] = [];
  for (const meeting of pools.get("Meeting")!.slice(0, Math.ceil(pools.get("Meeting")!.length / 20))) {
    const a = pick(articles).id;
    const b = pick(articles).id;
    conflicts.push({
      subject: meeting,
      field: "date",
      claims: [
        { value: "Monday", evidence: passage(a, "Monday") },
        { value: "Tuesday", evidence: passage(b, "Tuesday") },
      ],
    });
  }

  nodes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  edges.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    version: 1,
    articles,
    graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges },
    conflicts,
  };
}
