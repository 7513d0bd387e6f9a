import { describe, expect, it } from "vitest";
import { buildModel } from "@/lib/view/model";
import { eventsDoc } from "./fixture-events";
import { fixtureDoc } from "./fixture";

describe("buildModel", () => {
  it("derives the graphs, counts, lists and filter context once per document", () => {
    const m = buildModel(eventsDoc());
    expect(m.data.order).toBe(m.render.order);
    expect(m.counts).toEqual({ nodes: 11, relations: 10, coMentions: 1 });
    expect(m.typeCounts).toEqual({ Person: 4, Organization: 1, Place: 2, Meeting: 3, Document: 1 });
    expect(m.relationCounts.ATTENDED).toBe(4);
    expect(m.publishers).toEqual(["Daily", "Wire"]);
    expect(m.meetings.map((x) => x.key)).toEqual(["meeting:m1", "meeting:m3", "meeting:m2"]);
    expect(m.conflicts).toHaveLength(3);
    expect(m.conflictCounts.get("meeting:m1")).toBe(2);
    expect(m.hubs[0]).toMatchObject({ key: "person:alice" });
    expect(m.search.find((e) => e.key === "person:alice")?.names).toEqual(["Alice Archer", "Archer"]);
  });

  it("leaves out hubs without relations and conflicts about unknown nodes", () => {
    const doc = fixtureDoc();
    doc.conflicts = [{ subject: "person:ghost", field: "title", claims: [] }];
    const m = buildModel(doc);
    expect(m.hubs.every((h) => h.degree > 0)).toBe(true);
    expect(m.conflictCounts.size).toBe(0);
  });
});
