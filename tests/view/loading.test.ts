import { describe, expect, it } from "vitest";
import {
  bytesReceived,
  enterStep,
  expectedBytes,
  formatBytes,
  initialLoadProgress,
  parseServerLoad,
  progressAnnouncement,
  progressPercent,
  progressText,
  serverLoad,
  type LoadProgress,
} from "@/lib/view/loading";

const headers = (values: Record<string, string>) => new Headers(values);

describe("load progress", () => {
  it("counts the bytes received against the size when it is known, and stays indeterminate when it is not", () => {
    const known = bytesReceived(2_500_000, 10_000_000)(initialLoadProgress);
    expect(known).toMatchObject({ step: "download", received: 2_500_000, total: 10_000_000 });
    expect(progressPercent(known)).toBe(8);
    expect(progressText(known)).toBe("Loading the graph… 2.5 MB of 10.0 MB");

    const unknown = bytesReceived(850_000, null)(initialLoadProgress);
    expect(progressPercent(unknown)).toBeNull();
    expect(progressText(unknown)).toBe("Loading the graph… 850 kB received");
    expect(progressText(initialLoadProgress)).toBe("Loading the graph…");
  });

  it("says what the server is doing while the answer has not started, and forgets it once bytes come", () => {
    const reading = serverLoad({ state: "reading", bytesRead: 120_000_000, totalBytes: 369_000_000 })(initialLoadProgress);
    expect(progressText(reading)).toBe("The server is reading the graph… 120.0 MB of 369.0 MB");
    expect(progressPercent(reading)).toBeNull();
    expect(progressText(serverLoad({ state: "reading", bytesRead: 0, totalBytes: null })(initialLoadProgress))).toBe("The server is reading the graph…");
    expect(progressText(serverLoad({ state: "checking", bytesRead: 369_000_000, totalBytes: 369_000_000 })(initialLoadProgress))).toBe("The server is checking the graph…");
    expect(progressText(serverLoad({ state: "indexing", bytesRead: 369_000_000, totalBytes: 369_000_000 })(initialLoadProgress))).toBe("The server is indexing the graph…");
    expect(progressText(serverLoad({ state: "ready", bytesRead: 369_000_000, totalBytes: 369_000_000 })(initialLoadProgress))).toBe("The server is preparing the first view…");
    for (const state of ["idle", "failed"] as const) {
      expect(progressText(serverLoad({ state, bytesRead: 0, totalBytes: null })(initialLoadProgress))).toBe("Loading the graph…");
    }
    expect(serverLoad(null)(reading).server).toBeNull();
    // Once the answer flows, its bytes are the news; a late status changes nothing.
    const flowing = bytesReceived(1_000_000, 11_000_000)(reading);
    expect(progressText(flowing)).toBe("Loading the graph… 1.0 MB of 11.0 MB");
    expect(serverLoad({ state: "ready", bytesRead: 1, totalBytes: 1 })(flowing)).toBe(flowing);
    expect(progressAnnouncement(reading)).toBe("Loading the graph…");
  });

  it("reads the server's status from an /api/status answer, and nothing from anything else", () => {
    expect(parseServerLoad({ graph: { state: "reading", file: "/g.json", bytesRead: 5, totalBytes: 10, elapsedMs: 3 } })).toEqual({ state: "reading", bytesRead: 5, totalBytes: 10 });
    expect(parseServerLoad({ graph: { state: "idle", file: null, bytesRead: 0, totalBytes: null, elapsedMs: null } })).toEqual({ state: "idle", bytesRead: 0, totalBytes: null });
    for (const bad of [null, "ready", {}, { graph: null }, { graph: { state: "done", bytesRead: 0, totalBytes: 0 } }, { graph: { state: "reading", bytesRead: -1, totalBytes: 0 } }, { graph: { state: "reading", bytesRead: 1, totalBytes: "10" } }]) {
      expect(parseServerLoad(bad)).toBeNull();
    }
  });

  it("keeps a size it was told, and drops one the answer outgrows", () => {
    const told = bytesReceived(100, 1000)(initialLoadProgress);
    expect(bytesReceived(500, null)(told).total).toBe(1000);
    expect(bytesReceived(1500, null)(told).total).toBeNull();
  });

  it("moves through read, build and draw, the bar never going back", () => {
    let p: LoadProgress = bytesReceived(10_000_000, 10_000_000)(initialLoadProgress);
    const seen = [progressPercent(p)!];
    p = enterStep("read")(p);
    seen.push(progressPercent(p)!);
    expect(progressText(p)).toBe("Reading the graph (10.0 MB)…");
    p = enterStep("build", { nodes: 5000, edges: 13_811 })(p);
    seen.push(progressPercent(p)!);
    expect(progressText(p)).toBe("Preparing 5,000 entities and 13,811 relations…");
    p = enterStep("draw")(p);
    seen.push(progressPercent(p)!);
    expect(progressText(p)).toBe("Drawing 5,000 entities and 13,811 relations…");
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBeLessThan(100);
    expect(enterStep("draw", { nodes: 1, edges: 1 })(initialLoadProgress).step).toBe("draw");
    expect(progressText(enterStep("draw", { nodes: 1, edges: 1 })(initialLoadProgress))).toBe("Drawing 1 entity and 1 relation…");
  });

  it("announces each step once, not every chunk of the download", () => {
    expect(progressAnnouncement(bytesReceived(1, 2)(initialLoadProgress))).toBe(progressAnnouncement(bytesReceived(2, 2)(initialLoadProgress)));
    expect(progressAnnouncement(enterStep("draw", { nodes: 3, edges: 2 })(initialLoadProgress))).toBe("Drawing 3 entities and 2 relations…");
  });

  it("formats sizes in decimal units", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(12_400)).toBe("12 kB");
    expect(formatBytes(9_524_616)).toBe("9.5 MB");
  });

  it("reads the answer's size from the headers: the server's own count, or the length of an uncompressed answer", () => {
    expect(expectedBytes(headers({ "x-newsgraph-json-bytes": "9524616", "content-encoding": "gzip", "content-length": "1241443" }))).toBe(9_524_616);
    expect(expectedBytes(headers({ "content-length": "315459" }))).toBe(315_459);
    expect(expectedBytes(headers({ "content-length": "315459", "content-encoding": "identity" }))).toBe(315_459);
    // A compressed answer's length counts compressed bytes: not what the reader receives.
    expect(expectedBytes(headers({ "content-length": "1241443", "content-encoding": "gzip" }))).toBeNull();
    expect(expectedBytes(headers({}))).toBeNull();
    expect(expectedBytes(headers({ "content-length": "-3" }))).toBeNull();
    expect(expectedBytes(headers({ "x-newsgraph-json-bytes": "lots", "content-length": "12" }))).toBe(12);
  });
});
