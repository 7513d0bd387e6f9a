import { describe, expect, it } from "vitest";
import {
  applyAll,
  clearSelection,
  closePassage,
  focusNode,
  hoverNode,
  initialViewState,
  openPassage,
  pruneMissing,
  selectNode,
  setSearch,
  setShowCoMentions,
  toggleNodeType,
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
  it("starts with nothing selected and the co-mention layer off", () => {
    expect(initialViewState.selectedNode).toBeNull();
    expect(initialViewState.showCoMentions).toBe(false);
    expect(initialViewState.hiddenNodeTypes).toEqual([]);
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
      openPassage({ article: "a1", start: 3, end: 9 }),
      focusNode("org:c", "C"),
    );
    expect(start).toEqual(initialViewState);
    expect(JSON.parse(JSON.stringify(end))).toEqual(end);
    expect(end).toMatchObject({
      selectedNode: "org:c",
      hoveredNode: "person:b",
      search: "C",
      showCoMentions: true,
      hiddenNodeTypes: ["Place"],
      cameraFocus: { node: "org:c", seq: 1 },
    });
  });

  it("return the same object when nothing changes", () => {
    const s = selectNode("person:a")(initialViewState);
    expect(selectNode("person:a")(s)).toBe(s);
    expect(hoverNode(null)(s)).toBe(s);
    expect(setSearch("")(s)).toBe(s);
    expect(setShowCoMentions(false)(s)).toBe(s);
    expect(closePassage()(s)).toBe(s);
  });

  it("selecting another node closes the article reader; clearSelection clears", () => {
    const s = applyAll(initialViewState, selectNode("person:a"), openPassage({ article: "a1", start: 0, end: 4 }));
    expect(s.passage).toEqual({ article: "a1", start: 0, end: 4 });
    expect(selectNode("person:b")(s).passage).toBeNull();
    expect(clearSelection()(s)).toMatchObject({ selectedNode: null, passage: null });
  });

  it("focusNode selects and bumps the camera request even for the same node", () => {
    const once = focusNode("person:a")(initialViewState);
    const twice = focusNode("person:a")(once);
    expect(once.cameraFocus).toEqual({ node: "person:a", seq: 1 });
    expect(twice.cameraFocus).toEqual({ node: "person:a", seq: 2 });
    expect(twice.selectedNode).toBe("person:a");
    expect(twice.search).toBe(initialViewState.search);
  });

  it("toggleNodeType keeps the hidden list in NODE_TYPES order and toggles back", () => {
    const s = applyAll(initialViewState, toggleNodeType("Document"), toggleNodeType("Person"));
    expect(s.hiddenNodeTypes).toEqual(["Person", "Document"]);
    expect(toggleNodeType("Person")(s).hiddenNodeTypes).toEqual(["Document"]);
  });

  it("pruneMissing forgets nodes that are not in the graph", () => {
    const s: ViewState = applyAll(initialViewState, focusNode("gone"), hoverNode("kept"), openPassage({ article: "a", start: 0, end: 1 }));
    const pruned = pruneMissing((k) => k === "kept")(s);
    expect(pruned).toMatchObject({ selectedNode: null, hoveredNode: "kept", cameraFocus: null, passage: null });
    const kept = pruneMissing(() => true)(s);
    expect(kept).toBe(s);
  });
});
