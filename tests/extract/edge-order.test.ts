// lib/extract/assemble's sortEdgesByKey: the order a comparison of keys gives, found by numbers.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edgeKey, type EdgeType } from "@/lib/contract";
import { sortEdgesByKey } from "@/lib/extract/assemble";

type Edge = { key: string; source: string; target: string; attributes: { type: string } };

const edge = (source: string, type: string, target: string): Edge => ({ key: edgeKey(source, type as EdgeType, target), source, target, attributes: { type } });
const byComparingKeys = (edges: Edge[]) => edges.slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
const keys = (edges: Edge[]) => edges.map((e) => e.key);

describe("lib/extract/assemble sortEdgesByKey", () => {
  it("should order keys whose sources or types are prefixes of others as the keys compare", () => {
    // "a|…" sorts after "a-b|…" ('|' is above '-') but before "a~|…"; "MET|…" after "MET_WITH|…".
    const edges = [edge("a", "SUPPORTS", "x"), edge("a-b", "SUPPORTS", "x"), edge("a~", "SUPPORTS", "x"), edge("a", "MET", "y"), edge("a", "MET_WITH", "y"), edge("a", "MET", "y-z"), edge("a", "MET", "Y")];
    const sorted = edges.slice();
    sortEdgesByKey(sorted);
    expect(keys(sorted)).toEqual(keys(byComparingKeys(edges)));
    expect(keys(sorted)).toEqual(["a-b|SUPPORTS|x", "a|MET_WITH|y", "a|MET|Y", "a|MET|y", "a|MET|y-z", "a|SUPPORTS|x", "a~|SUPPORTS|x"]);
  });

  it("should give the order of a comparison of keys on random keys (seeded)", () => {
    const part = fc.stringMatching(/^[a-c|~:-]{0,3}$/);
    const typeName = fc.constantFrom("MET", "MET_WITH", "HEADS", "CO_MENTIONED", "A|B");
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(part, typeName, part), { selector: (t) => t.join("|"), maxLength: 60 }), (triples) => {
        const edges = triples.map(([s, t, x]) => edge(s, t, x));
        if (new Set(keys(edges)).size !== edges.length) return; // "a|b" + "c" and "a" + "b|c" make one key: not edges of one graph
        const sorted = edges.slice();
        sortEdgesByKey(sorted);
        expect(keys(sorted)).toEqual(keys(byComparingKeys(edges)));
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });
});
