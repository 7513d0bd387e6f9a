import { describe, expect, it } from "vitest";
import { boxesOverlap, fitCamera, labelBox, layoutEdgeWeight, layoutSettings, nearestSegment, pointSegmentDistance } from "@/lib/view/layout";

describe("layout helpers", () => {
  it("co-mentions pull less than relations, as in the build's layout", () => {
    expect(layoutEdgeWeight("e", { coMention: true })).toBeLessThan(layoutEdgeWeight("e", { coMention: false }));
  });

  it("settings turn Barnes-Hut on for large graphs only", () => {
    expect(layoutSettings(100).barnesHutOptimize).toBe(false);
    expect(layoutSettings(5000).barnesHutOptimize).toBe(true);
  });

  it("fitCamera centres on the points with a margin, zooms in on one point, and stays in bounds", () => {
    expect(fitCamera([])).toBeNull();
    expect(fitCamera([{ x: 0.2, y: 0.3 }], { single: 0.4 })).toEqual({ x: 0.2, y: 0.3, ratio: 0.4 });
    const c = fitCamera([
      { x: 0.2, y: 0.2 },
      { x: 0.6, y: 0.4 },
    ])!;
    expect(c.x).toBeCloseTo(0.4);
    expect(c.y).toBeCloseTo(0.3);
    expect(c.ratio).toBeCloseTo(0.4 * 1.35);
    expect(fitCamera([{ x: 0, y: 0 }, { x: 0.01, y: 0 }])!.ratio).toBe(0.15);
    expect(fitCamera([{ x: -5, y: 0 }, { x: 5, y: 0 }])!.ratio).toBe(1.2);
  });
});

describe("edge hit testing", () => {
  it("pointSegmentDistance measures to the nearest point of the segment", () => {
    expect(pointSegmentDistance({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(pointSegmentDistance({ x: -3, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(pointSegmentDistance({ x: 1, y: 1 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBeCloseTo(Math.SQRT2);
  });

  it("nearestSegment picks the closest segment within the tolerance, or none", () => {
    const segments = [
      { key: "a", a: { x: 0, y: 0 }, b: { x: 100, y: 0 } },
      { key: "b", a: { x: 0, y: 10 }, b: { x: 100, y: 10 } },
    ];
    expect(nearestSegment({ x: 50, y: 3 }, segments, 5)).toBe("a");
    expect(nearestSegment({ x: 50, y: 7 }, segments, 5)).toBe("b");
    expect(nearestSegment({ x: 50, y: 30 }, segments, 5)).toBeNull();
  });
});

describe("label boxes", () => {
  it("labelBox sits right of the node; boxesOverlap needs overlap both ways beyond the slack", () => {
    const a = labelBox(100, 50, 6, 40, 12);
    expect(a.left).toBe(109);
    expect(a.right).toBe(149);
    expect(a.top).toBeLessThan(50);
    expect(a.bottom).toBeGreaterThan(50);
    expect(boxesOverlap(a, labelBox(120, 52, 6, 40, 12))).toBe(true);
    expect(boxesOverlap(a, labelBox(120, 80, 6, 40, 12))).toBe(false);
    expect(boxesOverlap(a, labelBox(150, 50, 6, 40, 12))).toBe(false);
    expect(boxesOverlap(a, { ...a, left: a.right - 1, right: a.right + 30 }, 1)).toBe(false);
  });
});
