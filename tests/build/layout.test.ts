// lib/layout: above PLACE_MEETINGS_ABOVE nodes, ForceAtlas2 runs on the entities and each meeting
// is placed among its participants. A seeded synthetic graph of people, places and meetings.
import { describe, expect, it } from "vitest";
import type { GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";
import { layoutDocument, PLACE_MEETINGS_ABOVE, seededRandom } from "@/lib/layout";

function synthetic(people: number, meetings: number, seed: number): GraphDocument {
  const random = seededRandom(seed);
  const nodes: SerializedNode[] = [];
  const edges: SerializedEdge[] = [];
  for (let i = 0; i < people; i++) nodes.push({ key: `person:p${i}`, attributes: { type: "Person", label: `P${i}`, aliases: [], mentions: [] } } as unknown as SerializedNode);
  const edge = (source: string, type: string, target: string) =>
    edges.push({ key: `${source}|${type}|${target}`, source, target, attributes: { type, evidence: [] } } as unknown as SerializedEdge);
  for (let i = 0; i < people; i++) edge(`person:p${i}`, "CO_MENTIONED", `person:p${(i * 7 + 3) % people}`);
  for (let m = 0; m < meetings; m++) {
    const key = `meeting:m${m}`;
    nodes.push({ key, attributes: { type: "Meeting", label: `M${m}`, aliases: [], mentions: [] } } as unknown as SerializedNode);
    const a = Math.floor(random() * people);
    const b = (a + 1 + Math.floor(random() * (people - 1))) % people;
    edge(`person:p${a}`, "ATTENDED", key);
    edge(`person:p${b}`, "ATTENDED", key);
  }
  return { version: 1, articles: [], graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges }, conflicts: [] } as unknown as GraphDocument;
}

describe("layout", () => {
  it("should place each meeting of a large graph among its participants, the same way every run", () => {
    const doc = synthetic(200, 400, 7);
    expect(doc.graph.nodes.length).toBeGreaterThan(PLACE_MEETINGS_ABOVE);
    const first = layoutDocument(doc, { seed: 42 });
    expect(layoutDocument(doc, { seed: 42 })).toEqual(first);
    const at = new Map(first.graph.nodes.map((n) => [n.key, { x: Number(n.attributes.x), y: Number(n.attributes.y) }]));
    for (const p of at.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    const people = [...at].filter(([k]) => k.startsWith("person:")).map(([, p]) => p);
    const extent = Math.max(Math.max(...people.map((p) => p.x)) - Math.min(...people.map((p) => p.x)), Math.max(...people.map((p) => p.y)) - Math.min(...people.map((p) => p.y)));
    const spacing = extent / Math.sqrt(people.length);
    const attendees = new Map<string, string[]>();
    for (const e of doc.graph.edges) if (e.attributes.type === "ATTENDED") attendees.set(e.target, [...(attendees.get(e.target) ?? []), e.source]);
    for (const [meeting, who] of attendees) {
      const cx = who.reduce((s, k) => s + at.get(k)!.x, 0) / who.length;
      const cy = who.reduce((s, k) => s + at.get(k)!.y, 0) / who.length;
      const m = at.get(meeting)!;
      expect(Math.hypot(m.x - cx, m.y - cy), meeting).toBeLessThanOrEqual(spacing + 0.02);
    }
    // Two meetings of the same pair do not sit on one spot.
    const spots = new Set(first.graph.nodes.filter((n) => n.key.startsWith("meeting:")).map((n) => `${n.attributes.x},${n.attributes.y}`));
    expect(spots.size).toBe(400);
  });
});
