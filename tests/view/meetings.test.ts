import { describe, expect, it } from "vitest";
import { articleIndex } from "@/lib/view/details";
import { buildDataGraph } from "@/lib/view/graphs";
import { dayNumber, formatDay, formatWindow, isoDay, meetingList, MIN_TIMELINE_DAYS, timelineModel } from "@/lib/view/meetings";
import { eventsDoc } from "./fixture-events";

const doc = eventsDoc();
const data = buildDataGraph(doc);
const meetings = meetingList(data, articleIndex(doc.articles));

describe("meetingList", () => {
  it("lists meetings earliest first, undated last, with places and participants", () => {
    expect(meetings.map((m) => m.key)).toEqual(["meeting:m1", "meeting:m3", "meeting:m2"]);
    const m1 = meetings[0]!;
    expect(m1.range).toEqual({ start: "2025-10-10", end: "2025-10-15" });
    expect(m1.places.map((p) => p.label)).toEqual(["Paris", "Rome"]);
    expect(m1.participants.map((p) => p.label)).toEqual(["Alice Archer", "Bob Brown"]);
    expect(m1.dates.map((d) => d.text)).toEqual(["October 10–12", "October 15"]);
    expect(meetings[2]).toMatchObject({ range: null, places: [], participants: [{ key: "person:carol" }] });
  });
});

describe("days", () => {
  it("converts between ISO days and day numbers", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(isoDay(dayNumber("2025-10-31") + 1)).toBe("2025-11-01");
    expect(formatDay("2025-10-03")).toBe("3 Oct 2025");
    expect(formatWindow("2025-10-03", "2025-10-03")).toBe("3 Oct 2025");
    expect(formatWindow("2025-10-03", null)).toBe("from 3 Oct 2025");
    expect(formatWindow(null, "2025-10-03")).toBe("until 3 Oct 2025");
  });
});

describe("timelineModel", () => {
  it("places dated meetings on a padded day axis and counts the undated", () => {
    const t = timelineModel(meetings, doc.articles, "event");
    expect(t.events.map((e) => [e.key, e.start, e.end])).toEqual([
      ["meeting:m1", "2025-10-10", "2025-10-15"],
      ["meeting:m3", "2025-12-01", "2025-12-01"],
    ]);
    expect(t.undated).toBe(1);
    expect(t.domain!.start).toBeLessThan(dayNumber("2025-10-10"));
    expect(t.domain!.end).toBeGreaterThan(dayNumber("2025-12-01"));
    expect(t.domain!.end - t.domain!.start).toBeGreaterThanOrEqual(MIN_TIMELINE_DAYS);
  });

  it("uses publication dates on the publication field, and has no axis when nothing is dated", () => {
    const t = timelineModel(meetings, doc.articles, "publication");
    expect(t.events.map((e) => e.key)).toEqual(["a1", "a2"]);
    expect(t.undated).toBe(1);
    expect(timelineModel([], [], "event")).toEqual({ field: "event", events: [], domain: null, undated: 0 });
  });
});
