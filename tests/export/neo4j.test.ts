// The Cypher script on a real Neo4j: the database it makes reads back (lib/neo4j readGraph) exactly
// as the one lib/neo4j's loader makes from the same document, and counts as the document does.
//
// Opt-in: runs only when NEWSGRAPH_TEST_NEO4J_URI points at a server whose database is EMPTY
// (e.g. `scripts/neo4j/start.sh --background` prints one); it deletes everything it wrote.

import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDocument } from "@/lib/contract";
import { cypherStatements, selectScopeFromDocument, splitCypherScript, toCypher } from "@/lib/export";
import { countsOf, diffCounts, loadGraph, readCounts, readGraph } from "@/lib/neo4j/load";
import { buildExportFixture } from "../fixtures/export/fixture";
import { buildFixtureDocument } from "../fixtures/graph/fixture";
import { fixtureDocument } from "../neo4j/fixture";
import { loadSeedDocument, seedHub } from "./helpers";

const URI = process.env.NEWSGRAPH_TEST_NEO4J_URI;
let driver: Driver;

async function wipe(): Promise<void> {
  const session = driver.session();
  try {
    await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS");
  } finally {
    await session.close();
  }
}

async function runStatements(statements: string[]): Promise<void> {
  const session = driver.session();
  try {
    for (const statement of statements) await session.run(statement);
  } finally {
    await session.close();
  }
}

/** Every node and relationship with its labels or type and all its properties (the Meta node aside), in a stable order. */
async function rawDatabase(): Promise<string[]> {
  const { records } = await driver.executeQuery(
    "MATCH (n) WHERE NOT n:NewsgraphMeta RETURN 'node' AS kind, labels(n) AS what, properties(n) AS p " +
      "UNION ALL MATCH ()-[r]->() RETURN 'rel' AS kind, [type(r)] AS what, properties(r) AS p",
  );
  const plain = (v: unknown): unknown =>
    neo4j.isInt(v) ? `int:${v.toString()}` : Array.isArray(v) ? v.map(plain) : typeof v === "number" ? `float:${v}` : v;
  return records
    .map((r) => {
      const props = r.get("p") as Record<string, unknown>;
      const sorted = Object.fromEntries(Object.keys(props).sort().map((k) => [k, plain(props[k])]));
      return JSON.stringify([r.get("kind"), [...(r.get("what") as string[])].sort(), sorted]);
    })
    .sort();
}

describe.skipIf(!URI)("export/cypher on a real Neo4j", () => {
  beforeAll(async () => {
    driver = neo4j.driver(URI!, process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD) : undefined);
    const { records } = await driver.executeQuery("MATCH (n) RETURN count(n) AS n");
    if (records[0]!.get("n").toNumber() !== 0) throw new Error("NEWSGRAPH_TEST_NEO4J_URI must point at an empty database");
  });

  afterAll(async () => {
    if (!driver) return;
    await wipe();
    await driver.close();
  });

  const docs = async (): Promise<[string, GraphDocument][]> => {
    const seed = loadSeedDocument();
    return [
      ["tricky fixture", buildExportFixture()],
      ["neo4j fixture", fixtureDocument()],
      ["graph fixture", buildFixtureDocument()],
      ["seed 2-hop", await selectScopeFromDocument(seed, { kind: "neighborhood", key: seedHub(seed), hops: 2 })],
    ];
  };

  it("should recreate each document as the loader does, evidence included", async () => {
    for (const [name, doc] of await docs()) {
      await wipe();
      await runStatements(splitCypherScript(toCypher(doc, { batchSize: 7 })));
      const fromScript = await readGraph(driver);
      const scriptProperties = await rawDatabase();
      expect(diffCounts(countsOf(doc), await readCounts(driver)), name).toEqual([]);
      await wipe();
      await loadGraph(driver, doc);
      expect(fromScript, name).toEqual(await readGraph(driver));
      // Property for property (integers as integers, floats as floats): the loader's database.
      expect(scriptProperties, name).toEqual(await rawDatabase());
    }
  }, 120_000);

  it("should change nothing when run twice", async () => {
    const doc = buildExportFixture();
    await wipe();
    await runStatements(cypherStatements(doc));
    const once = await readGraph(driver);
    await runStatements(cypherStatements(doc, { asciiOnly: true }));
    expect(await readGraph(driver)).toEqual(once);
  }, 60_000);
});
