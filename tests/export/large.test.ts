// A synthetic 10k-node / 50k-edge graph exports in every format. Only completion and sane sizes
// are asserted here; timings belong in a benchmark.

import { beforeAll, describe, expect, it } from "vitest";
import type { GraphDocument } from "@/lib/contract";
import { EXPORT_FORMATS, cypherStatements, exportDocument, selectScopeFromDocument, type ExportFormat } from "@/lib/export";
import { syntheticDocument } from "./helpers";

const NODES = 10_000;
const EDGES = 50_000;

let doc: GraphDocument;
let passages = 0;

beforeAll(async () => {
  doc = await selectScopeFromDocument(syntheticDocument(NODES, EDGES, 42), { kind: "whole" });
  passages = doc.graph.edges.reduce((n, e) => n + e.attributes.evidence.length, 0);
}, 30_000);

/** Bytes per edge a format should stay within (each edge carries one or two quoted passages). */
const BOUNDS: Record<ExportFormat, [number, number]> = {
  gexf: [300, 3000],
  graphml: [300, 3000],
  json: [150, 1500],
  csv: [20, 400], // zipped
  cypher: [300, 3000],
  svg: [50, 1000],
  markdown: [150, 2000],
  html: [200, 3000],
};

describe("export/large", () => {
  it("should generate the synthetic graph it promises", () => {
    expect(doc.graph.nodes).toHaveLength(NODES);
    expect(doc.graph.edges).toHaveLength(EDGES);
    expect(new Set(doc.graph.edges.map((e) => e.key)).size).toBe(EDGES);
  });

  it.each(EXPORT_FORMATS.map((f) => [f]))("should export 10k nodes / 50k edges as %s", (format: ExportFormat) => {
    const file = exportDocument(doc, format);
    const size = typeof file.data === "string" ? file.data.length : file.data.byteLength;
    const [low, high] = BOUNDS[format];
    expect(size).toBeGreaterThan(EDGES * low);
    expect(size).toBeLessThan(EDGES * high);
    if (format === "csv") expect((file.data as Uint8Array).subarray(0, 4)).toEqual(new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
  });

  it("should batch the Cypher script into a bounded number of statements", () => {
    const statements = cypherStatements(doc, { batchSize: 1000 });
    const unwinds = statements.filter((s) => s.startsWith("UNWIND"));
    // Per type at most one partial batch: nodes (5 types), edges (14 types), mentions, evidence, articles.
    expect(unwinds.length).toBeLessThanOrEqual(Math.ceil(NODES / 1000) + 5 + Math.ceil(EDGES / 1000) + 14 + 2 * Math.ceil(NODES / 1000) + Math.ceil(passages / 1000) + 4);
    expect(Math.max(...statements.map((s) => s.length))).toBeLessThan(2_000_000);
  });
});
