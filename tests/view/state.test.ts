import { describe, expect, it } from "vitest";
import {
  applyAll,
  clearNeighbourhood,
  clearPath,
  clearSelection,
  closePassage,
  DEFAULT_FILTERS,
  DEFAULT_HUB_CAP,
  escape,
  expandHub,
  filtersActive,
  focusNode,
  frameNodes,
  hoverNode,
  initialViewState,
  openPassage,
  pruneMissing,
  resetFilters,
  selectEdge,
  selectNode,
  setCamera,
  setDateWindow,
  setFade,
  setHubCap,
  setMinSources,
  setNeighbourhood,
  setPanel,
  setPathEnd,
  setRelationTypes,
  setSearch,
  setShowCoMentions,
  swapPath,
  toggleArticle,
  toggleNodeType,
  togglePublisher,
  toggleRelationType,
  type ViewState,
} from "@/lib/view/state";

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe("view state producers", () => {
  it("starts with nothing selected, no restriction and the co-mention layer off", () => {
    expect(initialViewState.selectedNode).toBeNull();
    expect(initialViewState.filters.showCoMentions).toBe(false);
    expect(initialViewState.filters.hiddenNodeTypes).toEqual([]);
    expect(filtersActive(initialViewState.filters)).toBe(false);
    expect(initialViewState.panel).toBe("details");
  });

  it("never mutate their input and stay JSON-serializable", () => {
    const start = deepFreeze(structuredClone(initialViewState));
    const end = applyAll(
      start,
      selectNode("person:a"),
      hoverNode("person:b"),
      setSearch("dmi"),
      setShowCoMentions(true),
      toggleNodeType("Place"),
      toggleRelationType("HEADS"),
      toggleArticle("a2"),
      togglePublisher("Wire"),
      setDateWindow("2025-10-01", "2025-10-31"),
      setMinSources(2),
      setNeighbourhood("person:a", 2),
      expandHub("org:x"),
      setCamera({ x: 0.5, y: 0.4, ratio: 0.7, angle: 0 }),
      openPassage({ article: "a1", start: 3, end: 9 }),
      focusNode("org:c", "C"),
    );
    expect(start).toEqual(initialViewState);
    expect(JSON.parse(JSON.stringify(end))).toEqual(end);
    expect(end).toMatchObject({
      selectedNode: "org:c",
      hoveredNode: "person:b",
      search: "C",
      filters: {
        showCoMentions: true,
        hiddenNodeTypes: ["Place"],
        relationTypes: ["HEADS"],
        articles: ["a2"],
        publishers: ["Wire"],
        dateFrom: "2025-10-01",
        dateTo: "2025-10-31",
        minSources: 2,
      },
      neighbourhood: { center: "person:a", hops: 2, cap: DEFAULT_HUB_CAP, expanded: ["org:x"] },
      cameraFocus: { nodes: ["org:c"], seq: 1 },
      camera: { x: 0.5, y: 0.4, ratio: 0.7, angle: 0 },
    });
  });

  it("return the same object when nothing changes", () => {
    const s = selectNode("person:a")(initialViewState);
    expect(selectNode("person:a")(s)).toBe(s);
    expect(hoverNode(null)(s)).toBe(s);
    expect(setSearch("")(s)).toBe(s);
    expect(setShowCoMentions(false)(s)).toBe(s);
    expect(closePassage()(s)).toBe(s);
    expect(setRelationTypes([])(s)).toBe(s);
    expect(setMinSources(1)(s)).toBe(s);
    expect(setDateWindow(null, null)(s)).toBe(s);
    expect(resetFilters()(s)).toBe(s);
    expect(clearNeighbourhood()(s)).toBe(s);
    expect(clearPath()(s)).toBe(s);
    expect(setCamera(null)(s)).toBe(s);
    const cam = setCamera({ x: 1, y: 2, ratio: 1, angle: 0 })(s);
    expect(setCamera({ x: 1, y: 2, ratio: 1, angle: 0 })(cam)).toBe(cam);
  });

  it("selecting another node closes the article reader; clearSelection clears", () => {
    const s = applyAll(initialViewState, selectNode("person:a"), openPassage({ article: "a1", start: 0, end: 4 }));
    expect(s.passage).toEqual({ article: "a1", start: 0, end: 4 });
    expect(selectNode("person:b")(s).passage).toBeNull();
    expect(clearSelection()(s)).toMatchObject({ selectedNode: null, passage: null });
  });

  it("node and edge selections exclude each other and bring the details tab", () => {
    const s = applyAll(initialViewState, setPanel("meetings"), selectEdge("a|HEADS|b"));
    expect(s).toMatchObject({ selectedEdge: "a|HEADS|b", selectedNode: null, panel: "details" });
    const n = selectNode("person:a")(s);
    expect(n).toMatchObject({ selectedEdge: null, selectedNode: "person:a" });
    expect(selectEdge("a|HEADS|b")(n)).toMatchObject({ selectedEdge: "a|HEADS|b", selectedNode: null });
  });

  it("focusNode selects and bumps the camera request even for the same node; frameNodes frames several", () => {
    const once = focusNode("person:a")(initialViewState);
    const twice = focusNode("person:a")(once);
    expect(once.cameraFocus).toEqual({ nodes: ["person:a"], seq: 1 });
    expect(twice.cameraFocus).toEqual({ nodes: ["person:a"], seq: 2 });
    expect(twice.selectedNode).toBe("person:a");
    expect(twice.search).toBe(initialViewState.search);
    expect(frameNodes(["a", "b"])(twice).cameraFocus).toEqual({ nodes: ["a", "b"], seq: 3 });
    expect(frameNodes([])(twice)).toBe(twice);
  });

  it("escape closes the reader first, then the selection", () => {
    const s = applyAll(initialViewState, selectNode("person:a"), openPassage({ article: "a1", start: 0, end: 1 }));
    const once = escape()(s);
    expect(once).toMatchObject({ passage: null, selectedNode: "person:a" });
    expect(escape()(once)).toMatchObject({ selectedNode: null });
    expect(escape()(initialViewState)).toBe(initialViewState);
  });
});

describe("filter producers", () => {
  it("toggleNodeType keeps the hidden list in NODE_TYPES order and toggles back", () => {
    const s = applyAll(initialViewState, toggleNodeType("Document"), toggleNodeType("Person"));
    expect(s.filters.hiddenNodeTypes).toEqual(["Person", "Document"]);
    expect(toggleNodeType("Person")(s).filters.hiddenNodeTypes).toEqual(["Document"]);
  });

  it("relation types stay in contract order; articles and publishers sorted and toggled", () => {
    const s = applyAll(initialViewState, toggleRelationType("ATTENDED"), toggleRelationType("HEADS"), toggleArticle("b"), toggleArticle("a"));
    expect(s.filters.relationTypes).toEqual(["HEADS", "ATTENDED"]);
    expect(s.filters.articles).toEqual(["a", "b"]);
    expect(toggleArticle("a")(s).filters.articles).toEqual(["b"]);
    expect(setRelationTypes(["OPPOSES", "HEADS"])(s).filters.relationTypes).toEqual(["HEADS", "OPPOSES"]);
  });

  it("a date window is put in order and rejects what is not a day", () => {
    expect(setDateWindow("2025-11-02", "2025-10-01")(initialViewState).filters).toMatchObject({ dateFrom: "2025-10-01", dateTo: "2025-11-02" });
    expect(setDateWindow("last week", "2025-10-01")(initialViewState).filters).toMatchObject({ dateFrom: null, dateTo: "2025-10-01" });
  });

  it("minSources is an integer of at least 1", () => {
    expect(setMinSources(0)(initialViewState).filters.minSources).toBe(1);
    expect(setMinSources(2.7)(initialViewState).filters.minSources).toBe(2);
    expect(setMinSources(Number.NaN)(initialViewState).filters.minSources).toBe(1);
  });

  it("filtersActive ignores display choices; resetFilters keeps fade", () => {
    const faded = setFade(true)(initialViewState);
    expect(filtersActive(faded.filters)).toBe(false);
    const s = applyAll(faded, setMinSources(3), toggleNodeType("Place"));
    expect(filtersActive(s.filters)).toBe(true);
    expect(resetFilters()(s).filters).toEqual({ ...DEFAULT_FILTERS, fade: true });
  });
});

describe("neighbourhood and path producers", () => {
  it("setNeighbourhood clamps hops, keeps the cap, resets expanded hubs for another centre and drops the path", () => {
    const s = applyAll(initialViewState, setPathEnd("from", "a"), setNeighbourhood("person:a", 7), setHubCap(5), expandHub("x"), expandHub("x"));
    expect(s.neighbourhood).toEqual({ center: "person:a", hops: 3, cap: 5, expanded: ["x"] });
    expect(s.path).toBeNull();
    expect(setNeighbourhood("person:a", 0)(s).neighbourhood).toMatchObject({ hops: 1, expanded: ["x"] });
    expect(setNeighbourhood("person:b", 2)(s).neighbourhood).toEqual({ center: "person:b", hops: 2, cap: 5, expanded: [] });
    expect(expandHub("y")(initialViewState)).toBe(initialViewState);
  });

  it("path ends: set one at a time, swap, clear; setting an end opens the path panel and drops the neighbourhood", () => {
    const s = applyAll(initialViewState, setNeighbourhood("n", 1), setPathEnd("from", "a"));
    expect(s).toMatchObject({ path: { from: "a", to: null }, neighbourhood: null, panel: "path" });
    const both = setPathEnd("to", "b")(s);
    expect(swapPath()(both).path).toEqual({ from: "b", to: "a" });
    expect(applyAll(both, setPathEnd("from", null), setPathEnd("to", null)).path).toBeNull();
  });
});

describe("pruneMissing", () => {
  it("forgets nodes, edges and articles that are not in the graph", () => {
    const s: ViewState = applyAll(
      initialViewState,
      focusNode("gone"),
      hoverNode("kept"),
      openPassage({ article: "a", start: 0, end: 1 }),
      toggleArticle("old"),
      toggleArticle("a"),
      setNeighbourhood("kept", 2),
      expandHub("gone"),
    );
    const pruned = pruneMissing(
      (k) => k === "kept",
      () => false,
      (id) => id === "a",
    )(s);
    expect(pruned).toMatchObject({ selectedNode: null, hoveredNode: "kept", cameraFocus: null, passage: null });
    expect(pruned.filters.articles).toEqual(["a"]);
    expect(pruned.neighbourhood).toMatchObject({ center: "kept", expanded: [] });
    const kept = pruneMissing(() => true)(s);
    expect(kept).toBe(s);
    const path = applyAll(initialViewState, setPathEnd("from", "gone"), setPathEnd("to", "kept"));
    expect(pruneMissing((k) => k === "kept")(path).path).toEqual({ from: null, to: "kept" });
  });
});
