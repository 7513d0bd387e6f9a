import { describe, expect, it } from "vitest";
import { filterChips } from "@/lib/view/chips";
import {
  applyAll,
  initialViewState,
  setDateField,
  setDateWindow,
  setDisputedOnly,
  setHideIsolated,
  setMinSources,
  setNeighbourhood,
  setPathEnd,
  setRelationTypes,
  setShowCoMentions,
  toggleArticle,
  toggleNodeType,
  togglePublisher,
} from "@/lib/view/state";
import { RELATION_TYPES } from "@/lib/contract";

const names = { article: (id: string) => `Title of ${id}`, node: (key: string) => key.split(":")[1]! };

describe("filterChips", () => {
  it("has no chip for the initial view", () => {
    expect(filterChips(initialViewState, names)).toEqual([]);
  });

  it("gives one chip per restriction, each removing exactly its restriction", () => {
    const s = applyAll(
      initialViewState,
      toggleNodeType("Place"),
      setRelationTypes(["HEADS", "ATTENDED"]),
      toggleArticle("a1"),
      togglePublisher("Wire"),
      setDateWindow("2025-10-01", "2025-10-31"),
      setMinSources(2),
      setShowCoMentions(true),
      setDisputedOnly(true),
      setHideIsolated(true),
    );
    const chips = filterChips(s, names);
    expect(chips.map((c) => c.label)).toEqual([
      "No Place",
      "Relation: Heads",
      "Relation: Attended",
      "Source: Title of a1",
      "Publisher: Wire",
      "Event date: 1 Oct 2025 – 31 Oct 2025",
      "≥ 2 sources",
      "Co-mentions shown",
      "Only disputed facts",
      "No isolated entities",
    ]);
    for (const chip of chips) {
      const after = chip.remove(s);
      const left = filterChips(after, names).map((c) => c.id);
      expect(left, chip.id).toEqual(chips.map((c) => c.id).filter((id) => id !== chip.id));
    }
  });

  it("sums up long lists in one chip", () => {
    const most = RELATION_TYPES.filter((t) => t !== "OPPOSES");
    const s = applyAll(initialViewState, setRelationTypes(most), toggleArticle("a"), toggleArticle("b"), toggleArticle("c"));
    const chips = filterChips(s, names);
    expect(chips.map((c) => c.label)).toEqual(["Relations: all but Opposes", "Sources: 3 articles"]);
    expect(chips[0]!.remove(s).filters.relationTypes).toEqual([]);
    expect(chips[1]!.remove(s).filters.articles).toEqual([]);
  });

  it("names the publication-date window and the neighbourhood or path", () => {
    const s = applyAll(initialViewState, setDateField("publication"), setDateWindow("2025-10-01", null), setNeighbourhood("person:alice", 2));
    expect(filterChips(s, names).map((c) => c.label)).toEqual(["Published: from 1 Oct 2025", "Around alice · 2 hops"]);
    const p = applyAll(initialViewState, setPathEnd("from", "person:a"), setPathEnd("to", "org:b"));
    const chip = filterChips(p, names)[0]!;
    expect(chip.label).toBe("Path: a → b");
    expect(chip.remove(p).path).toBeNull();
  });
});
