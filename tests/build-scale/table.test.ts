// The benchmark's figures (scripts/bench/table.ts): where a build reached its peak RSS.
import { describe, expect, it } from "vitest";
import { peakPhase } from "@/scripts/bench/table";

describe("bench/table", () => {
  it("should name the first phase whose high-water mark is the build's peak", () => {
    // Marks as build-graph --stats writes them: the peak so far after each phase, in build order.
    expect(peakPhase({ analyze: 700, resolve: 800, relations: 800, meetings: 1050, assemble: 1050, layout: 1050, write: 1050 })).toBe("meetings");
    expect(peakPhase({ analyze: 900, resolve: 900, write: 900 })).toBe("analyze");
    expect(peakPhase({ analyze: 700, layout: 800, write: 1100 })).toBe("write");
  });

  it("should say nothing when a build recorded no phases (older --stats files)", () => {
    expect(peakPhase(undefined)).toBeNull();
    expect(peakPhase({})).toBeNull();
  });
});
