import { describe, expect, it } from "vitest";
import { buildModel } from "@/lib/view/model";
import {
  applyAll,
  initialViewState,
  setDateField,
  setDateWindow,
  setDisputedOnly,
  setHideIsolated,
  setIncludeUndated,
  setMinSources,
  setRelationTypes,
  setShowCoMentions,
  toggleArticle,
  toggleNodeType,
  togglePublisher,
  type Producer,
} from "@/lib/view/state";
import { computeVisibility, drawnCounts, type Visibility } from "@/lib/view/visibility";
import { eventsDoc } from "./fixture-events";

const model = buildModel(eventsDoc());
const vis = (...producers: Producer[]): Visibility => computeVisibility(model.filterContext, applyAll(initialViewState, ...producers).filters);
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe("computeVisibility", () => {
  it("without filters shows every node and every typed relation, not the co-mention layer", () => {
    const v = vis();
    expect(v.counts.nodes).toBe(model.data.order);
    expect(v.counts.relations).toBe(10);
    expect(v.counts.coMentions).toBe(0);
    expect(v.edges.has("person:alice|CO_MENTIONED|person:dave")).toBe(false);
    expect(vis(setShowCoMentions(true)).edges.has("person:alice|CO_MENTIONED|person:dave")).toBe(true);
    expect(v.counts.byNodeType).toEqual({ Person: 4, Organization: 1, Place: 2, Meeting: 3, Document: 1 });
  });

  it("entity types switched off take their edges with them", () => {
    const v = vis(toggleNodeType("Meeting"));
    expect(v.nodes.has("meeting:m1")).toBe(false);
    expect([...v.edges].some((e) => e.includes("ATTENDED") || e.includes("HELD_IN"))).toBe(false);
    expect(v.counts.byNodeType.Meeting).toBe(0);
    expect(v.counts.relations).toBe(4);
  });

  it("relation types keep only the chosen typed relations; counts per type ignore that choice", () => {
    const v = vis(setRelationTypes(["ATTENDED"]));
    expect(sorted(v.edges)).toEqual([
      "person:alice|ATTENDED|meeting:m1",
      "person:alice|ATTENDED|meeting:m3",
      "person:bob|ATTENDED|meeting:m1",
      "person:carol|ATTENDED|meeting:m2",
    ]);
    expect(v.counts.byRelationType.HEADS).toBe(1);
    expect(v.counts.byRelationType.ATTENDED).toBe(4);
    // nodes stay (isolated) unless asked otherwise
    expect(v.nodes.has("doc:plan")).toBe(true);
    expect(vis(setRelationTypes(["ATTENDED"]), setHideIsolated(true)).nodes.has("doc:plan")).toBe(false);
  });

  it("minSources counts distinct articles", () => {
    const v = vis(setMinSources(2));
    expect(sorted(v.edges)).toEqual(["person:alice|ATTENDED|meeting:m1", "person:alice|HEADS|org:acme"]);
    expect(v.edgeSources.get("person:alice|HEADS|org:acme")).toBe(2);
  });

  it("source filters restrict evidence: edges without evidence left go, nodes need a mention or a kept edge", () => {
    const v = vis(toggleArticle("a3"));
    expect(v.edges.has("person:dave|ADVISES|person:carol")).toBe(true);
    expect(v.edges.has("person:alice|HEADS|org:acme")).toBe(false);
    expect(v.nodes.has("person:carol")).toBe(true);
    expect(v.nodes.has("org:acme")).toBe(false);
    expect(v.articlePasses("a3")).toBe(true);
    expect(v.articlePasses("a1")).toBe(false);
    // corroboration is counted over the evidence kept
    const w = vis(toggleArticle("a1"));
    expect(w.edgeSources.get("person:alice|HEADS|org:acme")).toBe(1);
  });

  it("publishers compare case- and accent-insensitively; an article without publisher matches none", () => {
    const v = vis(togglePublisher("wire"));
    expect(v.articlePasses("a1")).toBe(true);
    expect(v.articlePasses("a2")).toBe(false);
    expect(v.articlePasses("a3")).toBe(false);
    expect(v.edges.has("person:bob|MEMBER_OF|org:acme")).toBe(false);
  });

  it("an event-date window drops meetings outside it and keeps undated ones unless told", () => {
    const v = vis(setDateWindow("2025-10-01", "2025-10-31"));
    expect(v.nodes.has("meeting:m1")).toBe(true);
    expect(v.nodes.has("meeting:m2")).toBe(true);
    expect(v.nodes.has("meeting:m3")).toBe(false);
    expect(v.edges.has("person:alice|ATTENDED|meeting:m3")).toBe(false);
    // articles are not filtered by an event window
    expect(v.articlePasses("a2")).toBe(true);
    const strict = vis(setDateWindow("2025-10-01", "2025-10-31"), setIncludeUndated(false));
    expect(strict.nodes.has("meeting:m2")).toBe(false);
    // a meeting with any stated date in the window stays (m1 is stated 10–12 and 15 October)
    expect(vis(setDateWindow("2025-10-14", "2025-10-16")).nodes.has("meeting:m1")).toBe(true);
    expect(vis(setDateWindow("2025-10-13", "2025-10-14")).nodes.has("meeting:m1")).toBe(false);
  });

  it("a publication-date window filters evidence by article date (undated articles pass unless told)", () => {
    const v = vis(setDateField("publication"), setDateWindow("2025-10-01", "2025-10-31"));
    expect(v.articlePasses("a1")).toBe(true);
    expect(v.articlePasses("a2")).toBe(false);
    expect(v.articlePasses("a3")).toBe(true);
    expect(v.nodes.has("meeting:m3")).toBe(false); // its only evidence is from a2
    expect(v.edges.has("person:bob|MEMBER_OF|org:acme")).toBe(false);
    const strict = vis(setDateField("publication"), setDateWindow("2025-10-01", "2025-10-31"), setIncludeUndated(false));
    expect(strict.articlePasses("a3")).toBe(false);
  });

  it("disputedOnly keeps the conflict subjects, the values they name and the edges of the disputed fields", () => {
    const v = vis(setDisputedOnly(true));
    expect(sorted(v.nodes)).toEqual(["meeting:m1", "org:acme", "person:alice", "place:paris", "place:rome"]);
    expect(sorted(v.edges)).toEqual(["meeting:m1|HELD_IN|place:paris", "meeting:m1|HELD_IN|place:rome", "person:alice|HEADS|org:acme"]);
  });

  it("drawnCounts restricts the counts to a neighbourhood", () => {
    const v = vis();
    expect(drawnCounts(model.data, v, null)).toEqual({ nodes: v.counts.nodes, relations: 10, coMentions: 0 });
    const nb = new Map([
      ["meeting:m1", 0],
      ["place:paris", 1],
      ["place:rome", 1],
    ]);
    expect(drawnCounts(model.data, v, nb)).toEqual({ nodes: 3, relations: 2, coMentions: 0 });
  });
});
