import { describe, expect, it } from "vitest";
import {
  applyAll,
  expandHub,
  initialViewState,
  openPassage,
  selectEdge,
  selectNode,
  setCamera,
  setDateField,
  setDateWindow,
  setDisputedOnly,
  setFade,
  setHideIsolated,
  setHubCap,
  setIncludeUndated,
  setMinSources,
  setNeighbourhood,
  setPanel,
  setPathEnd,
  setRelationTypes,
  setShowCoMentions,
  toggleArticle,
  toggleNodeType,
  togglePublisher,
  hoverNode,
  setSearch,
} from "@/lib/view/state";
import { queryFromRecord, viewFromQuery, viewToQuery } from "@/lib/view/url";

/** What the URL keeps: everything but the hover, the search text and camera requests. */
const shareable = (s: typeof initialViewState) => ({ ...s, hoveredNode: null, search: "", cameraFocus: null });

describe("view ↔ URL", () => {
  it("the initial view is the empty query", () => {
    expect(viewToQuery(initialViewState)).toBe("");
    expect(viewFromQuery("")).toEqual(initialViewState);
  });

  it("round-trips selection, filters, time window, neighbourhood, panel, passage and camera", () => {
    const s = applyAll(
      initialViewState,
      toggleNodeType("Place"),
      toggleNodeType("Document"),
      setRelationTypes(["HEADS", "ATTENDED"]),
      toggleArticle("000_abc"),
      toggleArticle("a,b"),
      togglePublisher("Reuters & Co"),
      setDateField("publication"),
      setDateWindow("2025-10-01", "2025-10-31"),
      setIncludeUndated(false),
      setMinSources(2),
      setShowCoMentions(true),
      setDisputedOnly(true),
      setHideIsolated(true),
      setFade(true),
      setNeighbourhood("person:kirill-dmitriev", 2),
      setHubCap(5),
      expandHub("org:x"),
      selectNode("meeting:miami|x"),
      setPanel("meetings"),
      openPassage({ article: "000_abc", start: 12, end: 40 }),
      setCamera({ x: 0.512345678, y: -0.25, ratio: 0.3, angle: 0 }),
      hoverNode("person:z"),
      setSearch("kir"),
    );
    const query = viewToQuery(s);
    expect(query).toContain("nb=person:kirill-dmitriev");
    expect(query).toContain("hide=Place,Document");
    const back = viewFromQuery(query);
    expect(back).toEqual(shareable({ ...s, camera: { x: 0.51235, y: -0.25, ratio: 0.3, angle: 0 } }));
    expect(viewToQuery(back)).toBe(query);
  });

  it("round-trips a path and an edge selection", () => {
    const s = applyAll(initialViewState, setPathEnd("from", "person:a"), setPathEnd("to", "org:b"), selectEdge("person:a|HEADS|org:b"));
    const back = viewFromQuery(`?${viewToQuery(s)}`);
    expect(back.path).toEqual({ from: "person:a", to: "org:b" });
    expect(back.selectedEdge).toBe("person:a|HEADS|org:b");
    expect(back.panel).toBe("details");
  });

  it("drops what it cannot read instead of failing", () => {
    const v = viewFromQuery("hide=Place,Nope&rel=heads,BOGUS&from=2025-13-01&to=yesterday&min=-3&hops=9&nb=person:a&cam=1,2,x,4&panel=secret&at=3-&read=a1&dates=weird&co=yes");
    expect(v.filters).toMatchObject({ hiddenNodeTypes: ["Place"], relationTypes: ["HEADS"], dateFrom: null, dateTo: null, minSources: 1, dateField: "event", showCoMentions: false });
    expect(v.neighbourhood).toMatchObject({ center: "person:a", hops: 1 });
    expect(v.camera).toBeNull();
    expect(v.panel).toBe("details");
    expect(v.passage).toBeNull();
  });

  it("a path wins over a neighbourhood, and a node over an edge", () => {
    const v = viewFromQuery("nb=person:a&pfrom=person:b&node=person:c&edge=x");
    expect(v.neighbourhood).toBeNull();
    expect(v.path).toEqual({ from: "person:b", to: null });
    expect(v.selectedEdge).toBeNull();
  });

  it("queryFromRecord turns Next's searchParams back into a query", () => {
    expect(viewFromQuery(queryFromRecord({ node: "person:a", art: ["x", "y"], nothing: undefined })).filters.articles).toEqual(["x", "y"]);
  });
});
