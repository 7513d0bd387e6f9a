// A hand-written GraphDocument with meetings, dates, publishers and conflicts, for the filter, timeline,
// conflict, neighbourhood, path and URL tests. Quotes are made up (these tests never read article texts).
import type { Evidence, GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";

let offset = 0;
const ev = (article: string, quote: string): Evidence => {
  const start = offset;
  offset += quote.length + 1;
  return { article, start, end: start + quote.length, quote };
};

type NodeSpec = [key: string, type: SerializedNode["attributes"]["type"], label: string, extra?: Partial<SerializedNode["attributes"]>];

function node([key, type, label, extra]: NodeSpec, i: number): SerializedNode {
  return { key, attributes: { type, label, aliases: [], mentions: [], x: (i % 5) * 10, y: Math.floor(i / 5) * 10, ...extra } };
}

function edge(source: string, type: SerializedEdge["attributes"]["type"], target: string, evidence: Evidence[], note?: string): SerializedEdge {
  const attributes: SerializedEdge["attributes"] = { type, evidence, articleCount: new Set(evidence.map((e) => e.article)).size };
  if (note) attributes.note = note;
  return { key: `${source}|${type}|${target}`, source, target, attributes };
}

/**
 * Articles: a1 (Wire, 2025-10-20), a2 (Daily, 2025-11-05), a3 (no publisher, no date).
 * Meetings: m1 (10–12 Oct by a1, 15 Oct by a2: a date conflict; held in Paris by a1, Rome by a2: a place
 * conflict), m2 (undated), m3 (1 Dec). Alice heads Acme (two sources) and is "CEO" or "chair" (a title
 * conflict). `members` extra people are members of Acme (to make it a hub).
 */
export function eventsDoc(members = 0): GraphDocument {
  offset = 0;
  const specs: NodeSpec[] = [
    ["person:alice", "Person", "Alice Archer", { aliases: ["Archer"], mentions: [{ article: "a1", start: 0, end: 5 }, { article: "a2", start: 3, end: 8 }] }],
    ["person:bob", "Person", "Bob Brown", { mentions: [{ article: "a1", start: 10, end: 13 }] }],
    ["person:carol", "Person", "Carol Chen", { mentions: [{ article: "a3", start: 0, end: 5 }] }],
    ["person:dave", "Person", "Dave Diaz", { mentions: [{ article: "a3", start: 20, end: 24 }] }],
    ["org:acme", "Organization", "Acme Corp", { mentions: [{ article: "a1", start: 30, end: 34 }] }],
    ["place:paris", "Place", "Paris"],
    ["place:rome", "Place", "Rome"],
    [
      "meeting:m1",
      "Meeting",
      "Meeting in Paris",
      {
        date: { text: "October 10–12", start: "2025-10-10", end: "2025-10-12", article: "a1" },
        dates: [
          { text: "October 10–12", start: "2025-10-10", end: "2025-10-12", article: "a1" },
          { text: "October 15", start: "2025-10-15", end: "2025-10-15", article: "a2" },
        ],
      },
    ],
    ["meeting:m2", "Meeting", "Meeting somewhere", { dates: [{ text: "recently", start: null, end: null, article: "a3" }] }],
    ["meeting:m3", "Meeting", "December summit", { date: { text: "December 1", start: "2025-12-01", end: "2025-12-01", article: "a2" } }],
    ["doc:plan", "Document", "The plan"],
  ];
  for (let i = 0; i < members; i++) specs.push([`person:member-${i}`, "Person", `Member ${String.fromCharCode(65 + i)}`]);
  const m1Paris = ev("a1", "met in Paris on October 10–12");
  const m1Rome = ev("a2", "the Rome meeting on October 15");
  const aliceCeo = ev("a1", "Alice Archer, CEO of Acme");
  const aliceChair = ev("a2", "Acme chair Alice Archer");
  const edges: SerializedEdge[] = [
    edge("person:alice", "ATTENDED", "meeting:m1", [ev("a1", "Alice attended"), ev("a2", "Alice was there")]),
    edge("person:bob", "ATTENDED", "meeting:m1", [ev("a1", "Bob attended")]),
    edge("person:carol", "ATTENDED", "meeting:m2", [ev("a3", "Carol attended")]),
    edge("person:alice", "ATTENDED", "meeting:m3", [ev("a2", "Alice at the summit")]),
    edge("meeting:m1", "HELD_IN", "place:paris", [m1Paris]),
    edge("meeting:m1", "HELD_IN", "place:rome", [m1Rome]),
    edge("person:alice", "HEADS", "org:acme", [aliceCeo, aliceChair], "CEO"),
    edge("person:bob", "MEMBER_OF", "org:acme", [ev("a2", "Bob of Acme")]),
    edge("person:dave", "ADVISES", "person:carol", [ev("a3", "Dave advises Carol")]),
    edge("person:alice", "DRAFTED", "doc:plan", [ev("a1", "Alice drafted the plan")]),
    edge("person:alice", "CO_MENTIONED", "person:dave", [ev("a3", "Alice and Dave")]),
  ];
  for (let i = 0; i < members; i++) edges.push(edge(`person:member-${i}`, "MEMBER_OF", "org:acme", [ev("a1", `member ${i}`)]));
  return {
    version: 1,
    articles: [
      { id: "a1", file: "a1.txt", title: "Summit in Paris", publisher: "Wire", url: null, date: "2025-10-20", sha256: "1", chars: 1000 },
      { id: "a2", file: "a2.txt", title: "Rome talks", publisher: "Daily", url: null, date: "2025-11-05", sha256: "2", chars: 1000 },
      { id: "a3", file: "a3.txt", title: null, publisher: null, url: null, date: null, sha256: "3", chars: 1000 },
    ],
    graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes: specs.map(node), edges },
    conflicts: [
      {
        subject: "meeting:m1",
        field: "date",
        claims: [
          { value: "October 10–12", evidence: m1Paris },
          { value: "October 15", evidence: m1Rome },
        ],
      },
      {
        subject: "meeting:m1",
        field: "place",
        claims: [
          { value: "Paris", evidence: m1Paris },
          { value: "Rome", evidence: m1Rome },
        ],
      },
      {
        subject: "person:alice",
        field: "title",
        claims: [
          { value: "CEO", evidence: aliceCeo },
          { value: "chair", evidence: aliceChair },
        ],
      },
    ],
  };
}
