import { describe, expect, it } from "vitest";
import { buildDataGraph, buildRenderGraph } from "@/lib/view/graphs";
import { neighbourhoodView } from "@/lib/view/neighbourhood";
import type { NeighbourhoodState } from "@/lib/view/state";
import { eventsDoc } from "./fixture-events";

// Acme has 7 members besides Alice (head) and Bob: a hub.
const render = buildRenderGraph(buildDataGraph(eventsDoc(7)));
const typed = (edge: string) => !render.getEdgeAttribute(edge, "coMention");
const all = () => true;
const nb = (center: string, hops: number, cap = 10, expanded: string[] = []): NeighbourhoodState => ({ center, hops, cap, expanded });

describe("neighbourhoodView", () => {
  it("walks the visible edges in both directions, recording distances", () => {
    const v = neighbourhoodView(render, nb("place:paris", 2), { edgeVisible: typed, nodeVisible: all })!;
    expect(Object.fromEntries(v.nodes)).toEqual({ "place:paris": 0, "meeting:m1": 1, "person:alice": 2, "person:bob": 2, "place:rome": 2 });
    expect(v.capped).toEqual([]);
  });

  it("skips edges and nodes that are not drawn", () => {
    const v = neighbourhoodView(render, nb("person:alice", 1), { edgeVisible: typed, nodeVisible: (n) => n !== "doc:plan" })!;
    expect([...v.nodes.keys()].sort()).toEqual(["meeting:m1", "meeting:m3", "org:acme", "person:alice"]);
    const co = neighbourhoodView(render, nb("person:alice", 1), { edgeVisible: all, nodeVisible: all })!;
    expect(co.nodes.has("person:dave")).toBe(true);
  });

  it("caps a hub to its best connected neighbours and says how many it left out", () => {
    const v = neighbourhoodView(render, nb("org:acme", 1, 3), { edgeVisible: typed, nodeVisible: all })!;
    expect(v.nodes.size).toBe(4);
    // Alice (degree 5) and Bob (3) come first, then the members by label
    expect([...v.nodes.keys()]).toEqual(["org:acme", "person:alice", "person:bob", "person:member-0"]);
    expect(v.capped).toEqual([{ hub: "org:acme", shown: 3, more: 6 }]);
  });

  it("an expanded hub shows everything", () => {
    const v = neighbourhoodView(render, nb("org:acme", 1, 3, ["org:acme"]), { edgeVisible: typed, nodeVisible: all })!;
    expect(v.nodes.size).toBe(10);
    expect(v.capped).toEqual([]);
  });

  it("a neighbour cut at one hub but reached through another is not counted as more", () => {
    // From Bob: Acme (hop 1) is capped at 1 at hop 2, but Alice is reached through the meeting anyway.
    const v = neighbourhoodView(render, nb("person:bob", 2, 1), { edgeVisible: typed, nodeVisible: all })!;
    expect(v.nodes.has("person:alice")).toBe(true);
    const acme = v.capped.find((c) => c.hub === "org:acme");
    expect(acme?.more).toBe(7);
  });

  it("returns null for an unknown centre", () => {
    expect(neighbourhoodView(render, nb("person:nobody", 1), { edgeVisible: all, nodeVisible: all })).toBeNull();
  });
});
