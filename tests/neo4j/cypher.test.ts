// The Cypher console: the lexical check (each write form refused before running, read queries with
// write-looking text allowed), the READ transaction behind it (writes that skip the check are refused by the
// server), the timeout, the row cap, graph elements in results, and POST /api/cypher — against the real server,
// checking after every refusal that the database is unchanged.

import type { Driver } from "neo4j-driver";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import * as cypherRoute from "@/server/routes/cypher";
import { resetBackend } from "@/lib/backend";
import { connect } from "@/lib/neo4j/driver";
import { countsOf, documentStamp, loadGraph, readCounts, readGraph } from "@/lib/neo4j/load";
import { checkReadOnly, CypherQueryError, CypherRefusedError, runInReadTransaction, runReadOnlyCypher } from "@/lib/neo4j/cypher";
import { fixtureDocument } from "./fixture";
import { wipe } from "./helpers";
import { saveEnv } from "../fixtures/env";

const uri = inject("neo4jUri");

/** Every write form the console must refuse, with the clause its message names. */
const WRITES: [string, string][] = [
  ["CREATE (n:Hack {x: 1}) RETURN n", "CREATE"],
  ["MATCH (n:Entity) CREATE (n)-[:HACKED]->(:Hack) RETURN n", "CREATE"],
  ["MERGE (n:Hack {x: 1}) RETURN n", "MERGE"],
  ["MATCH (n:Entity) SET n.hacked = true RETURN n", "SET"],
  ["MATCH (n:Entity) SET n:Hack RETURN n", "SET"],
  ["MATCH (n:Evidence) DELETE n", "DELETE"],
  ["MATCH (n:Entity {key: 'place:miami'}) DETACH DELETE n", "DETACH DELETE"],
  ["MATCH (n:Entity) REMOVE n.label RETURN n", "REMOVE"],
  ["MATCH (n:Entity) REMOVE n:Person RETURN n", "REMOVE"],
  ["LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"],
  ["MATCH (n:Entity) FOREACH (x IN [1] | SET n.hacked = x)", "FOREACH"],
  ["MATCH (n:Entity) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS", "DETACH DELETE"],
  ["MATCH (n:Entity) CALL (n) { WITH n RETURN n.key AS k } IN TRANSACTIONS RETURN k", "IN TRANSACTIONS"],
  ["CALL apoc.create.node(['Hack'], {}) YIELD node RETURN node", "apoc"],
  ["RETURN apoc.text.join(['a', 'b'], '-') AS s", "apoc"],
  ["CALL db.createLabel('Hack')", "CALL db.createLabel"],
  ["CALL db.createProperty('hacked')", "CALL db.createProperty"],
  ["CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "CALL dbms.setConfigValue"],
  ["MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n", ";"],
  ["MATCH (n) RETURN count(n);;", ";"],
  ["RETURN 1; RETURN 2", ";"],
  ["DROP CONSTRAINT newsgraph_entity_key", "DROP"],
  ["CREATE INDEX hack IF NOT EXISTS FOR (n:Hack) ON (n.x)", "CREATE"],
  ["USE system SHOW USERS", "USE"],
  ["SHOW USERS", "SHOW"],
  ["match (n:Entity) detach delete n", "DETACH DELETE"],
  ["MATCH (n:Entity) MeRgE (n)-[:X]->(:Hack)", "MERGE"],
  ["MATCH (n) /* only a look */ SET n.x = 1", "SET"],
  ["MATCH (n) // a comment\nDELETE n", "DELETE"],
  ["MATCH (n) WHERE n.label = \"DELETE\" DELETE n", "DELETE"],
  ["MATCH (n) WITH n, 'it\\'s' AS s SET n.s = s", "SET"],
  ["RETURN 'unterminated", "'"],
  ["MATCH (n) RETURN n /* unterminated", "/*"],
];

/** Read queries that only look like writes (literals, comments, names) or use allowed procedures and subqueries. */
const READS: string[] = [
  "MATCH (n:Person) RETURN n.label AS label ORDER BY label LIMIT 5",
  "match (n:Entity) return count(n) as n;",
  "MATCH (n:Entity) WHERE n.label = 'CREATE (x) DETACH DELETE y; SET' RETURN n.key",
  "MATCH (n:Entity) WHERE n.label <> \"MERGE\" RETURN n.key // DELETE everything",
  "/* DROP DATABASE neo4j */ MATCH (n:Entity) RETURN n.key LIMIT 1",
  "MATCH (n:Entity) RETURN n.set AS set, $delete AS delete, {remove: 1, merge: 2, create : 3} AS m, n.key",
  "MATCH (n:`DETACH DELETE`) RETURN n",
  "MATCH (n:Entity) WHERE n:Create OR n:Person RETURN n.key",
  "CALL db.labels() YIELD label RETURN label ORDER BY label",
  "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
  "CALL db.schema.visualization()",
  "MATCH (n:Entity) CALL (n) { MATCH (n)--(m) RETURN count(m) AS degree } RETURN n.key, degree ORDER BY degree DESC LIMIT 3",
  "MATCH (n:Entity) CALL { RETURN 1 AS one } RETURN n.key, one LIMIT 1",
  "UNWIND [1, 2, 3] AS x RETURN x * 2 AS y",
  "MATCH p = shortestPath((a:Entity {key: 'person:kirill-dmitriev'})-[*]-(b:Entity {key: 'place:miami'})) RETURN p",
  "EXPLAIN MATCH (n) RETURN n",
];

describe("neo4j/cypher: the lexical check", () => {
  it.each(WRITES)("should refuse %j before running, naming %j", (query, clause) => {
    let error: unknown;
    try {
      checkReadOnly(query);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CypherRefusedError);
    const refused = error as CypherRefusedError;
    expect(refused.message).toMatch(/^newsgraph\/cypher: /);
    expect(refused.clause.toLowerCase()).toContain(clause.toLowerCase());
  });

  it.each(READS)("should let %j through", (query) => {
    expect(checkReadOnly(query)).toBe(query.trim().replace(/;\s*$/, ""));
  });

  it("should refuse an empty query and say why a procedure is refused", () => {
    expect(() => checkReadOnly("   ")).toThrow(/the query is empty/);
    expect(() => checkReadOnly("// nothing\n")).toThrow(/the query is empty/);
    expect(() => checkReadOnly("CALL db.createLabel('X')")).toThrow(/only these read-only procedures can be called from the console: db\.labels/);
    expect(() => checkReadOnly("MATCH (n) DETACH DELETE n")).toThrow(/DETACH DELETE writes to the database; the console runs read-only queries/);
  });
});

describe.skipIf(!uri)("neo4j/cypher: against the server", () => {
  let driver: Driver;
  let stamp: string;
  const restoreEnv = saveEnv("NEO4J_URI", "NEWSGRAPH_BACKEND");

  /** The database as it was loaded: nothing a refused query did may show. */
  async function expectUnchanged(): Promise<void> {
    expect(await readCounts(driver)).toEqual(countsOf(fixtureDocument()));
    expect(documentStamp(await readGraph(driver))).toBe(stamp);
    const stray = await driver.executeQuery("MATCH (n) WHERE n:Hack OR n.hacked IS NOT NULL RETURN count(n) AS n");
    expect(stray.records[0]!.get("n")).toBe(0);
  }

  const post = (body: unknown) =>
    cypherRoute.POST(new Request("http://x/api/cypher", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) }));

  beforeAll(async () => {
    driver = await connect({ uri });
    await wipe(driver);
    await loadGraph(driver, fixtureDocument());
    stamp = documentStamp(await readGraph(driver));
    process.env.NEO4J_URI = uri;
    delete process.env.NEWSGRAPH_BACKEND;
  });
  afterEach(async () => {
    process.env.NEO4J_URI = uri;
  });
  afterAll(async () => {
    restoreEnv();
    await resetBackend();
    await driver?.close();
  });

  it("should refuse every write form through POST /api/cypher with a clear message, leaving the database unchanged", async () => {
    for (const [query, clause] of WRITES) {
      const response = await post({ query });
      const body = (await response.json()) as { error: string; kind: string; clause: string };
      expect(response.status, query).toBe(400);
      expect(body.kind, query).toBe("refused");
      expect(body.clause.toLowerCase(), query).toContain(clause.toLowerCase());
      expect(body.error, query).toMatch(/^newsgraph\/cypher: /);
    }
    await expectUnchanged();
  });

  it("should have the READ transaction refuse writes that skip the lexical check", async () => {
    const writes = [
      "CREATE (n:Hack {x: 1}) RETURN n",
      "MERGE (n:Hack {x: 1}) RETURN n",
      "MATCH (n:Entity) SET n.hacked = true RETURN count(n)",
      "MATCH (n:Entity) SET n:Hack RETURN count(n)",
      "MATCH (n:Entity {key: 'place:miami'}) DETACH DELETE n",
      "MATCH (n:Entity) REMOVE n.label RETURN count(n)",
      "MATCH (n:Entity) FOREACH (x IN [1] | SET n.hacked = x)",
      "CALL db.createLabel('Hack')",
      "MATCH (n:Entity) CALL (n) { SET n.hacked = 1 } IN TRANSACTIONS OF 10 ROWS",
    ];
    for (const query of writes) {
      const error = await runInReadTransaction(driver, query, {}, { timeoutMs: 10_000, rowCap: 10 }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error, query).toBeInstanceOf(CypherQueryError);
      expect((error as CypherQueryError).kind, query).toBe("refused");
      expect((error as CypherQueryError).neo4jCode, query).toBe("Neo.ClientError.Statement.AccessMode");
      expect((error as Error).message, query).toMatch(/^newsgraph\/cypher: the read-only transaction refused it: /);
    }
    await expectUnchanged();
  });

  it("should run read queries, with their rows and the graph elements they hold", async () => {
    const response = await post({
      query:
        "MATCH p = (a:Entity)-[r:HEADS]->(b:Entity) RETURN a, r, b.key AS target, p, [a.label, 1] AS list, {n: a.key, at: date('2025-01-02')} AS map",
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as Awaited<ReturnType<typeof runReadOnlyCypher>>;
    expect(result.columns).toEqual(["a", "r", "target", "p", "list", "map"]);
    expect(result.rows).toHaveLength(1);
    expect(result.truncated).toBe(false);
    const [a, r, target, p, list, map] = result.rows[0]!;
    expect(a).toMatchObject({ $node: { labels: expect.arrayContaining(["Entity", "Person"]), properties: { key: "person:kirill-dmitriev", label: "Kirill Dmitriev" } } });
    expect(r).toMatchObject({ $rel: { type: "HEADS", properties: { key: "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund" } } });
    expect(target).toBe("org:russian-direct-investment-fund");
    expect(p).toMatchObject({ $path: { nodes: [{ properties: { key: "person:kirill-dmitriev" } }, { properties: { key: "org:russian-direct-investment-fund" } }] } });
    expect(list).toEqual(["Kirill Dmitriev", 1]);
    expect(map).toEqual({ $map: { n: "person:kirill-dmitriev", at: { $text: "2025-01-02" } } });
    expect(result.graph.nodes.map((n) => n.properties.key)).toEqual(["person:kirill-dmitriev", "org:russian-direct-investment-fund"]);
    expect(result.graph.relationships.map((rel) => rel.properties.key)).toEqual(["person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund"]);
    const rel = result.graph.relationships[0]!;
    expect([rel.start, rel.end]).toEqual(result.graph.nodes.map((n) => n.id));

    for (const query of READS) {
      const res = await post({ query, params: { delete: 1 } });
      expect(res.status, `${query}: ${await res.clone().text()}`).toBe(200);
    }
    await expectUnchanged();
  });

  it("should cut the rows at the cap and say so", async () => {
    const capped = await runReadOnlyCypher(driver, "UNWIND range(1, 5000) AS x RETURN x", {}, { timeoutMs: 10_000, rowCap: 100 });
    expect(capped.rows).toHaveLength(100);
    expect(capped.rows[99]).toEqual([100]);
    expect(capped.truncated).toBe(true);
    expect(capped.columns).toEqual(["x"]);
    const exact = await runReadOnlyCypher(driver, "UNWIND range(1, 100) AS x RETURN x", {}, { timeoutMs: 10_000, rowCap: 100 });
    expect([exact.rows.length, exact.truncated]).toEqual([100, false]);
    const none = await runReadOnlyCypher(driver, "MATCH (n:Nothing) RETURN n.key AS key", {}, { timeoutMs: 10_000, rowCap: 100 });
    expect([none.columns, none.rows, none.truncated]).toEqual([["key"], [], false]);
    const response = await post({ query: "UNWIND range(1, 20) AS x RETURN x", rowCap: 5 });
    const body = (await response.json()) as { rows: unknown[]; truncated: boolean; rowCap: number };
    expect([body.rows.length, body.truncated, body.rowCap]).toEqual([5, true, 5]);
  });

  it("should stop a query at its timeout", async () => {
    const response = await post({ query: "UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)", timeoutMs: 300 });
    const body = (await response.json()) as { error: string; kind: string };
    expect(response.status, JSON.stringify(body)).toBe(408);
    expect(body.kind).toBe("timeout");
    expect(body.error).toMatch(/longer than 300 ms/);
  });

  it("should answer 400 for syntax errors and bad bodies", async () => {
    const syntax = await post({ query: "MATCH (n RETURN n" });
    expect(syntax.status).toBe(400);
    expect(await syntax.json()).toMatchObject({ kind: "error", code: "Neo.ClientError.Statement.SyntaxError" });
    for (const [body, parameter] of [
      ["{ not json", "body"],
      [[1, 2], "body"],
      [{ query: "" }, "query"],
      [{ query: 5 }, "query"],
      [{ query: "RETURN 1", params: [1] }, "params"],
      [{ query: "RETURN 1", rowCap: 0 }, "rowCap"],
      [{ query: "RETURN 1", timeoutMs: 10 }, "timeoutMs"],
    ] as const) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { parameter: string }).parameter).toBe(parameter);
    }
  });

  it("should answer 404 on the in-memory backend and 503 naming the URI when Neo4j is unreachable", async () => {
    delete process.env.NEO4J_URI;
    const memory = await post({ query: "RETURN 1" });
    expect(memory.status).toBe(404);
    expect(((await memory.json()) as { error: string }).error).toMatch(/needs the Neo4j backend: set NEO4J_URI/);
    process.env.NEO4J_URI = "bolt://127.0.0.1:9";
    const down = await post({ query: "RETURN 1" });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ backend: "neo4j", uri: "bolt://127.0.0.1:9", error: expect.stringContaining("bolt://127.0.0.1:9") });
  });
});
