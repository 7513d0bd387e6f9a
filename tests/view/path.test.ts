import { describe, expect, it } from "vitest";
import { articleIndex } from "@/lib/view/details";
import { buildDataGraph } from "@/lib/view/graphs";
import { findPath } from "@/lib/view/path";
import { eventsDoc } from "./fixture-events";

const doc = eventsDoc();
const data = buildDataGraph(doc);
const articles = articleIndex(doc.articles);
const typed = (edge: string) => data.getEdgeAttribute(edge, "type") !== "CO_MENTIONED";

describe("findPath", () => {
  it("finds the fewest hops over typed relations, walking edges either way, with each hop's evidence", () => {
    const p = findPath(data, articles, "place:paris", "org:acme", typed)!;
    expect(p.nodes).toEqual(["place:paris", "meeting:m1", "person:alice", "org:acme"]);
    expect(p.hops.map((h) => [h.type, h.direction])).toEqual([
      ["HELD_IN", "backward"],
      ["ATTENDED", "backward"],
      ["HEADS", "forward"],
    ]);
    expect(p.hops[2]).toMatchObject({ articleCount: 2, note: "CEO" });
    expect(p.hops[2]!.evidence[0]).toMatchObject({ article: "a1", articleRef: { name: "Summit in Paris" } });
    expect(p.edges).toEqual(p.hops.map((h) => h.edge));
  });

  it("breaks ties by the smallest node keys (the same rule as lib/graph)", () => {
    // Bob → Acme directly (MEMBER_OF) is one hop; Bob → Alice has two shortest paths (via m1 or Acme).
    const p = findPath(data, articles, "person:bob", "person:alice", typed)!;
    expect(p.nodes).toEqual(["person:bob", "meeting:m1", "person:alice"]);
  });

  it("uses co-mentions only when they are drawn, and returns null when nothing connects", () => {
    expect(findPath(data, articles, "person:alice", "person:dave", typed)).toBeNull();
    const p = findPath(data, articles, "person:alice", "person:dave", () => true)!;
    expect(p.hops.map((h) => h.type)).toEqual(["CO_MENTIONED"]);
  });

  it("respects hidden nodes between the ends, never the ends themselves", () => {
    const noMeetings = (n: string) => !n.startsWith("meeting:");
    const p = findPath(data, articles, "person:bob", "person:alice", typed, noMeetings)!;
    expect(p.nodes).toEqual(["person:bob", "org:acme", "person:alice"]);
    expect(findPath(data, articles, "meeting:m1", "person:bob", typed, noMeetings)?.nodes).toEqual(["meeting:m1", "person:bob"]);
  });

  it("handles the same node and unknown nodes", () => {
    expect(findPath(data, articles, "person:bob", "person:bob", typed)).toMatchObject({ nodes: ["person:bob"], hops: [] });
    expect(findPath(data, articles, "person:bob", "person:nobody", typed)).toBeNull();
  });
});
