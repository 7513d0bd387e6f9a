// Parity: every GraphQueries method answers the same on the Neo4j backend (lib/neo4j/queries.ts, against the real
// server of tests/setup/neo4j.ts) as on the in-memory backend (lib/graph/memory.ts), over
//   - the Neo4j fixture (tests/neo4j/fixture.ts: every model feature, unsorted, injection-looking text),
//   - the lib/graph fixture (tests/fixtures/graph: accents, aliases, conflicts, parallel co-mentions),
//   - the seed graph (graph-data/graph.json; built into a temp file when missing),
//   - the dev graph (built from ../shared/corpus/dev/articles; skipped with a message when ../shared is missing),
//   - a synthetic graph (many equal-length paths: the tie-breaks matter).
// Same node keys, same edges, same evidence, same order: results are compared with toStrictEqual, and errors by
// class, code, parameter and message. The cases (scripts/neo4j/cases.ts) pick arguments from each document.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { GraphDocument } from "@/lib/contract";
import { createMemoryQueries } from "@/lib/graph/memory";
import type { GraphQueries } from "@/lib/graph/types";
import { connect } from "@/lib/neo4j/driver";
import { countsOf, loadGraph, readCounts } from "@/lib/neo4j/load";
import { createNeo4jQueries, type Neo4jQueries } from "@/lib/neo4j/queries";
import { queryCases, type QueryMethod } from "@/scripts/neo4j/cases";
import { buildFixtureDocument } from "../fixtures/graph/fixture";
import { fixtureDocument, syntheticDocument } from "./fixture";
import { buildGraph, DEV_ARTICLES, readDocument, SEED_GRAPH, wipe } from "./helpers";

const uri = inject("neo4jUri");
const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-parity-"));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: { name: string; code: unknown; parameter: unknown; message: string };
}

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const e = err as Error & { code?: unknown; parameter?: unknown };
    return { ok: false, error: { name: e.name, code: e.code, parameter: e.parameter, message: e.message } };
  }
}

const METHODS: QueryMethod[] = [
  "document",
  "subgraph",
  "node",
  "neighborhood",
  "shortestPath",
  "meetingsOf",
  "coAttendees",
  "entitiesBySource",
  "claimsWithFewerThan",
  "search",
];

const GRAPHS: { name: string; document: () => Promise<GraphDocument | null>; skip?: string; perMethod?: number }[] = [
  { name: "the Neo4j fixture", document: async () => fixtureDocument() },
  { name: "the lib/graph fixture", document: async () => buildFixtureDocument() },
  {
    name: "the seed graph",
    document: async () =>
      fs.existsSync(SEED_GRAPH) ? readDocument(SEED_GRAPH) : buildGraph(path.join(ROOT, "graph-data/articles"), path.join(tmp, "seed.json")),
  },
  {
    name: "the dev graph",
    document: async () => buildGraph(DEV_ARTICLES, path.join(tmp, "dev.json")),
    skip: fs.existsSync(DEV_ARTICLES) ? undefined : `../shared/corpus/dev/articles not found (${DEV_ARTICLES}): dev graph parity skipped`,
  },
  { name: "a synthetic graph (400 nodes / 1,600 edges)", document: async () => syntheticDocument(400, 1600), perMethod: 120 },
];

describe.skipIf(!uri)("neo4j/parity: both backends give the same answers", () => {
  let driver: Driver;

  beforeAll(async () => {
    driver = await connect({ uri });
  });
  afterAll(async () => {
    await driver?.close();
  });

  for (const graph of GRAPHS) {
    if (graph.skip) {
      it.skip(`${graph.name} — ${graph.skip}`, () => undefined);
      console.warn(`[parity] ${graph.skip}`);
      continue;
    }
    describe(graph.name, () => {
      let doc: GraphDocument;
      let memory: GraphQueries;
      let neo: Neo4jQueries;
      const tally = new Map<QueryMethod, number>();

      beforeAll(async () => {
        doc = (await graph.document())!;
        await wipe(driver);
        await loadGraph(driver, doc);
        memory = createMemoryQueries(structuredClone(doc));
        neo = createNeo4jQueries(driver, { uri });
        const info = await neo.verify();
        expect({ nodes: info.nodes, edges: info.edges }).toEqual({ nodes: doc.graph.nodes.length, edges: doc.graph.edges.length });
        expect(await readCounts(driver)).toEqual(countsOf(doc));
      }, 600_000);

      afterAll(() => {
        const counts = [...tally].map(([m, n]) => `${m} ${n}`).join(", ");
        console.log(`[parity] ${graph.name}: ${doc?.graph.nodes.length} nodes / ${doc?.graph.edges.length} edges — ${counts}`);
      });

      for (const method of METHODS) {
        it(`${method}: same results on both backends`, async () => {
          const cases = queryCases(doc, { perMethod: graph.perMethod }).filter((c) => c.method === method);
          expect(cases.length).toBeGreaterThan(0);
          for (const c of cases) {
            const expected = await outcome(() => c.run(memory));
            const actual = await outcome(() => c.run(neo));
            expect(actual, c.name).toStrictEqual(expected);
          }
          tally.set(method, cases.length);
        });
      }
    });
  }
});
