// Export timings for the synthetic 10k-node / 50k-edge graph, one benchmark per format plus the
// scope selection (`npx vitest bench --run tests/export`; the issue asks for these in `npm run bench`).

import { bench, describe } from "vitest";
import { EXPORT_FORMATS, exportDocument, selectScopeFromDocument } from "@/lib/export";
import { syntheticDocument } from "./helpers";

const source = syntheticDocument(10_000, 50_000, 42);
const doc = await selectScopeFromDocument(source, { kind: "whole" });
const hub = doc.graph.nodes[0]!.key;

// Few iterations: each run takes about a second.
const OPTIONS = { time: 0, iterations: 3, warmupTime: 0, warmupIterations: 1 };

describe("export 10k nodes / 50k edges", () => {
  for (const format of EXPORT_FORMATS) {
    bench(format, () => {
      exportDocument(doc, format);
    }, OPTIONS);
  }
  bench("scope: whole", async () => {
    await selectScopeFromDocument(source, { kind: "whole" });
  }, OPTIONS);
  bench("scope: 2-hop neighbourhood", async () => {
    await selectScopeFromDocument(source, { kind: "neighborhood", key: hub, hops: 2 });
  }, OPTIONS);
});
